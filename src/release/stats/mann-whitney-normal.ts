/**
 * The normal approximation of the Mann-Whitney test, as R's wilcox.test does it with ties or
 * from 50 values per side: z with the tie-corrected variance and the continuity correction, and
 * the confidence bounds where the approximate statistic of the shifted sample crosses the normal
 * quantile. R finds that crossing with uniroot (tolerance 1e-4); here it is found exactly: the
 * statistic is a step function of the shift that jumps at the pairwise differences, so the
 * bound is the j-th smallest difference for the first rank j at which it crosses.
 */
import { pnorm, pnormUpper, qnorm } from './normal.js';
import { sigmaU, tieTermOf } from './rank-sum.js';
import type { Alternative } from './types.js';

function correction(alternative: Alternative, dz: number, correct: boolean): number {
  if (!correct) return 0;
  if (alternative === 'two-sided') return Math.sign(dz) * 0.5;
  return alternative === 'greater' ? 0.5 : -0.5;
}

/** p-value of U under the normal approximation; null when the variance is zero (all tied). */
export function normalPValue(u: number, n: number, m: number, tieTerm: number, alternative: Alternative, correct: boolean): number | null {
  const sigma = sigmaU(n, m, tieTerm);
  if (!(sigma > 0)) return null;
  const dz = u - (n * m) / 2;
  const z = (dz - correction(alternative, dz, correct)) / sigma;
  if (alternative === 'less') return pnorm(z);
  if (alternative === 'greater') return pnormUpper(z);
  return 2 * Math.min(pnorm(z), pnormUpper(z));
}

/** 0-based rank of the difference at which the corrected, standardised statistic falls to zq. */
function rootRank(x: Float64Array, y: Float64Array, zq: number, alternative: Alternative, correct: boolean): number {
  const n = x.length;
  const m = y.length;
  const total = n * m;
  // Between differences the only ties are those inside x and inside y.
  const sigma = sigmaU(n, m, tieTermOf(x) + tieTermOf(y));
  const f = (j: number): number => {
    const dz = total / 2 - j; // U = number of differences above the shift
    return (dz - correction(alternative, dz, correct)) / sigma - zq;
  };
  if (f(total) > 0) return total - 1;
  let lo = 1;
  let hi = total; // f(hi) <= 0; find the smallest such j
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (f(mid) <= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * 0-based ranks among the sorted pairwise differences of the confidence bounds under the normal
 * approximation; null for an infinite bound.
 */
export function normalConfRanks(x: Float64Array, y: Float64Array, alternative: Alternative, confLevel: number, correct: boolean): [number | null, number | null] {
  const alpha = 1 - confLevel;
  const r = (zq: number): number => rootRank(x, y, zq, alternative, correct);
  if (alternative === 'greater') return [r(qnorm(1 - alpha)), null];
  if (alternative === 'less') return [null, r(qnorm(alpha))];
  return [r(qnorm(1 - alpha / 2)), r(qnorm(alpha / 2))];
}
