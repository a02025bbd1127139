/**
 * The always-valid one-sided boundary of the release gate's confidence sequences: how many
 * standard errors a statistic must lie from a hypothesised value before that value is rejected,
 * so that the chance of *ever* rejecting a true value, over any number of looks taken at will,
 * stays at or below α (Ville's inequality).
 *
 * The martingale is the half-normal mixture of Gaussian likelihood ratios (Robbins 1970; the
 * one-sided form of the normal mixture of Howard, Ramdas, McAuliffe & Sekhon 2021, eq. (14),
 * and of the asymptotic confidence sequences of Waudby-Smith, Arbour, Sinha, Kennedy & Ramdas
 * 2024). With t observations, a standardised statistic Z and mixture precision ρ, a = tρ²:
 *
 *   M(Z) = 2 / √(1 + a) · exp(Z² a / (2 (1 + a))) · Φ(Z √(a / (1 + a)))
 *
 * and the boundary is the Z at which M reaches 1/α. ρ sets the t at which the boundary is
 * lowest; it must be fixed before the data (here: from the policy's minimum samples).
 */
import { pnorm } from './normal.js';

/**
 * The mixture precision ρ that makes the boundary tightest at `targetT` observations in all
 * (Waudby-Smith et al. 2024, Section 3: ρ² = (−2 log α + log(1 − 2 log α)) / t*).
 */
export function mixtureRho(targetT: number, alpha: number): number {
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(1 + l)) / targetT);
}

/** log M(z) at a = tρ² (see above). */
function logM(z: number, a: number): number {
  return Math.LN2 - 0.5 * Math.log1p(a) + (z * z * a) / (2 * (1 + a)) + Math.log(pnorm(z * Math.sqrt(a / (1 + a))));
}

const memo = new Map<string, number>();

/**
 * The boundary in standard errors at `t` observations (t > 0) for a one-sided level `alpha` in
 * (0, 1) and mixture precision `rho`: the smallest z ≥ 0 with M(z) ≥ 1/α, to 1e-10. Infinity
 * when α ≥ 1 is not asked for: α must be in (0, 1).
 */
export function oneSidedBoundary(t: number, alpha: number, rho: number): number {
  const key = `${t} ${alpha} ${rho}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const a = t * rho * rho;
  const target = -Math.log(alpha);
  // M(0) = 1/√(1 + a) < 1 ≤ 1/α and M grows with z: bisect on [0, hi].
  let lo = 0;
  let hi = 8;
  while (logM(hi, a) < target) hi *= 2;
  while (hi - lo > 1e-10 * hi) {
    const mid = (lo + hi) / 2;
    if (logM(mid, a) >= target) hi = mid;
    else lo = mid;
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(key, hi);
  return hi;
}

/**
 * The always-valid one-sided p-value of a standardised statistic `z` after `t` observations:
 * 1 / M(z), at most 1. It is at or below α exactly when z reaches {@link oneSidedBoundary}.
 */
export function mixturePValue(z: number, t: number, rho: number): number {
  if (!(z > 0)) return 1;
  return Math.min(1, Math.exp(-logM(z, t * rho * rho)));
}
