/**
 * The default judge: absolute limits and the tolerated relative change, on the means of the
 * two series. No statistics (interval and p-value stay null); the statistical judge built on
 * src/release/stats replaces it through the same `Judge` type.
 */
import type { ReleaseMetric } from '../policy/types.js';
import type { Judge, MetricJudgement } from './types.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function judgement(classification: MetricJudgement['classification'], canary: number, baseline: number, effect: number | null, reason: string): MetricJudgement {
  return { classification, canary, baseline, effect, interval: null, pValue: null, reason };
}

function limitBreach(m: ReleaseMetric, c: number): string | undefined {
  if (m.limit.max !== undefined && c > m.limit.max) return `canary ${c} is above the limit ${m.limit.max}`;
  if (m.limit.min !== undefined && c < m.limit.min) return `canary ${c} is below the limit ${m.limit.min}`;
  return undefined;
}

/**
 * Fails on a limit breach or a harmful change beyond `tolerance`; marginal beyond half the
 * tolerance; inconclusive when the baseline is 0 (no relative change) and no limit decides.
 */
export const defaultJudge: Judge = (metric, canary, baseline) => {
  const c = mean(canary);
  const b = mean(baseline);
  const effect = b === 0 ? (c === 0 ? 0 : null) : (c - b) / Math.abs(b);
  const breach = limitBreach(metric, c);
  if (breach) return judgement('fail', c, b, effect, breach);
  // Every value on both sides the same: nothing can be compared, so the step holds (never promotes).
  const first = canary[0];
  if ([...canary, ...baseline].every((x) => x === first)) return judgement('inconclusive', c, b, effect, 'all values are tied (constant series): no comparison is possible');
  if (metric.tolerance === undefined) return judgement('pass', c, b, effect, 'within the limits');
  if (effect === null) {
    const limited = metric.limit.max !== undefined || metric.limit.min !== undefined;
    return judgement(limited ? 'pass' : 'inconclusive', c, b, null, `baseline is 0, so there is no relative change${limited ? '; within the limits' : ''}`);
  }
  const harm = metric.harmful === 'increase' ? effect : -effect;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  if (harm > metric.tolerance) return judgement('fail', c, b, effect, `${pct(Math.abs(effect))} ${metric.harmful} against the baseline, more than the ${pct(metric.tolerance)} tolerated`);
  if (harm > metric.tolerance / 2) return judgement('marginal', c, b, effect, `${pct(Math.abs(effect))} ${metric.harmful}, over half the ${pct(metric.tolerance)} tolerated`);
  return judgement('pass', c, b, effect, 'within the limits and the tolerance');
};
