/**
 * Mann-Whitney U (Wilcoxon rank-sum) test with the Hodges-Lehmann shift estimate and its
 * confidence interval, reproducing R's wilcox.test(x, y, conf.int = TRUE): the exact null
 * distribution below 50 values per side without ties, the normal approximation with tie and
 * continuity correction otherwise. Data problems return a flagged result instead of throwing.
 */
import { normalConfRanks, normalPValue } from './mann-whitney-normal.js';
import { shiftAt as shift } from './pairwise-select.js';
import { cleanSample, rankSum } from './rank-sum.js';
import type { Alternative, MannWhitneyOptions, MannWhitneyResult } from './types.js';
import { pwilcox, pwilcoxUpper, qwilcox, wilcoxonDensity } from './wilcoxon-exact.js';

const EXACT_BELOW = 50;
// The exact distribution costs O(n²·m·(n + m)): a forced `exact` is honoured up to here.
const EXACT_MAX = 200;

function exactPValue(u: number, density: Float64Array, alternative: Alternative): number {
  if (alternative === 'greater') return pwilcoxUpper(u, density);
  if (alternative === 'less') return pwilcox(u, density);
  const half = (density.length - 1) / 2;
  const p = u > half ? pwilcoxUpper(u, density) : pwilcox(u, density);
  return Math.min(2 * p, 1);
}

/** 0-based ranks of the exact confidence bounds among the sorted differences (null: infinite). */
function exactConfRanks(total: number, density: Float64Array, alternative: Alternative, confLevel: number): [number | null, number | null] {
  const alpha = 1 - confLevel;
  // R: qu = qwilcox(level, n, m) (at least 1); the bounds are diffs[qu] and diffs[n·m − qu + 1].
  const qu = Math.max(1, qwilcox(alternative === 'two-sided' ? alpha / 2 : alpha, density));
  return [alternative === 'less' ? null : qu - 1, alternative === 'greater' ? null : total - qu];
}

function insufficient(reason: string, n: [number, number], dropped: number, statistic = Number.NaN): MannWhitneyResult {
  return { statistic, pValue: null, estimate: null, confInt: null, method: 'Wilcoxon rank sum test', n, dropped, insufficient: reason };
}

/**
 * Two-sample Mann-Whitney test of x (canary) against y (baseline), as R's
 * `wilcox.test(x, y, conf.int = TRUE, ...)`; non-finite values are dropped. An empty side
 * (after dropping) or an all-tied pooled sample yields `insufficient` with the reason.
 */
export function mannWhitney(x: readonly number[], y: readonly number[], opts: MannWhitneyOptions = {}): MannWhitneyResult {
  const alternative = opts.alternative ?? 'two-sided';
  const confLevel = opts.confLevel ?? 0.95;
  const correct = opts.correct ?? true;
  const cx = cleanSample(x);
  const cy = cleanSample(y);
  const n = cx.sorted.length;
  const m = cy.sorted.length;
  const sizes: [number, number] = [n, m];
  const dropped = cx.dropped + cy.dropped;
  if (n === 0 || m === 0) return insufficient(n === 0 ? 'no finite values in x' : 'no finite values in y', sizes, dropped);
  if (!(confLevel > 0 && confLevel < 1)) return insufficient('confLevel must be in (0, 1)', sizes, dropped);
  const rs = rankSum(cx.sorted, cy.sorted);
  const exact = (opts.exact ?? (n < EXACT_BELOW && m < EXACT_BELOW)) && !rs.ties && n <= EXACT_MAX && m <= EXACT_MAX;
  if (exact) {
    const density = wilcoxonDensity(n, m);
    const pValue = exactPValue(rs.u, density, alternative);
    const { estimate, confInt } = shift(cx.sorted, cy.sorted, exactConfRanks(n * m, density, alternative, confLevel));
    return { statistic: rs.u, pValue, estimate, confInt, method: 'Wilcoxon rank sum exact test', n: sizes, dropped, insufficient: null };
  }
  const method = correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test';
  const pValue = normalPValue(rs.u, n, m, rs.tieTerm, alternative, correct);
  if (pValue === null) {
    const { estimate } = shift(cx.sorted, cy.sorted, [null, null]);
    return { ...insufficient('all values are tied: the test has no variance', sizes, dropped, rs.u), estimate, method };
  }
  const { estimate, confInt } = shift(cx.sorted, cy.sorted, normalConfRanks(cx.sorted, cy.sorted, alternative, confLevel, correct));
  return { statistic: rs.u, pValue, estimate, confInt, method, n: sizes, dropped, insufficient: null };
}
