/**
 * The statistical judge of the release gate: absolute limits on the canary's mean (as the
 * default judge), and the harmful change measured by the Hodges–Lehmann shift of canary
 * against baseline with a one-sided Mann–Whitney test in the harmful direction. A change
 * beyond the tolerance fails only when it is significant; otherwise it is marginal, so noise
 * holds a rollout back a little but never rolls it back.
 */
import type { Judge, MetricJudgement } from './decision/types.js';
import type { ReleaseMetric } from './policy/types.js';
import { mannWhitney } from './stats/index.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function limitBreach(m: ReleaseMetric, c: number): string | undefined {
  if (m.limit.max !== undefined && c > m.limit.max) return `canary mean ${c} is above the limit ${m.limit.max}`;
  if (m.limit.min !== undefined && c < m.limit.min) return `canary mean ${c} is below the limit ${m.limit.min}`;
  return undefined;
}

/**
 * A Judge at significance level `alpha` (default 0.05). With `pValues` (the always-valid,
 * Holm-adjusted p-values of this look, src/release/sequential-p.ts) significance comes from
 * them, so repeated looks and several metrics do not inflate false alarms; without, from a
 * fixed-sample one-sided Mann–Whitney test.
 */
export function statisticalJudge(alpha = 0.05, pValues?: ReadonlyMap<string, number>): Judge {
  return (metric, canary, baseline) => {
    const c = mean(canary);
    const b = mean(baseline);
    // Shift and its two-sided interval; the p-value is the sequential one when given, else a
    // one-sided test in the harmful direction (a second pass over the data only then).
    const mw = mannWhitney(canary, baseline, { confLevel: 1 - alpha });
    const ci = mw.confInt;
    const shift = mw.estimate;
    const pValue = pValues?.get(metric.name) ?? mannWhitney(canary, baseline, { alternative: metric.harmful === 'increase' ? 'greater' : 'less' }).pValue;
    const effect = shift === null || b === 0 ? null : shift / Math.abs(b);
    const row = (classification: MetricJudgement['classification'], reason: string): MetricJudgement => ({
      classification,
      canary: c,
      baseline: b,
      effect,
      interval: ci,
      pValue,
      reason,
    });
    const breach = limitBreach(metric, c);
    if (breach) return row('fail', breach);
    // A constant series (all values tied) or a side too thin to rank says nothing about change: hold.
    if (mw.insufficient) return row('inconclusive', `${mw.insufficient}; within the limits, but no comparison is possible`);
    if (metric.tolerance === undefined) return row('pass', 'within the limits');
    if (effect === null) return row('pass', 'no relative change can be measured (baseline mean 0); within the limits');
    const harm = metric.harmful === 'increase' ? effect : -effect;
    const significant = pValue !== null && pValue <= alpha;
    const p = pValue === null ? 'no p-value' : `${pValues?.has(metric.name) ? 'always-valid ' : ''}p = ${pValue.toPrecision(3)}`;
    if (harm > metric.tolerance) {
      return significant
        ? row('fail', `${pct(Math.abs(effect))} ${metric.harmful} against the baseline (${p}), more than the ${pct(metric.tolerance)} tolerated`)
        : row('marginal', `${pct(Math.abs(effect))} ${metric.harmful} but not significant (${p}); more data will tell`);
    }
    if (harm > metric.tolerance / 2) return row('marginal', `${pct(Math.abs(effect))} ${metric.harmful} (${p}), over half the ${pct(metric.tolerance)} tolerated`);
    return row('pass', `within the limits and the tolerance (${p})`);
  };
}
