/**
 * The order and filters every adapter applies alike: records by time then id, projects by
 * Unicode code point (what PostgreSQL's "C" collation gives), query matching in memory.
 */
import type { HistoryRecord } from './records.js';
import type { CheckedQuery } from './validate.js';

/** Compares strings by code point, not by UTF-16 unit as `<` does: the order of a "C" collation. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** A predicate for the records a checked query selects. */
export function recordMatcher(q: CheckedQuery): (r: HistoryRecord) => boolean {
  return (r) => {
    if (q.project !== undefined && r.project !== q.project) return false;
    if (q.kinds && !q.kinds.has(r.kind)) return false;
    if (q.fromMs === undefined && q.toMs === undefined) return true;
    const ms = Date.parse(r.time);
    return (q.fromMs === undefined || ms >= q.fromMs) && (q.toMs === undefined || ms < q.toMs);
  };
}

/** Sorts records by time, then id (ids are ASCII, so `<` is the code point order). */
export function sortRecords(records: HistoryRecord[]): HistoryRecord[] {
  // Parse each time once rather than in every comparison.
  const keyed = records.map((r) => ({ ms: Date.parse(r.time), r }));
  keyed.sort((a, b) => a.ms - b.ms || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  return keyed.map((k) => k.r);
}
