/**
 * Sequential testing with always-valid p-values: the mixture sequential probability ratio test
 * (mSPRT) of Johari, Pekelis & Walsh (2017, "Always valid inference"), for an effect estimate
 * that is approximately normal with known variance at each look. With a N(0, τ²) mixture over
 * the effect, the likelihood ratio at a look with estimate d and variance V is
 *   Λ = sqrt(V / (V + τ²)) · exp(τ² d² / (2 V (V + τ²))),
 * and p_k = min(p_{k−1}, 1 / Λ_k) is a p-value valid at any number of looks, chosen at will
 * (Ville's inequality): rejecting when p_k ≤ α keeps the false-alarm rate at or below α. The
 * guarantee is exact for normal data and asymptotic for the rank and proportion estimates.
 */
import { rankSum, sigmaU } from './rank-sum.js';

/** One look: the cumulative effect estimate and its variance under the null hypothesis. */
export interface Look {
  estimate: number;
  variance: number;
}

/** mSPRT likelihood ratio of one look; NaN when the variance is not positive or not finite. */
export function msprtRatio(look: Look, tau: number): number {
  const v = look.variance;
  if (!(v > 0 && Number.isFinite(v) && Number.isFinite(look.estimate))) return Number.NaN;
  const t2 = tau * tau;
  const exponent = (t2 * look.estimate * look.estimate) / (2 * v * (v + t2));
  return Math.sqrt(v / (v + t2)) * Math.exp(exponent);
}

/**
 * Always-valid p-values after each look: the running minimum of 1/Λ, starting at 1. A look
 * without a usable variance (no data yet, all tied) carries the previous p-value forward.
 */
export function alwaysValidPValues(looks: readonly Look[], tau: number): number[] {
  let p = 1;
  return looks.map((look) => {
    const ratio = msprtRatio(look, tau);
    if (!Number.isNaN(ratio)) p = Math.min(p, 1 / ratio);
    return p;
  });
}

/** Outcome of {@link sequentialTest}. */
export interface SequentialResult {
  pValues: number[];
  /** Index of the first look with p ≤ α, or null: the step may stop there. */
  stopAt: number | null;
  rejected: boolean;
}

/** Runs the mSPRT over the looks so far and says whether (and where) it rejected at level α. */
export function sequentialTest(looks: readonly Look[], opts: { tau: number; alpha: number }): SequentialResult {
  const pValues = alwaysValidPValues(looks, opts.tau);
  const index = pValues.findIndex((p) => p <= opts.alpha);
  return { pValues, stopAt: index < 0 ? null : index, rejected: index >= 0 };
}

/**
 * A look from two ascending samples: the estimate is U/(n·m) − 1/2 (the probability that a
 * canary value exceeds a baseline value, minus one half) with its tie-corrected null variance.
 */
export function rankLook(xSorted: Float64Array, ySorted: Float64Array): Look {
  const n = xSorted.length;
  const m = ySorted.length;
  if (n === 0 || m === 0) return { estimate: Number.NaN, variance: Number.NaN };
  const rs = rankSum(xSorted, ySorted);
  const s = sigmaU(n, m, rs.tieTerm) / (n * m);
  return { estimate: rs.u / (n * m) - 0.5, variance: s * s };
}

/** A look from event counts: p1 − p2 with the pooled null variance. */
export function proportionLook(x1: number, n1: number, x2: number, n2: number): Look {
  const pooled = (x1 + x2) / (n1 + n2);
  return { estimate: x1 / n1 - x2 / n2, variance: pooled * (1 - pooled) * (1 / n1 + 1 / n2) };
}
