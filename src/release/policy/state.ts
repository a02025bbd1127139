/**
 * The `release` section while layers are applied: each entry's values with where each was
 * last set, and the locks in force. Shared by the merge, the lock checks and the build.
 */
import type { Diagnostic } from '../../errors.js';
import { quoted } from '../../policy/quote.js';
import { keyRef, valueRef, type Origin } from './entries.js';
import { fieldDefault, type ListPart, type Part } from './fields.js';

/** Where a value was set, and by the how-manyth layer of the chain (to tell which came later). */
export type Placed = Origin & { seq: number };

/** A step, metric or approver (or the score, or the limits) while layers are applied. */
export interface EntryState {
  part: Part;
  key?: string;
  /** Order of first definition: breaks ties between steps of equal weight. */
  order: number;
  fields: Map<string, unknown>;
  /** Where each field was last set. */
  origins: Map<string, Placed>;
  /** The entry's own locks, in the order set: every field (true) or the names listed. */
  locks: { fields: true | readonly string[]; at: Placed }[];
}

/** The section while layers are applied. */
export interface ReleaseState {
  /** The first and the last layer's `release`. */
  first: Placed;
  last: Placed;
  /** Section locks, in the order set: every part (true) or the parts listed. */
  sectionLocks: { parts: true | readonly Part[]; at: Placed }[];
  lists: Record<ListPart, EntryState[]>;
  /** Whether any layer gave steps, metrics. */
  given: { steps: boolean; metrics: boolean };
  score: EntryState;
  limits: EntryState;
}

/** An origin with the index of its layer in the chain. */
export const place = (o: Origin, seq: number): Placed => ({ ...o, seq });

/** An entry with nothing set yet. */
export const emptyEntry = (part: Part): EntryState => ({ part, order: 0, fields: new Map(), origins: new Map(), locks: [] });

/** A field's value, or its default. */
export function current(e: EntryState, field: string): unknown {
  return e.fields.has(field) ? e.fields.get(field) : fieldDefault(e.part, field, e.fields);
}

/** A diagnostic at the key (default) or the value at `o`. */
export function diagnosticAt(o: Origin, message: string, key = true): Diagnostic {
  const { file, line, col } = key ? keyRef(o) : valueRef(o);
  return { file, line, col, message };
}

/** A value as messages show it: text from a file quoted, escaped and cut. */
export function show(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return typeof v === 'string' ? quoted(v) : String(v);
}

/** How messages name an entry. */
export function entryLabel(e: EntryState): string {
  if (e.part === 'score' || e.part === 'limits') return `release.${e.part}`;
  if (e.key !== undefined) return `release ${e.part === 'steps' ? 'step' : e.part === 'metrics' ? 'metric' : 'approver'} ${quoted(e.key)}`;
  return `the release step at weight ${String(e.fields.get('weight'))}`;
}
