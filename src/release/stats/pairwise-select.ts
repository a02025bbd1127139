/**
 * Order statistics of the n·m pairwise differences x[i] − y[j] without enumerating them
 * (Monahan 1984 / Johnson & Mizoguchi 1978): the differences form an implicit matrix sorted
 * along rows and columns; each round picks a random remaining candidate as pivot, counts the
 * differences below it in O(n + m) with two pointers and keeps only the rows' candidate ranges
 * on the k-th side. Expected O(log(n·m)) rounds, so O((n + m)·log(n·m)) time and O(n + m)
 * memory. The result is exact: the k-th smallest of the differences as doubles compute them.
 */
import { mulberry32 } from '../../metrics/random.js';

// Matrix cell (i, j) is x[i] − y[m − 1 − j]: rows and columns increase with i and j.
interface Search {
  x: Float64Array;
  y: Float64Array;
  lo: Int32Array; // first candidate column of each row
  hi: Int32Array; // one past the last candidate column of each row
}

const cell = (s: Search, i: number, j: number): number => s.x[i]! - s.y[s.y.length - 1 - j]!;

/** For each row, how many cells are < pivot (strict) or ≤ pivot; returns the two totals. */
function countBelow(s: Search, pivot: number, strict: boolean, out: Int32Array): number {
  const { x, y } = s;
  const m = y.length;
  let t = 0; // first y-index whose difference passes the test; moves right as x grows
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    while (t < m && (strict ? !(xi - y[t]! < pivot) : !(xi - y[t]! <= pivot))) t++;
    out[i] = m - t;
    total += m - t;
  }
  return total;
}

function pickPivot(s: Search, remaining: number, rand: () => number): number {
  let r = Math.floor(rand() * remaining);
  for (let i = 0; i < s.lo.length; i++) {
    const width = s.hi[i]! - s.lo[i]!;
    if (r < width) return cell(s, i, s.lo[i]! + r);
    r -= width;
  }
  return cell(s, s.lo.length - 1, s.hi[s.lo.length - 1]! - 1);
}

function finish(s: Search, k: number): number {
  const values: number[] = [];
  let below = 0;
  for (let i = 0; i < s.lo.length; i++) {
    below += s.lo[i]!;
    for (let j = s.lo[i]!; j < s.hi[i]!; j++) values.push(cell(s, i, j));
  }
  values.sort((a, b) => a - b);
  return values[k - below]!;
}

/**
 * The k-th smallest (0-based) of the differences x[i] − y[j], x and y sorted ascending and
 * non-empty, 0 ≤ k < n·m. Deterministic: the pivots come from a fixed-seed generator.
 */
export function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  const n = x.length;
  const s: Search = { x, y, lo: new Int32Array(n), hi: new Int32Array(n).fill(y.length) };
  const less = new Int32Array(n);
  const lessEq = new Int32Array(n);
  const rand = mulberry32(0x9e3779b9);
  let remaining = n * y.length;
  while (remaining > Math.max(n + y.length, 64)) {
    const pivot = pickPivot(s, remaining, rand);
    const nLess = countBelow(s, pivot, true, less);
    const nLessEq = countBelow(s, pivot, false, lessEq);
    if (k >= nLess && k < nLessEq) return pivot;
    remaining = 0;
    for (let i = 0; i < n; i++) {
      if (k < nLess) s.hi[i] = Math.max(s.lo[i]!, Math.min(s.hi[i]!, less[i]!));
      else s.lo[i] = Math.min(s.hi[i]!, Math.max(s.lo[i]!, lessEq[i]!));
      remaining += s.hi[i]! - s.lo[i]!;
    }
  }
  return finish(s, k);
}

/** The smallest difference strictly greater than v (Infinity if none), in O(n + m). */
export function nextDifferenceAbove(x: Float64Array, y: Float64Array, v: number): number {
  let best = Number.POSITIVE_INFINITY;
  // Row i's differences fall as the y-index grows; those above v form a prefix whose length
  // only grows with x[i], so one pointer serves all rows.
  let above = 0;
  for (let i = 0; i < x.length; i++) {
    while (above < y.length && x[i]! - y[above]! > v) above++;
    if (above > 0) best = Math.min(best, x[i]! - y[above - 1]!);
  }
  return best;
}

/** Median of the pairwise differences (the Hodges-Lehmann shift estimate), as R's median(). */
export function medianDifference(x: Float64Array, y: Float64Array): number {
  const total = x.length * y.length;
  const k = Math.floor((total - 1) / 2);
  const a = kthDifference(x, y, k);
  if (total % 2 === 1) return a;
  return (a + kthDifferenceAfter(x, y, k, a)) / 2;
}

/** The (k+1)-th smallest difference given the k-th is a (0-based), in O(n + m). */
export function kthDifferenceAfter(x: Float64Array, y: Float64Array, k: number, a: number): number {
  const scratch = new Int32Array(x.length);
  const atMost = countBelow({ x, y, lo: scratch, hi: scratch }, a, false, scratch);
  return atMost > k + 1 ? a : nextDifferenceAbove(x, y, a);
}
