/**
 * One file's `release` section as a layer (already checked by the schema): each step, metric
 * and approver as an entry named by its id or name, score and limits as one entry each, with
 * the locks the file sets and where every value is written. The checks that need only this
 * file are made here: repeated ids and names, weights going down as written, `of` with `role`.
 */
import type { Diagnostic } from '../../errors.js';
import { locate } from '../../policy/locate.js';
import { quoted } from '../../policy/quote.js';
import type { PolicyFile } from '../../policy/text.js';
import type { SourceRef } from '../../policy/types.js';
import { SPECS, type ListPart, type Part } from './fields.js';

/** A place in one file, as `locate` takes it. */
export interface Origin {
  file: PolicyFile;
  segs: readonly string[];
}

/** Where the key at `o` is written. */
export const keyRef = (o: Origin): SourceRef => locate(o.file, o.segs, true);
/** Where the value at `o` (or below it) is written. */
export const valueRef = (o: Origin, ...below: string[]): SourceRef => locate(o.file, [...o.segs, ...below]);

/** What a `locked` key says: everything, some names, or `false` (an attempt to unlock). */
export type LockValue = boolean | readonly string[];

/** A step, metric or approver (or the score, or the limits) as one layer states it. */
export interface ReleaseEntry {
  part: Part;
  /** The step's id or the metric's or approver's name; absent for a step without an id. */
  key?: string;
  /** Fields by flat name (`minDuration`, `limit.max`); null removes an inherited value. */
  fields: Map<string, unknown>;
  lock?: { value: LockValue; at: Origin };
  /** The entry itself, e.g. `release.steps[0]`. */
  at: Origin;
}

/** Where a field of an entry is written. */
export const fieldOrigin = (e: ReleaseEntry, field: string): Origin => ({ file: e.at.file, segs: [...e.at.segs, ...field.split('.')] });

/** One file's `release` section. */
export interface ReleaseLayer {
  /** The section: `release`. */
  at: Origin;
  /** The section's `locked`: true for every part, or the parts it names. */
  lock?: { value: LockValue; at: Origin };
  /** Entries of each list the file gives (a list not given is absent). */
  lists: Partial<Record<ListPart, ReleaseEntry[]>>;
  score?: ReleaseEntry;
  limits?: ReleaseEntry;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function lockOf(file: PolicyFile, segs: readonly string[], raw: Obj): ReleaseEntry['lock'] {
  const v = raw.locked;
  return typeof v === 'boolean' || Array.isArray(v) ? { value: v as LockValue, at: { file, segs: [...segs, 'locked'] } } : undefined;
}

function entryOf(file: PolicyFile, part: Part, segs: readonly string[], raw: Obj): ReleaseEntry {
  const spec = SPECS[part];
  const fields = new Map<string, unknown>();
  for (const name of Object.keys(spec.fields)) {
    const [block, sub] = name.split('.');
    if (sub === undefined) {
      if (name in raw) fields.set(name, raw[name]);
      continue;
    }
    const b = raw[block!];
    // `approvals: null` removes every value of the block.
    if (b === null) fields.set(name, null);
    else if (isObj(b) && sub in b) fields.set(name, b[sub]);
  }
  const key = spec.key ? raw[spec.key] : undefined;
  return { part, ...(typeof key === 'string' ? { key } : {}), fields, lock: lockOf(file, segs, raw), at: { file, segs } };
}

function diagnostic(o: Origin, message: string, key = false): Diagnostic {
  const { file, line, col } = key ? keyRef(o) : valueRef(o);
  return { file, line, col, message };
}

const REPEAT: Record<ListPart, (key: string, first: number) => string> = {
  steps: (key, first) => `step id ${quoted(key)} repeats release.steps[${first}]; step ids are unique`,
  metrics: (key, first) => `metric name ${quoted(key)} repeats release.metrics[${first}]; metric names are unique`,
  approvers: (key, first) => `approver ${quoted(key)} repeats release.approvers[${first}]; list each person once`,
};

/** The entries of one list, without repeats (each reported at its key). */
function listOf(file: PolicyFile, part: ListPart, raw: unknown[], diagnostics: Diagnostic[]): ReleaseEntry[] {
  const first = new Map<string, number>();
  const entries: ReleaseEntry[] = [];
  raw.forEach((item, i) => {
    const e = entryOf(file, part, ['release', part, `${i}`], item as Obj);
    const seen = e.key === undefined ? undefined : first.get(e.key);
    if (seen !== undefined) diagnostics.push(diagnostic(fieldOrigin(e, SPECS[part].key!), REPEAT[part](e.key!, seen)));
    else {
      if (e.key !== undefined) first.set(e.key, i);
      entries.push(e);
    }
  });
  return entries;
}

function stepProblems(steps: readonly ReleaseEntry[], diagnostics: Diagnostic[]): void {
  let prev: number | undefined;
  for (const s of steps) {
    const i = s.at.segs[2];
    const w = s.fields.get('weight') as number | undefined;
    if (w !== undefined && prev !== undefined && w < prev) diagnostics.push(diagnostic(fieldOrigin(s, 'weight'), `release.steps[${i}].weight ${w} is below the previous step's ${prev}; traffic weights never go down`));
    prev = w ?? prev;
    if (s.fields.get('approvals.of') != null && s.fields.get('approvals.role') != null) {
      diagnostics.push(diagnostic(fieldOrigin(s, 'approvals.role'), `release.steps[${i}].approvals has both of and role; give the people (of) or the role, not both`));
    }
  }
}

/**
 * The layer of one file's `release` section, when it passed the schema (`valid`); otherwise
 * nothing (the schema errors are already reported), like a file without one.
 */
export function releaseLayer(file: PolicyFile, data: unknown, valid: boolean): { release?: ReleaseLayer; diagnostics: Diagnostic[] } {
  const raw = isObj(data) ? data.release : undefined;
  if (!isObj(raw) || !valid) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const lists: ReleaseLayer['lists'] = {};
  for (const part of ['steps', 'metrics', 'approvers'] as const) {
    const list = raw[part];
    if (Array.isArray(list)) lists[part] = listOf(file, part, list, diagnostics);
  }
  stepProblems(lists.steps ?? [], diagnostics);
  const single = (part: 'score' | 'limits') => (isObj(raw[part]) ? entryOf(file, part, ['release', part], raw[part] as Obj) : undefined);
  const release: ReleaseLayer = { at: { file, segs: ['release'] }, lock: lockOf(file, ['release'], raw), lists, score: single('score'), limits: single('limits') };
  return { release, diagnostics };
}
