/**
 * Two-proportion test for error or success ratios of canary (x1 of n1) against baseline
 * (x2 of n2). Switch rule: Fisher's exact test when the smallest expected cell of the 2×2 table
 * under the pooled rate is below 5 (Cochran's rule), else the pooled two-proportion z-test
 * (R's prop.test(correct = FALSE)). The interval is always the Wald interval of p1 − p2.
 */
import { fisherPValue } from './fisher.js';
import { pnorm, pnormUpper, qnorm } from './normal.js';
import type { Alternative } from './types.js';

/** Options of {@link proportionTest}. */
export interface ProportionOptions {
  /** 'greater': the canary's proportion is higher. Default 'two-sided'. */
  alternative?: Alternative;
  /** Default 0.95. */
  confLevel?: number;
  /** Force a method instead of the switch rule. */
  method?: 'fisher-exact' | 'z-test';
  /** Smallest expected cell count for the z-test. Default 5. */
  minExpected?: number;
}

/** Result of {@link proportionTest}; `insufficient` (with null p) on invalid counts. */
export interface ProportionResult {
  pValue: number | null;
  /** p1 − p2 (NaN when a side has no trials). */
  difference: number;
  /** p1 / p2, null when p2 is 0 or undefined. */
  ratio: number | null;
  confInt: [number, number] | null;
  method: 'fisher-exact' | 'z-test';
  insufficient: string | null;
}

function countProblem(x1: number, n1: number, x2: number, n2: number): string | null {
  for (const [name, v] of [['x1', x1], ['n1', n1], ['x2', x2], ['n2', n2]] as const) {
    if (!Number.isInteger(v) || v < 0) return `${name} must be a non-negative integer, got ${v}`;
  }
  if (n1 === 0 || n2 === 0) return n1 === 0 ? 'no trials in the first group (n1 = 0)' : 'no trials in the second group (n2 = 0)';
  if (x1 > n1 || x2 > n2) return 'more events than trials';
  return null;
}

function waldInterval(p1: number, n1: number, p2: number, n2: number, alternative: Alternative, confLevel: number): [number, number] {
  const delta = p1 - p2;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const q = alternative === 'two-sided' ? qnorm((1 + confLevel) / 2) : qnorm(confLevel);
  const lower = alternative === 'less' ? -1 : Math.max(delta - q * se, -1);
  const upper = alternative === 'greater' ? 1 : Math.min(delta + q * se, 1);
  return [lower, upper];
}

function zPValue(x1: number, n1: number, x2: number, n2: number, alternative: Alternative): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (x1 / n1 - x2 / n2) / se;
  if (alternative === 'greater') return pnormUpper(z);
  if (alternative === 'less') return pnorm(z);
  return 2 * pnorm(-Math.abs(z));
}

/** Smallest expected cell count of the 2×2 table under the pooled proportion. */
export function minExpectedCount(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  return Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
}

/**
 * Tests x1 events in n1 trials (canary) against x2 in n2 (baseline). Never throws: invalid
 * counts give `insufficient` with the reason.
 */
export function proportionTest(x1: number, n1: number, x2: number, n2: number, opts: ProportionOptions = {}): ProportionResult {
  const alternative = opts.alternative ?? 'two-sided';
  const confLevel = opts.confLevel ?? 0.95;
  const problem = countProblem(x1, n1, x2, n2);
  if (problem !== null) return { pValue: null, difference: Number.NaN, ratio: null, confInt: null, method: 'z-test', insufficient: problem };
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const small = minExpectedCount(x1, n1, x2, n2) < (opts.minExpected ?? 5);
  const method = opts.method ?? (small ? 'fisher-exact' : 'z-test');
  // With no variance (no events, or only events) the z-test is undefined; Fisher gives p = 1.
  const fisher = method === 'fisher-exact' || x1 + x2 === 0 || x1 + x2 === n1 + n2;
  const pValue = fisher ? fisherPValue(x1, n1, x2, n2, alternative) : zPValue(x1, n1, x2, n2, alternative);
  const confInt = waldInterval(p1, n1, p2, n2, alternative, confLevel);
  return { pValue, difference: p1 - p2, ratio: p2 > 0 ? p1 / p2 : null, confInt, method: fisher ? 'fisher-exact' : 'z-test', insufficient: null };
}
