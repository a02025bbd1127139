/**
 * The release gate's judge: per metric, the relative change of the canary against the baseline
 * on the tolerance's own scale with an interval valid at every look, and the canary's location
 * against the absolute limits with its own such interval (effect.ts, limits.ts).
 *
 * - fail: an interval lies wholly beyond the tolerance in the harmful direction, or wholly
 *   beyond a limit;
 * - pass: the effect's interval lies wholly within the tolerance and the location's within the
 *   limits (with no relative change to measure, a zero baseline, the limits alone);
 * - inconclusive otherwise: the step holds for more data. A metric that does not fail never
 *   rolls a rollout back. A series constant on both sides (a flat-lined exporter) is
 *   inconclusive too.
 * The levels spend the step's α across metrics and windows (levels.ts). Reference:
 * docs/release-gate.md#decisions.
 */
import type { Judge, MetricJudgement } from '../decision/types.js';
import type { ReleasePolicy, ReleaseStep } from '../policy/types.js';
import { summarize } from '../stats/ratio-bounds.js';
import { effectCheck, type EffectCheck, type LookContext } from './effect.js';
import { KINDS, minSamplesFor, type KindModel } from './kinds.js';
import { DEFAULT_ALPHA, levelsFor } from './levels.js';
import { limitCheck, type LimitCheck } from './limits.js';

/** What the judge of one look needs to know. */
export interface IntervalJudgeOptions {
  /** The metrics of the policy (they share α). */
  policy: Pick<ReleasePolicy, 'metrics'>;
  /** The step judged: its minSamples (0: each kind's default). */
  step: Pick<ReleaseStep, 'minSamples'>;
  /** The step's error rate; default 0.05. */
  alpha?: number;
  /** With windowed looks, the window (0-based) this look is in. */
  window?: number;
}

function ascending(xs: readonly number[]): Float64Array {
  const a = Float64Array.from(xs);
  for (let i = 1; i < a.length; i++) if (a[i - 1]! > a[i]!) return a.sort();
  return a;
}

function location(model: KindModel, sorted: Float64Array): number {
  if (model.location === 'mean') return summarize(sorted).mean;
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function classify(effect: EffectCheck | undefined, limit: LimitCheck | undefined): MetricJudgement['classification'] {
  if (limit?.verdict === 'breached' || effect?.verdict === 'beyond') return 'fail';
  const limitOk = limit === undefined || limit.verdict === 'held';
  // With no relative change to measure (a zero baseline), the limits decide alone.
  const effectOk = effect === undefined || effect.verdict === 'within' || (effect.verdict === 'unmeasurable' && limit !== undefined);
  return limitOk && effectOk ? 'pass' : 'inconclusive';
}

/** The interval judge of one look at one step. */
export function intervalJudge(opts: IntervalJudgeOptions): Judge {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const levels = levelsFor(opts.policy, alpha, opts.window);
  return (metric, canarySamples, baselineSamples) => {
    const model = KINDS[metric.kind];
    const canary = ascending(canarySamples);
    const baseline = ascending(baselineSamples);
    const ctx: LookContext = { levels, failAdjust: alpha / levels.fail, minSamples: minSamplesFor(metric.kind, opts.step) };
    const row = (classification: MetricJudgement['classification'], reason: string, effect?: EffectCheck): MetricJudgement => ({
      classification,
      canary: location(model, canary),
      baseline: location(model, baseline),
      effect: effect?.effect ?? null,
      interval: effect?.interval ?? null,
      pValue: effect?.pValue ?? null,
      reason,
    });
    const first = canary[0];
    const flat = canary[canary.length - 1] === first && baseline[0] === first && baseline[baseline.length - 1] === first;
    if (flat && !(first === 0 && model.quietZero)) return row('inconclusive', `all values are tied (constant series at ${first} on both sides): no comparison is possible`);
    const limited = metric.limit.max !== undefined || metric.limit.min !== undefined;
    const limit = limited ? limitCheck(metric, model, canary, ctx) : undefined;
    const effect = metric.tolerance === undefined ? undefined : effectCheck(metric, model, canary, baseline, ctx);
    const classification = classify(effect, limit);
    const texts = [effect?.text, limit?.text].filter((t): t is string => t !== undefined);
    if (effect?.verdict === 'unmeasurable' && !limit) texts.push('give the metric a limit to judge it when the baseline has none');
    return row(classification, texts.join('; '), effect);
  };
}
