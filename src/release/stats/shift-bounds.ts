/**
 * Bounds on the shift θ between two samples from the rank test, as the Hodges-Lehmann
 * interval is built (Hodges & Lehmann 1963; R's wilcox.test), but with an always-valid
 * boundary in place of the fixed-sample quantile: θ0 is rejected when the Mann-Whitney
 * statistic of x − θ0 against y lies `z` null standard deviations from n·m/2. Since U(θ0) falls
 * by one at each pairwise difference, a bound is one order statistic of the n·m differences,
 * selected without listing them (pairwise-select.ts). The release judge applies it to
 * log-latencies, so θ is the log of the factor between canary and baseline.
 *
 * ±Infinity ranks as the extreme it is (as R ranks it): it is replaced by a stand-in beyond
 * every finite value, and a bound or estimate that lands on a difference with a stand-in is
 * reported as ±Infinity. NaN must not be given.
 */
import { shiftAt } from './pairwise-select.js';
import { sigmaU, tieTermOf } from './rank-sum.js';

/** An estimate with a lower and an upper bound; ±Infinity where a bound is not yet finite. */
export interface Bounds {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * 0-based ranks of the lower and upper bound among `total` ordered values when the statistic
 * must stay within `hLower` below and `hUpper` above total/2 (null: unbounded). Shared by the
 * rank shift (total = n·m differences) and the sign test of a median (total = n values).
 */
export function boundRanks(total: number, hLower: number, hUpper: number): [number | null, number | null] {
  const lo = Math.floor(total / 2 - hLower);
  const hi = Math.ceil(total / 2 + hUpper) - 1;
  return [lo < 0 ? null : lo, hi >= total ? null : hi];
}

/** Two ascending samples made ready for {@link shiftBounds} and {@link shiftStatistic}: stand-ins for ±Infinity, the null sd of U. */
export interface ShiftSamples {
  x: Float64Array;
  y: Float64Array;
  /** The widest finite difference: a difference beyond it involves a stand-in. */
  span: number;
  /** Null standard deviation of U; between x − θ0 and y the only ties, for almost every θ0, are those within each sample. */
  sd: number;
}

/** Prepares ascending `x` and `y` (non-empty, no NaN) once for bounds and statistics. */
export function shiftSamples(xSorted: Float64Array, ySorted: Float64Array): ShiftSamples {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let infinite = false;
  for (const s of [xSorted, ySorted]) {
    for (const v of s) {
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      } else infinite = true;
    }
  }
  if (lo > hi) [lo, hi] = [0, 0];
  const span = hi - lo;
  const gap = span + 1;
  const swap = (s: Float64Array) => (infinite ? s.map((v) => (v === Number.POSITIVE_INFINITY ? hi + gap : v === Number.NEGATIVE_INFINITY ? lo - gap : v)) : s);
  const x = swap(xSorted);
  const y = swap(ySorted);
  return { x, y, span, sd: sigmaU(x.length, y.length, tieTermOf(x) + tieTermOf(y)) };
}

const real = (d: number, span: number): number => (d > span ? Number.POSITIVE_INFINITY : d < -span ? Number.NEGATIVE_INFINITY : d);

/**
 * The shift of x against y: the Hodges-Lehmann estimate, the lower bound at `zLower` and the
 * upper bound at `zUpper` null standard deviations (from {@link oneSidedBoundary}). With a side
 * of one value, or too few values for the boundary, a bound is ±Infinity.
 */
export function shiftBounds(s: ShiftSamples, zLower: number, zUpper: number): Bounds {
  const { x, y, span, sd } = s;
  const ranks = sd > 0 ? boundRanks(x.length * y.length, zLower * sd, zUpper * sd) : ([null, null] as const);
  const { estimate, confInt } = shiftAt(x, y, ranks);
  return { estimate: real(estimate, span), lower: real(confInt[0], span), upper: real(confInt[1], span) };
}

/**
 * The standardised rank statistic of x − `theta` against y: (U − n·m/2) / sd, U counting the
 * pairs with x − y above theta (equal ones one half), sd the null standard deviation used by
 * {@link shiftBounds}; positive when x − theta tends to exceed y. 0 when U has no spread.
 */
export function shiftStatistic(s: ShiftSamples, theta: number): number {
  const { x, y, sd } = s;
  const m = y.length;
  let u = 0;
  let below = 0; // y-values strictly below x[i] − theta
  let atMost = 0; // y-values at or below it
  for (const xi of x) {
    const v = xi - theta;
    while (below < m && y[below]! < v) below++;
    if (atMost < below) atMost = below;
    while (atMost < m && y[atMost]! <= v) atMost++;
    u += below + (atMost - below) / 2;
  }
  return sd > 0 ? (u - (x.length * m) / 2) / sd : 0;
}
