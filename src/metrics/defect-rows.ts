/**
 * One tracker row (a CSV record or a JSON object) to a Defect. Column names of common
 * trackers are accepted case-insensitively (Jira `Issue key`, `Created`, `Resolved`; GitHub
 * `number`, `created_at`, `closed_at`; Azure Boards `ID`, `State`…); severities are mapped
 * onto critical/high/medium/low (blocker, P0, S1 → critical; major, P1 → high; …).
 */
import { closest } from '../policy/suggest.js';
import { normalizeHeader } from './csv.js';
import { isCalendarDate } from './time.js';
import { DEFECT_SEVERITIES, type Defect, type DefectSeverity } from './types.js';

export const DEFECT_COLUMNS = {
  id: ['id', 'key', 'issuekey', 'issueid', 'issue', 'number', 'defectid', 'bugid', 'ticket'],
  severity: ['severity', 'sev', 'priority', 'level'],
  opened: ['opened', 'openedat', 'created', 'createdat', 'createdon', 'createddate', 'reported', 'reportedat', 'dateopened', 'submitted'],
  closed: ['closed', 'closedat', 'closeddate', 'dateclosed', 'resolved', 'resolvedat', 'resolutiondate', 'fixedat'],
  status: ['status', 'state'],
  resolution: ['resolution'],
  commits: ['commits', 'commit', 'linkedcommits', 'linkedcommit', 'fixcommits', 'fixcommit', 'sha', 'revision', 'changeset'],
  files: ['files', 'file', 'paths', 'path', 'changedfiles', 'linkedfiles'],
} as const;
export type DefectField = keyof typeof DEFECT_COLUMNS;

const SEVERITY_WORDS: Record<string, DefectSeverity> = {};
for (const [sev, words] of Object.entries({
  critical: ['critical', 'blocker', 'urgent', 'highest', 'showstopper', 'p0', 's0', 's1', 'sev0', 'sev1', '1'],
  high: ['high', 'major', 'p1', 's2', 'sev2', '2'],
  medium: ['medium', 'normal', 'moderate', 'p2', 's3', 'sev3', '3'],
  low: ['low', 'minor', 'trivial', 'lowest', 'cosmetic', 'p3', 'p4', 's4', 'sev4', '4', '5'],
})) {
  for (const w of words) SEVERITY_WORDS[w] = sev as DefectSeverity;
}

/** A raw cell: CSV text, or a JSON value (string, number, list, `{name}`/`{value}` object). */
export type RawValue = unknown;

function text(v: RawValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { name?: unknown; value?: unknown };
    return text(o.name ?? o.value);
  }
  return Array.isArray(v) ? v.map(text).join(' ') : String(v).trim();
}

function list(v: RawValue): string[] {
  const items = Array.isArray(v) ? v.map(text) : text(v).split(/[\s,;|]+/);
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** ISO-8601 date or date-time (a space may stand for `T`; no zone means UTC) to an ISO instant. */
export function parseInstant(s: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[2] && m[2].length === 5 ? ':00' : ''}${m[3] ?? 'Z'}`);
  if (Number.isNaN(ms) || !isCalendarDate(m[1]!)) return undefined;
  return new Date(ms).toISOString();
}

function severityOf(raw: string): DefectSeverity | string | undefined {
  if (raw === '') return undefined;
  const key = normalizeHeader(raw.replace(/^\d+\s*[-:.]\s*/, ''));
  const sev = SEVERITY_WORDS[key] ?? SEVERITY_WORDS[normalizeHeader(raw)];
  if (sev) return sev;
  const guess = closest(raw.toLowerCase(), [...DEFECT_SEVERITIES, 'blocker', 'major', 'minor', 'trivial']);
  return `unknown severity "${raw}" (use critical, high, medium or low, or blocker/major/minor/trivial, P0-P4, S1-S4${guess ? `; did you mean "${guess}"?` : ''})`;
}

function date(raw: RawValue, field: string): string | { error: string } | undefined {
  const s = text(raw);
  if (s === '') return undefined;
  return parseInstant(s) ?? { error: `${field} "${s}" is not a date; use ISO-8601 such as 2026-09-01 or 2026-09-01T10:22:00Z` };
}

/** The Defect a row describes, or the message saying what is wrong with it. */
export function toDefect(get: (field: DefectField) => RawValue): Defect | { error: string } {
  const id = text(get('id'));
  if (id === '') return { error: 'the defect has no id (an id, key or number column)' };
  const severity = severityOf(text(get('severity')));
  if (severity && !(DEFECT_SEVERITIES as readonly string[]).includes(severity)) return { error: `defect ${id}: ${severity}` };
  const opened = date(get('opened'), 'opened');
  const closed = date(get('closed'), 'closed');
  for (const d of [opened, closed]) if (typeof d === 'object') return { error: `defect ${id}: ${d.error}` };
  if (typeof opened === 'string' && typeof closed === 'string' && closed < opened) return { error: `defect ${id}: closed ${closed} is before opened ${opened}` };
  const out: Defect = { id, commits: list(get('commits')), files: list(get('files')).map(normalizePath) };
  if (severity) out.severity = severity as DefectSeverity;
  if (typeof opened === 'string') out.opened = opened;
  if (typeof closed === 'string') out.closed = closed;
  const status = text(get('status')).toLowerCase();
  const resolution = text(get('resolution')).toLowerCase();
  if (status) out.status = status;
  if (resolution) out.resolution = resolution;
  return out;
}

/** Repository-relative path with forward slashes and no leading `./`. */
export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
