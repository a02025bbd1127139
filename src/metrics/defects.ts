/**
 * Defect density (DOMAIN.md §3): confirmed defects per KLOC of the code base, and defects tied
 * to the change per changed KLOC (by linked commit, or by changed file when opened after the
 * change's first commit). A defect is confirmed unless its status or resolution
 * rejects it (duplicate, invalid, won't fix, not a bug, cannot reproduce, by design…); fixed
 * and closed defects still count, because density measures defects found in the code.
 */
import { metricInfo } from '../catalog/metrics.js';
import type { RunRecord } from '../store/records.js';
import { normalizePath } from './defect-rows.js';
import type { At } from './history.js';
import { Tally } from './measure.js';
import { completePeriods, periodLabel, type PeriodUnit } from './time.js';
import { DEFECT_SEVERITIES, type Defect, type DefectSeverity } from './types.js';

const REJECTED = new Set(['duplicate', 'invalid', 'wontfix', 'wontdo', 'notabug', 'notadefect', 'cannotreproduce', 'cantreproduce', 'notreproducible', 'worksasdesigned', 'worksasintended', 'bydesign', 'rejected', 'declined']);
const CLOSED = new Set(['closed', 'resolved', 'done', 'fixed', 'verified', 'released']);
const word = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/[^a-z]/g, '');

/** Whether a defect counts: not rejected by its status or resolution, and known by `asOf`. */
export function isConfirmed(d: Defect, asOf: number): boolean {
  if (REJECTED.has(word(d.status)) || REJECTED.has(word(d.resolution))) return false;
  return d.opened === undefined || Date.parse(d.opened) <= asOf;
}

/** Whether a confirmed defect is still open at `asOf`. */
export function isOpen(d: Defect, asOf: number): boolean {
  if (d.closed !== undefined) return Date.parse(d.closed) > asOf;
  return !CLOSED.has(word(d.status));
}

/** The change under review: its commits, its changed files and when its first commit was made (ISO). */
export interface ChangeRef {
  commits?: string[];
  files?: string[];
  /** When the change's first commit was made: a defect is tied by file only when opened at or after it. */
  since?: string;
}

/**
 * Whether a defect is tied to the change: a linked commit (either sha a prefix of the other, 7+
 * characters), or a changed file when the defect was opened at or after the change's first
 * commit (an older defect on a changed file is a defect of the old code, not of the change; a
 * defect with no opened date, or a change with no `since`, ties by commit only).
 */
export function tiedToChange(d: Defect, change: ChangeRef): boolean {
  const commits = (change.commits ?? []).map((c) => c.toLowerCase());
  const sameCommit = (a: string, b: string) => Math.min(a.length, b.length) >= 7 && (a.startsWith(b) || b.startsWith(a));
  if (d.commits.some((c) => commits.some((x) => sameCommit(c.toLowerCase(), x)))) return true;
  const since = change.since === undefined ? NaN : Date.parse(change.since);
  if (Number.isNaN(since) || d.opened === undefined || Date.parse(d.opened) < since) return false;
  const files = new Set((change.files ?? []).map(normalizePath));
  return d.files.some((f) => files.has(f));
}

export interface DefectTrendPoint {
  period: string;
  /** Confirmed defects opened in the period. */
  found: number;
  kloc?: number;
  /** found / KLOC: the rate at which defects are found, per KLOC. */
  density?: number;
}

export interface DefectReport {
  kloc?: number;
  newKloc?: number;
  confirmed: number;
  rejected: number;
  open: number;
  /** Evidence count metrics added to the confirmed defects (options.countEvidence). */
  fromEvidence: Record<string, number>;
  bySeverity: Record<DefectSeverity | 'unspecified', { confirmed: number; open: number }>;
  /** Ids of the confirmed defects tied to the change. */
  change?: string[];
  trend: DefectTrendPoint[];
}

export interface DefectInput {
  defects?: readonly Defect[];
  asOf: number;
  evidence: Record<string, number>;
  runs: readonly At<RunRecord>[];
  countEvidence: readonly string[];
  change?: ChangeRef;
  unit: PeriodUnit;
  periods: number;
}

/** size.kloc from the latest run recorded before `t`. */
function klocBefore(runs: readonly At<RunRecord>[], t: number): number | undefined {
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i]!;
    if (r.ms < t && r.r.metrics['size.kloc'] !== undefined) return r.r.metrics['size.kloc'];
  }
  return undefined;
}

