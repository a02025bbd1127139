/**
 * The absolute limits of a metric, judged on the canary's location (the median of latencies, the
 * mean of the other kinds) with its always-valid interval: breached only when the interval lies
 * wholly beyond a limit, held only when it lies wholly within them.
 */
import type { ReleaseMetric } from '../policy/types.js';
import { medianBounds, meanBounds } from '../stats/location-bounds.js';
import { summarize } from '../stats/ratio-bounds.js';
import type { Bounds } from '../stats/shift-bounds.js';
import type { LookContext } from './effect.js';
import type { KindModel } from './kinds.js';
import { boundary } from './levels.js';

/** Where the canary's location lies against the limits. */
export interface LimitCheck {
  verdict: 'breached' | 'held' | 'unsure';
  /** The canary's location. */
  value: number;
  text: string;
}

const num = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : x > 0 ? '+∞' : '−∞');

/**
 * Levels of the lower and upper end: with only a max, the lower end can show a breach (fail
 * level) and the upper end that the limit holds (pass level); with only a min, the reverse;
 * with both, each end can show a breach.
 */
function endLevels(limit: ReleaseMetric['limit'], ctx: LookContext): [number, number] {
  const { fail, pass } = ctx.levels;
  if (limit.max !== undefined && limit.min !== undefined) return [fail, fail];
  return limit.max !== undefined ? [fail, pass] : [pass, fail];
}

/** Judges the limits of `metric` (it has at least one) on the ascending canary samples. */
export function limitCheck(metric: ReleaseMetric, model: KindModel, canary: Float64Array, ctx: LookContext): LimitCheck {
  const n = canary.length;
  const [lo, hi] = endLevels(metric.limit, ctx);
  const zLo = boundary(n, lo, ctx.minSamples, 1);
  const zHi = boundary(n, hi, ctx.minSamples, 1);
  let b: Bounds;
  if (model.location === 'median') b = medianBounds(canary, zLo, zHi);
  else {
    const s = summarize(canary);
    b = meanBounds(s.mean, s.variance, s.n, zLo, zHi);
  }
  const { max, min } = metric.limit;
  const what = `canary ${model.location} ${num(b.estimate)} (interval ${num(b.lower)} to ${num(b.upper)})`;
  if (max !== undefined && b.lower > max) return { verdict: 'breached', value: b.estimate, text: `${what} lies wholly above the limit ${max}` };
  if (min !== undefined && b.upper < min) return { verdict: 'breached', value: b.estimate, text: `${what} lies wholly below the limit ${min}` };
  const held = (max === undefined || b.upper <= max) && (min === undefined || b.lower >= min);
  const range = max !== undefined && min !== undefined ? `the limits ${min} to ${max}` : max !== undefined ? `the limit ${max}` : `the limit ${min}`;
  return held ? { verdict: 'held', value: b.estimate, text: `${what} lies within ${range}` } : { verdict: 'unsure', value: b.estimate, text: `${what} reaches past ${range}; more data will tell` };
}
