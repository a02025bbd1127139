/**
 * Order statistics of the n·m pairwise differences x[i] − y[j] without enumerating them
 * (Monahan 1984 / Johnson & Mizoguchi 1978): the differences form an implicit matrix sorted
 * along rows and columns; each round samples the remaining candidates for two pivots around
 * the k-th, counts the differences below each in O(n + m) with two pointers and keeps, per row,
 * only the candidate columns between them. Each round keeps about 4/√16384 = 1/32 of the candidates,
 * so a handful of rounds: O((n + m)·log(n·m)) time, O(n + m) memory. The result is exact: the k-th smallest of the differences as doubles compute them.
 */
import { mulberry32 } from '../../metrics/random.js';

// Matrix cell (i, j) is x[i] − y[m − 1 − j]: rows and columns increase with i and j.
interface Search {
  x: Float64Array;
  y: Float64Array;
  lo: Int32Array; // first candidate column of each row
  hi: Int32Array; // one past the last candidate column of each row
  below: number; // cells left of the candidates, all smaller than them
}

const SAMPLE = 16384;
/**
 * Below this many candidates a selection collects them and picks its rank in linear time
 * (quickselect) rather than run another O(n + m) round: at 10^6 per side that saves a round per
 * rank, at about 32 MB for the collected values.
 */
export const FINISH = 4_000_000;

const cell = (s: Search, i: number, j: number): number => s.x[i]! - s.y[s.y.length - 1 - j]!;

/** Per row, the cells < pivot and ≤ pivot (two pointers, one pass); returns both totals. */
function countBoth(s: Search, pivot: number, less: Int32Array, lessEq: Int32Array): [number, number] {
  const { x, y } = s;
  const m = y.length;
  // Row i's differences fall as the y-index grows; those below the pivot are a suffix that
  // starts further right as x grows, so the pointer only moves forward. Cells equal to the
  // pivot sit just left of that start: a short backward scan finds them.
  let a = 0;
  let totalLess = 0;
  let totalLessEq = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    while (a < m && !(xi - y[a]! < pivot)) a++;
    let b = a;
    while (b > 0 && xi - y[b - 1]! === pivot) b--;
    less[i] = m - a;
    lessEq[i] = m - b;
    totalLess += m - a;
    totalLessEq += m - b;
  }
  return [totalLess, totalLessEq];
}

/** Two pivots from a uniform sample of the remaining candidates, bracketing ranks from..to. */
function pickPivots(s: Search, remaining: number, from: number, to: number, rand: () => number): [number, number] {
  const n = s.lo.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + (s.hi[i]! - s.lo[i]!);
  const size = Math.min(SAMPLE, remaining);
  // Sorted offsets let one forward walk over the rows place them (no cache-missing searches).
  const offsets = new Float64Array(size);
  for (let t = 0; t < size; t++) offsets[t] = Math.floor(rand() * remaining);
  offsets.sort();
  const sample = new Float64Array(size);
  let row = 0;
  for (let t = 0; t < size; t++) {
    const r = offsets[t]!;
    while (prefix[row + 1]! <= r) row++;
    sample[t] = cell(s, row, s.lo[row]! + (r - prefix[row]!));
  }
  sample.sort();
  const spread = 2 * Math.sqrt(size); // about 4 standard deviations of the sample rank
  const lower = Math.floor((from / remaining) * size - spread);
  const upper = Math.ceil((to / remaining) * size + spread);
  return [sample[Math.max(0, lower)]!, sample[Math.min(size - 1, upper)]!];
}

