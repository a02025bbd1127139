/**
 * Always-valid bounds on the ratio R = μc / μb of two means, by Fieller's method (Fieller 1954):
 * R = r0 is rejected when the difference x̄c − r0·x̄b lies `z` of its standard errors from 0,
 * z from {@link oneSidedBoundary}. The bounds are the roots of a quadratic in r0, and they stay
 * valid when x̄b is near 0 (the set is then unbounded, and so are the bounds), where the
 * delta method on log(x̄c / x̄b) breaks down.
 *
 * A floor on the canary's variance under each r0 keeps a quiet canary (all zeros, say, from a
 * minute-by-minute error ratio with no errors) from claiming more certainty than its mean can
 * carry: `count` (Poisson-like counts and ratios: var ≥ r0·var_b, r0 ≥ 0), `scale` (values that
 * scale with the mean: var ≥ r0²·var_b) or `none`.
 */
import type { Bounds } from './shift-bounds.js';

/** Mean, variance (n − 1 denominator) and size of a sample. */
export interface Summary {
  mean: number;
  variance: number;
  n: number;
}

/** How the canary's variance is floored under a hypothesised ratio. */
export type VarianceFloor = 'count' | 'scale' | 'none';

/** Mean and variance of `xs` (two passes: the second on deviations, for accuracy). */
export function summarize(xs: ArrayLike<number>): Summary {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: n > 1 ? ss / (n - 1) : 0, n };
}

type Interval = [number, number] | 'unbounded' | 'empty';

/** The r with A r² − 2 B r + C ≤ 0. */
function quadraticSet(a: number, b: number, c: number): Interval {
  if (!(a > 0)) return 'unbounded';
  const disc = b * b - a * c;
  if (disc < 0) return 'empty';
  // Stable roots: q / a and c / q, q the larger-magnitude one.
  const q = b + (b >= 0 ? 1 : -1) * Math.sqrt(disc);
  if (q === 0) return [0, 0];
  const [r1, r2] = [q / a, c / q];
  return r1 <= r2 ? [r1, r2] : [r2, r1];
}

/** The floor factor on the baseline's variance under ratio r. */
const floorFactor = (floor: VarianceFloor, r: number): number => (floor === 'count' ? Math.max(0, r) : floor === 'scale' ? r * r : 0);

/**
 * The standardised difference (x̄c − r0·x̄b) / se(r0) that {@link ratioBounds} holds against its
 * boundary, with the canary's variance floored as there; 0 when it has no spread.
 */
export function ratioStatistic(canary: Summary, baseline: Summary, r0: number, floor: VarianceFloor): number {
  const variance = Math.max(canary.variance, floorFactor(floor, r0) * baseline.variance) / canary.n + (r0 * r0 * baseline.variance) / baseline.n;
  return variance > 0 ? (canary.mean - r0 * baseline.mean) / Math.sqrt(variance) : 0;
}

/** The ratios not rejected at `z`: Fieller's set joined with the floored one. */
function ratioSet(c: Summary, b: Summary, z: number, floor: VarianceFloor): Interval {
  const z2 = z * z;
  const a = b.mean * b.mean - (z2 * b.variance) / b.n;
  const sets = [quadraticSet(a, c.mean * b.mean, c.mean * c.mean - (z2 * c.variance) / c.n)];
  if (floor === 'count') sets.push(quadraticSet(a, c.mean * b.mean + (z2 * b.variance) / (2 * c.n), c.mean * c.mean));
  if (floor === 'scale') sets.push(quadraticSet(b.mean * b.mean - z2 * b.variance * (1 / b.n + 1 / c.n), c.mean * b.mean, c.mean * c.mean));
  if (sets.includes('unbounded')) return 'unbounded';
  const found = sets.filter((s): s is [number, number] => Array.isArray(s));
  if (found.length === 0) return 'empty';
  return [Math.min(...found.map((s) => s[0])), Math.max(...found.map((s) => s[1]))];
}

/**
 * The ratio of the canary's mean to the baseline's with its lower bound at `zLower` and upper
 * bound at `zUpper` standard errors; ±Infinity where the set is unbounded (the baseline's mean
 * cannot be told from 0). With the `count` floor the ratio is at least 0.
 */
export function ratioBounds(canary: Summary, baseline: Summary, zLower: number, zUpper: number, floor: VarianceFloor): Bounds {
  const estimate = canary.mean / baseline.mean;
  const end = (z: number, side: 0 | 1): number => {
    const set = ratioSet(canary, baseline, z, floor);
    if (set === 'unbounded' || set === 'empty') return side === 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return set[side];
  };
  const lower = end(zLower, 0);
  return { estimate, lower: floor === 'count' ? Math.max(0, lower) : lower, upper: end(zUpper, 1) };
}
