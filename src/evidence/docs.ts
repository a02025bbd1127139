/**
 * Requirement and design documents: kind, sign-offs (front matter `signoff:` or a
 * `<doc>.signoff.yaml` beside it), last update, and requirement ids with acceptance criteria.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { MAX_ALIAS_COUNT, checkYamlBounds, decodeDocument, gherkinKeyword, headingText, isAcceptanceLine, isoDate, trimDashes } from './doc-text.js';
import { fileError, fileSize, ioError } from './files.js';
import { PhasegateError } from '../errors.js';
import { percent } from './coverage/model.js';
import type { DocumentEvidence, Signoff } from './types.js';

const MAX_DOC_BYTES = 16 * 1024 * 1024;
const REQ_ID = /\b[A-Z][A-Z0-9]*-\d+\b/;

/** A `--docs` entry: `KIND=GLOB` or a plain glob. */
export function parseDocsEntry(entry: string): { kind?: string; glob: string } {
  const m = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/.exec(entry);
  return m ? { kind: m[1]!.toLowerCase(), glob: m[2]! } : { glob: entry };
}

/** A metric-safe kind name. */
export function kindKey(kind: string): string {
  return trimDashes(kind.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')) || 'docs';
}

interface FrontMatter {
  data: Record<string, unknown>;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

function parseYaml(text: string, shown: string, lineOffset: number, what: string): unknown {
  checkYamlBounds(text, shown, lineOffset + 1, what);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw fileError(shown, `invalid YAML in ${what}: ${err.message.split('\n')[0]}`, pos.line + lineOffset, pos.col);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // yaml throws a ReferenceError for an alias bomb (and for an alias to no anchor).
    throw fileError(shown, `invalid YAML in ${what}: ${(err as Error).message.split('\n')[0]}; write the values out instead of aliases`, lineOffset + 1, 1);
  }
}

function frontMatter(text: string, shown: string): FrontMatter {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { data: {}, bodyLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) throw fileError(shown, 'front matter starts with --- but never ends; close it with a --- line', 1, 1);
  const data = parseYaml(lines.slice(1, end).join('\n'), shown, 1, 'front matter') ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw fileError(shown, 'front matter must be a YAML mapping (key: value lines)', 2, 1);
  return { data: data as Record<string, unknown>, bodyLine: end + 2 };
}

/** Validates a sign-off list (front matter or sign-off file). */
function signoffs(value: unknown, shown: string, line: number): Signoff[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fileError(shown, 'signoff must be a list of { by, role, date }', line, 1);
  return value.map((s: unknown, i) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const date = isoDate(o.date, shown, line, `signoff entry ${i + 1}: date`);
    if (typeof o.by !== 'string' || !o.by || typeof o.role !== 'string' || !o.role || !date) {
      throw fileError(shown, `signoff entry ${i + 1} needs by, role and an ISO date (e.g. { by: Li Wei, role: product-manager, date: 2026-10-03 })`, line, 1);
    }
    return { by: o.by, role: o.role, date };
  });
}

/** Requirement ids in headings and whether each has acceptance criteria before the next requirement heading. */
export function scanRequirements(body: string): Map<string, boolean> {
  const reqs = new Map<string, boolean>();
  let current: string | undefined;
  let fenced = false;
  let gherkin = new Set<string>();
  const close = (): void => {
    if (current && gherkin.has('then') && (gherkin.has('given') || gherkin.has('when'))) reqs.set(current, true);
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = headingText(line);
    const id = heading ? REQ_ID.exec(heading)?.[0] : undefined;
    if (id) {
      close();
      current = id;
      gherkin = new Set();
      if (!reqs.has(id)) reqs.set(id, false);
      continue;
    }
    if (!current) continue;
    if (isAcceptanceLine(line)) reqs.set(current, true);
    const g = gherkinKeyword(line);
    if (g) gherkin.add(g);
  }
  close();
  return reqs;
}

/** Reads one document. `kind` from the flag wins over front matter `kind:`, then the parent folder. */
export function readDocument(
  file: string,
  shown: string,
  kind: string | undefined,
  lastCommitDate: (file: string) => string | undefined,
): { doc: DocumentEvidence; requirements?: Map<string, boolean> } {
  if (fileSize(file, shown) > MAX_DOC_BYTES) throw fileError(shown, 'document larger than 16 MB');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw ioError(shown, err);
  }
  const text = decodeDocument(bytes, shown);
  const fm = frontMatter(text, shown);
  const resolvedKind = kindKey(kind ?? (typeof fm.data.kind === 'string' ? fm.data.kind : path.basename(path.dirname(path.resolve(file)))));
  const list = signoffs(fm.data.signoff, shown, 2);
  const sidecar = file.replace(/\.[^./]+$/, '') + '.signoff.yaml';
  for (const candidate of [`${file}.signoff.yaml`, sidecar]) {
    if (candidate !== file && existsSync(candidate)) {
      const shownSidecar = path.join(path.dirname(shown), path.basename(candidate)).split(path.sep).join('/');
      if (fileSize(candidate, shownSidecar) > 64 * 1024) throw fileError(shownSidecar, 'sign-off file larger than 64 KB; keep only the sign-off list in it');
      let yamlText: string;
      try {
        yamlText = decodeDocument(readFileSync(candidate), shownSidecar, true);
      } catch (err) {
        if (err instanceof PhasegateError) throw err;
        throw ioError(shownSidecar, err);
      }
      list.push(...signoffs(parseYaml(yamlText, shownSidecar, 0, 'sign-off file'), shownSidecar, 1));
      break;
    }
  }
  const doc: DocumentEvidence = { kind: resolvedKind, path: shown, signoffs: list.sort((a, b) => a.role.localeCompare(b.role) || a.by.localeCompare(b.by)) };
  const updated = isoDate(fm.data.updated, shown, 2, 'updated') ?? lastCommitDate(file);
  if (updated) doc.updated = updated;
  if (!resolvedKind.includes('requirement')) return { doc };
  const requirements = scanRequirements(text.split(/\r?\n/).slice(fm.bodyLine - 1).join('\n'));
  doc.requirements = { count: requirements.size, withAcceptance: [...requirements.values()].filter(Boolean).length };
  return { doc, requirements };
}

/** `docs.<kind>.present`, `docs.<kind>.signedBy` and the `requirements.*` metrics. */
export function documentMetrics(docs: DocumentEvidence[], requirements: Map<string, boolean>): Record<string, number> {
  const out: Record<string, number> = {};
  const byKind = new Map<string, DocumentEvidence[]>();
  for (const d of docs) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
  for (const [kind, list] of byKind) {
    out[`docs.${kind}.present`] = list.length;
    let roles: Set<string> | undefined;
    for (const d of list) {
      const mine = new Set(d.signoffs.map((s) => s.role));
      roles = roles ? new Set([...roles].filter((r) => mine.has(r))) : mine;
    }
    out[`docs.${kind}.signedBy`] = roles?.size ?? 0;
  }
  if (docs.some((d) => d.requirements)) {
    const count = requirements.size;
    const withAcceptance = [...requirements.values()].filter(Boolean).length;
    out['requirements.count'] = count;
    out['requirements.withAcceptance'] = withAcceptance;
    if (count > 0) out['requirements.acceptanceRate'] = percent(withAcceptance, count);
  }
  return out;
}