function evidenceCounts(names: readonly string[], evidence: Record<string, number>, counterpart: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) {
    const name = counterpart ? metricInfo(n)?.newCounterpart : n;
    if (name !== undefined && evidence[name] !== undefined) out[name] = evidence[name];
  }
  return out;
}

const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
const perKloc = (n: number, kloc: number | undefined): number | undefined => (kloc !== undefined && kloc > 0 ? n / kloc : undefined);

/** The defect section of the report and the defects.* KPIs. */
export function defectKpis(input: DefectInput): { report: DefectReport | null; tally: Tally } {
  const tally = new Tally();
  const fromEvidence = evidenceCounts(input.countEvidence, input.evidence, false);
  if (!input.defects && Object.keys(fromEvidence).length === 0) {
    tally.skip(['defects.density', 'defects.newDensity', 'defects.open'], 'no defects file given: give the defects export (--defects FILE), or count evidence findings as defects (--count-as-defects METRIC)');
    return { report: null, tally };
  }
  const defects = input.defects ?? [];
  const confirmed = defects.filter((d) => isConfirmed(d, input.asOf));
  const open = confirmed.filter((d) => isOpen(d, input.asOf));
  const kloc = input.evidence['size.kloc'] ?? klocBefore(input.runs, input.asOf + 1);
  const newKloc = input.evidence['size.newKloc'];
  const bySeverity = Object.fromEntries([...DEFECT_SEVERITIES, 'unspecified'].map((s) => [s, { confirmed: 0, open: 0 }])) as DefectReport['bySeverity'];
  for (const d of confirmed) bySeverity[d.severity ?? 'unspecified'].confirmed++;
  for (const d of open) bySeverity[d.severity ?? 'unspecified'].open++;
  const report: DefectReport = { confirmed: confirmed.length, rejected: defects.length - confirmed.length, open: open.length, fromEvidence, bySeverity, trend: trend(input, confirmed, kloc) };
  if (kloc !== undefined) report.kloc = kloc;
  if (newKloc !== undefined) report.newKloc = newKloc;
  const noKloc = kloc === undefined ? 'size.kloc is in neither the evidence nor the run history; collect with --source' : 'size.kloc is 0';
  tally.set('defects.density', perKloc(confirmed.length + sum(fromEvidence), kloc), noKloc);
  if (input.defects) {
    tally.set('defects.open', open.length, '');
    for (const s of DEFECT_SEVERITIES) {
      tally.set(`defects.${s}`, bySeverity[s].open, '');
      const density = perKloc(bySeverity[s].confirmed, kloc);
      if (density !== undefined) tally.kpis[`defects.density.${s}`] = density;
    }
  } else tally.skip(['defects.open'], 'no defects file given');
  newDensity(input, confirmed, report, tally);
  return { report, tally };
}

function newDensity(input: DefectInput, confirmed: readonly Defect[], report: DefectReport, tally: Tally): void {
  const fromNew = evidenceCounts(input.countEvidence, input.evidence, true);
  const change = input.change;
  if (!change?.commits?.length && !change?.files?.length && Object.keys(fromNew).length === 0) {
    tally.skip(['defects.newDensity'], 'the change is unknown: give the evidence of the change, collected with --base REF (its changed files tie defects to the change)');
    return;
  }
  if (!change?.commits?.length && change?.files?.length && change.since === undefined && Object.keys(fromNew).length === 0) {
    tally.skip(['defects.newDensity'], "the change's first commit time is unknown, so no defect can be tied to it by file: collect the evidence with --base (it records changes.since) or give change.since");
    return;
  }
  const tied = change ? confirmed.filter((d) => tiedToChange(d, change)).map((d) => d.id) : [];
  report.change = tied;
  const why = report.newKloc === undefined ? 'size.newKloc is not in the evidence; collect with --base' : 'size.newKloc is 0 (no code changed)';
  tally.set('defects.newDensity', perKloc(tied.length + sum(fromNew), report.newKloc), why);
}

function trend(input: DefectInput, confirmed: readonly Defect[], kloc: number | undefined): DefectTrendPoint[] {
  return completePeriods(input.asOf, input.unit, input.periods).map(([start, end]) => {
    const found = confirmed.filter((d) => d.opened !== undefined && Date.parse(d.opened) >= start && Date.parse(d.opened) < end).length;
    const k = klocBefore(input.runs, end) ?? kloc;
    const density = perKloc(found, k);
    return { period: periodLabel(start, input.unit), found, ...(k === undefined ? {} : { kloc: k }), ...(density === undefined ? {} : { density }) };
  });
}
