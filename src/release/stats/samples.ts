/**
 * Minimum-sample checks: thin data must hold a rollout step rather than pass it, because a
 * test on a handful of values almost never rejects. Pure; the caller maps `enough: false` to
 * 'hold'.
 */
import { minExpectedCount } from './proportions.js';

/** Verdict of a sample-size check. */
export interface SampleCheck {
  enough: boolean;
  /** Why not, or null when enough. */
  reason: string | null;
}

/** Options of {@link enoughSamples}. */
export interface SampleOptions {
  /** Finite values needed on each side. Default 20. */
  minPerSide?: number;
}

const finiteCount = (v: readonly number[]): number => v.reduce((k, x) => (Number.isFinite(x) ? k + 1 : k), 0);

/** Whether both metric samples have at least `minPerSide` finite values. */
export function enoughSamples(x: readonly number[], y: readonly number[], opts: SampleOptions = {}): SampleCheck {
  const min = opts.minPerSide ?? 20;
  const nx = finiteCount(x);
  const ny = finiteCount(y);
  if (nx < min) return { enough: false, reason: `canary has ${nx} finite values, fewer than ${min}` };
  if (ny < min) return { enough: false, reason: `baseline has ${ny} finite values, fewer than ${min}` };
  return { enough: true, reason: null };
}

/** Options of {@link enoughCounts}. */
export interface CountOptions {
  /** Trials needed on each side. Default 100. */
  minPerSide?: number;
  /** Smallest expected cell count of the 2×2 table under the pooled rate. Default 5. */
  minExpected?: number;
}

/**
 * Whether event counts (x1 of n1 canary, x2 of n2 baseline) can support a ratio decision: both
 * sides have `minPerSide` trials and the smallest expected cell count reaches `minExpected`
 * (so a rate of zero events on both sides is not enough: it cannot show a regression).
 */
export function enoughCounts(x1: number, n1: number, x2: number, n2: number, opts: CountOptions = {}): SampleCheck {
  const minN = opts.minPerSide ?? 100;
  const minE = opts.minExpected ?? 5;
  const counts = [x1, n1, x2, n2];
  if (!counts.every((c) => Number.isInteger(c) && c >= 0) || x1 > n1 || x2 > n2) return { enough: false, reason: 'invalid counts' };
  if (n1 < minN) return { enough: false, reason: `canary has ${n1} trials, fewer than ${minN}` };
  if (n2 < minN) return { enough: false, reason: `baseline has ${n2} trials, fewer than ${minN}` };
  const expected = minExpectedCount(x1, n1, x2, n2);
  if (expected < minE) return { enough: false, reason: `smallest expected count ${expected.toFixed(2)} is below ${minE}` };
  return { enough: true, reason: null };
}