/** The k-th smallest (0-based) of `values`, reordering them (Hoare's quickselect, random pivots). */
function quickselect(values: Float64Array, k: number, rand: () => number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[lo + Math.floor(rand() * (hi - lo + 1))]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

function finish(s: Search, k: number, rand: () => number): number {
  let size = 0;
  for (let i = 0; i < s.lo.length; i++) size += s.hi[i]! - s.lo[i]!;
  const values = new Float64Array(size);
  let below = 0;
  let at = 0;
  for (let i = 0; i < s.lo.length; i++) {
    below += s.lo[i]!;
    for (let j = s.lo[i]!; j < s.hi[i]!; j++) values[at++] = cell(s, i, j);
  }
  return quickselect(values, k - below, rand);
}

/** Keeps, per row, only the candidate columns in [from[i], to[i]). */
function narrow(s: Search, from: Int32Array | null, to: Int32Array | null): number {
  let remaining = 0;
  let below = 0;
  for (let i = 0; i < s.lo.length; i++) {
    if (from) s.lo[i] = Math.max(s.lo[i]!, from[i]!);
    if (to) s.hi[i] = Math.min(s.hi[i]!, to[i]!);
    if (s.hi[i]! < s.lo[i]!) s.hi[i] = s.lo[i]!;
    remaining += s.hi[i]! - s.lo[i]!;
    below += s.lo[i]!;
  }
  s.below = below;
  return remaining;
}

type Counts = [Int32Array, Int32Array, Int32Array, Int32Array];

/** Narrows `s` in place to the k-th (0-based) and returns it. */
function selectIn(s: Search, k: number, counts: Counts, rand: () => number, finishBelow: number): number {
  const [lessA, lessEqA, lessB, lessEqB] = counts;
  let remaining = narrow(s, null, null);
  while (remaining > finishBelow) {
    const [p, q] = pickPivots(s, remaining, k - s.below, k - s.below, rand);
    const [ltP, leP] = countBoth(s, p, lessA, lessEqA);
    if (k >= ltP && k < leP) return p;
    if (k < ltP) {
      remaining = narrow(s, null, lessA); // the k-th lies below the lower pivot
      continue;
    }
    const [ltQ, leQ] = countBoth(s, q, lessB, lessEqB);
    if (k >= ltQ && k < leQ) return q;
    remaining = k < ltQ ? narrow(s, lessEqA, lessB) : narrow(s, lessEqB, null);
  }
  return finish(s, k, rand);
}

/** Shrinks the candidates to a band holding all ranks in [kMin, kMax] while that pays. */
function sharedBand(s: Search, kMin: number, kMax: number, counts: Counts, rand: () => number, finishBelow: number): void {
  const [lessA, lessEqA, lessB, lessEqB] = counts;
  let remaining = narrow(s, null, null);
  while (remaining > finishBelow) {
    const below = s.below;
    const [p, q] = pickPivots(s, remaining, kMin - below, kMax - below, rand);
    const [ltP] = countBoth(s, p, lessA, lessEqA);
    const [, leQ] = countBoth(s, q, lessB, lessEqB);
    if (ltP > kMin || leQ <= kMax) return; // the sample missed: let each selection go alone
    const next = narrow(s, lessA, lessEqB);
    if (next > remaining / 2) return;
    remaining = next;
  }
}

/**
 * The k-th smallest (0-based) of the differences x[i] − y[j] for each k of `ks`, x and y sorted
 * ascending and non-empty, 0 ≤ k < n·m. The ranks first share a band of candidates, then each is
 * selected within it. Deterministic: the pivots come from a fixed-seed generator. `finishBelow`
 * (default {@link FINISH}) is where the sampling rounds stop; tests lower it to exercise them.
 */
export function kthDifferences(x: Float64Array, y: Float64Array, ks: readonly number[], finishBelow = FINISH): number[] {
  const n = x.length;
  const s: Search = { x, y, lo: new Int32Array(n), hi: new Int32Array(n).fill(y.length), below: 0 };
  const counts = [0, 1, 2, 3].map(() => new Int32Array(n)) as Counts;
  const rand = mulberry32(0x9e3779b9);
  if (ks.length > 1) sharedBand(s, Math.min(...ks), Math.max(...ks), counts, rand, finishBelow);
  return ks.map((k) => selectIn({ x, y, lo: s.lo.slice(), hi: s.hi.slice(), below: s.below }, k, counts, rand, finishBelow));
}

/** The k-th smallest (0-based) of the differences x[i] − y[j]; see {@link kthDifferences}. */
export function kthDifference(x: Float64Array, y: Float64Array, k: number): number {
  return kthDifferences(x, y, [k])[0]!;
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
  const [, atMost] = countBoth({ x, y, lo: scratch, hi: scratch, below: 0 }, a, scratch, scratch);
  return atMost > k + 1 ? a : nextDifferenceAbove(x, y, a);
}

/**
 * The Hodges-Lehmann estimate (R's median of the differences) and the differences at the given
 * 0-based ranks, selected together; a null rank is an unbounded end (−∞ low, +∞ high).
 */
export function shiftAt(x: Float64Array, y: Float64Array, ranks: readonly [number | null, number | null]): { estimate: number; confInt: [number, number] } {
  const total = x.length * y.length;
  const mid = Math.floor((total - 1) / 2);
  const [lo, hi] = ranks;
  const [a, l, u] = kthDifferences(x, y, [mid, lo ?? mid, hi ?? mid]);
  const estimate = total % 2 === 1 ? a! : (a! + kthDifferenceAfter(x, y, mid, a!)) / 2;
  return { estimate, confInt: [lo === null ? Number.NEGATIVE_INFINITY : l!, hi === null ? Number.POSITIVE_INFINITY : u!] };
}
