/**
 * How the gate spends its error rate α (default 5 %) on one step, so that over every look at the
 * step, whatever their number:
 * - a false rollback (a metric that is within its tolerance and limits shown beyond them) happens
 *   with probability at most α: each bound that can fail a metric gets α / (number of such
 *   bounds in the policy), Bonferroni;
 * - a false promotion (a metric beyond its tolerance or limit shown within it) happens with
 *   probability at most α: promotion needs every metric to pass, so each bound that can pass a
 *   metric gets the whole α (the intersection-union principle, Berger 1982).
 * With `--window`, the looks restart on each new window; window k (from 0) gets the share
 * 6 / (π² (k + 1)²) of α, and the shares sum to 1. Without, the step's looks are one sequence.
 */
import type { ReleaseMetric, ReleasePolicy } from '../policy/types.js';
import { mixtureRho, oneSidedBoundary } from '../stats/boundary.js';

/** The gate's error rate per step unless a caller says otherwise. */
export const DEFAULT_ALPHA = 0.05;

/** The share of α that window `k` (0-based) of a step may spend. */
export function windowShare(k: number): number {
  return 6 / (Math.PI * Math.PI * (k + 1) * (k + 1));
}

/** Bounds that can fail a metric: its tolerance and its limit, each one. */
export function failBounds(metric: Pick<ReleaseMetric, 'tolerance' | 'limit'>): number {
  const limited = metric.limit.max !== undefined || metric.limit.min !== undefined;
  return (metric.tolerance === undefined ? 0 : 1) + (limited ? 1 : 0);
}

/** The one-sided levels of a look: for a bound that can fail a metric, and for one that can pass it. */
export interface Levels {
  fail: number;
  pass: number;
}

/**
 * The levels of a look at a step of `policy` at error rate `alpha`: in window `window` (0-based)
 * when the step's looks restart on windows, else (undefined) over the whole step.
 */
export function levelsFor(policy: Pick<ReleasePolicy, 'metrics'>, alpha = DEFAULT_ALPHA, window?: number): Levels {
  const share = alpha * (window === undefined ? 1 : windowShare(window));
  const bounds = Math.max(1, policy.metrics.reduce((k, m) => k + failBounds(m), 0));
  return { fail: share / bounds, pass: share };
}

/**
 * The boundary, in standard errors, of a bound at one-sided level `level` after `t` observations
 * in all, for a step that needs `minSamples` per side and `sides` samples (2 for a comparison, 1
 * for a limit): the mixture is tuned to be tightest at twice the minimum on each side, a choice
 * fixed before the step's data.
 */
export function boundary(t: number, level: number, minSamples: number, sides: 1 | 2): number {
  return oneSidedBoundary(t, level, mixtureRho(2 * sides * Math.max(1, minSamples), level));
}
