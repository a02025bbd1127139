/**
 * Always-valid bounds on one sample's location, for the release judge's absolute limits: the
 * median from the sign test (the share of values above m0 is ½ when m0 is the median, so a
 * bound is an order statistic), and the mean from its standard error. Each bound is `z`
 * standard errors out, z from {@link oneSidedBoundary}.
 */
import { boundRanks, type Bounds } from './shift-bounds.js';

/**
 * The median of ascending `sorted` (non-empty; ±Infinity allowed, it is an order statistic)
 * with its lower bound at `zLower` and upper bound at `zUpper`: ±Infinity while too few values.
 */
export function medianBounds(sorted: Float64Array, zLower: number, zUpper: number): Bounds {
  const n = sorted.length;
  const half = Math.sqrt(n) / 2; // sd of the count above m0 under the null
  const [lo, hi] = boundRanks(n, zLower * half, zUpper * half);
  const estimate = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { estimate: Number.isNaN(estimate) ? sorted[n / 2]! : estimate, lower: lo === null ? Number.NEGATIVE_INFINITY : sorted[lo]!, upper: hi === null ? Number.POSITIVE_INFINITY : sorted[hi]! };
}

/** The mean with its bounds, from the sample mean, variance (n − 1 denominator) and size. */
export function meanBounds(mean: number, variance: number, n: number, zLower: number, zUpper: number): Bounds {
  const se = Math.sqrt(variance / n);
  return { estimate: mean, lower: mean - zLower * se, upper: mean + zUpper * se };
}
