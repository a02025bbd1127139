/**
 * The rank-sum core shared by the Mann-Whitney test and the simulations: clean and sort the
 * samples, then one merge gives the U statistic (ties count one half) and the tie term of its
 * variance, in O(n log n + m log m), without building the combined rank vector.
 */

/** Finite values of a sample, sorted ascending, and how many values were dropped. */
export interface CleanSample {
  sorted: Float64Array;
  dropped: number;
}

/** Drops NaN and ±Infinity (as R's wilcox.test does) and sorts what is left. */
export function cleanSample(values: readonly number[]): CleanSample {
  const out = new Float64Array(values.length);
  let k = 0;
  for (const v of values) if (Number.isFinite(v)) out[k++] = v;
  const sorted = out.subarray(0, k).sort();
  return { sorted, dropped: values.length - k };
}

/** U (the count of pairs with x > y, ties one half) and Σ(t³ − t) over the tie groups. */
export interface RankSum {
  u: number;
  tieTerm: number;
  /** Whether any two values of the pooled sample are equal. */
  ties: boolean;
}

/** Merges two ascending samples into U and the pooled tie term. */
export function rankSum(x: Float64Array, y: Float64Array): RankSum {
  let i = 0;
  let j = 0;
  let u = 0;
  let tieTerm = 0;
  let yBelow = 0; // y-values strictly below the current x-value
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    let cx = 0;
    let cy = 0;
    while (i < x.length && x[i] === v) { i++; cx++; }
    while (j < y.length && y[j] === v) { j++; cy++; }
    u += cx * (yBelow + cy / 2);
    yBelow += cy;
    const t = cx + cy;
    tieTerm += t * t * t - t;
  }
  return { u, tieTerm, ties: tieTerm > 0 };
}

/** Standard deviation of U under the null, with R's tie correction. */
export function sigmaU(n: number, m: number, tieTerm: number): number {
  const total = n + m;
  return Math.sqrt(((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
}

/** Σ(t³ − t) over the tie groups of one sorted sample. */
export function tieTermOf(sorted: Float64Array): number {
  let term = 0;
  for (let i = 0; i < sorted.length; ) {
    let k = i + 1;
    while (k < sorted.length && sorted[k] === sorted[i]) k++;
    const t = k - i;
    term += t * t * t - t;
    i = k;
  }
  return term;
}
