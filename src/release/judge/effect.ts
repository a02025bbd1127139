/**
 * The relative change of a metric's canary against its baseline, on the scale its tolerance is
 * written in (0.1 = 10 % more), with its always-valid interval and where that interval lies
 * against the tolerance. Latency: the factor between canary and baseline latencies (the
 * Hodges-Lehmann shift of their logarithms, by ranks: robust to heavy tails, and the ratio of
 * medians, or of means, when the canary's latencies are the baseline's times a factor).
 * Error ratios, counts, business values: the ratio of the means (Fieller).
 */
import type { ReleaseMetric } from '../policy/types.js';
import { mixturePValue, mixtureRho } from '../stats/boundary.js';
import { ratioBounds, ratioStatistic, summarize } from '../stats/ratio-bounds.js';
import { shiftBounds, shiftSamples, shiftStatistic } from '../stats/shift-bounds.js';
import type { KindModel } from './kinds.js';
import { boundary, type Levels } from './levels.js';

/** Where the interval lies against the tolerance. */
export type EffectVerdict = 'beyond' | 'within' | 'straddles' | 'unmeasurable';

/** The effect, its interval and verdict, and the always-valid p-value of "no harm beyond the tolerance". */
export interface EffectCheck {
  verdict: EffectVerdict;
  effect: number | null;
  interval: [number, number] | null;
  /** Adjusted like the fail level: at or below α exactly when the verdict is `beyond`. */
  pValue: number | null;
  /** Why, in a few words. */
  text: string;
}

/** What one look knows beyond the samples. */
export interface LookContext {
  levels: Levels;
  /** α·share / levels.fail: what a raw p-value of the fail side is multiplied by. */
  failAdjust: number;
  minSamples: number;
}

const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
const bound = (x: number): string => (x === Number.POSITIVE_INFINITY ? '+∞' : x === Number.NEGATIVE_INFINITY ? '−∞' : pct(x));

/** Levels of the lower and upper end: the end that can show harm beyond the tolerance is the fail end. */
function endLevels(harmful: ReleaseMetric['harmful'], levels: Levels): [number, number] {
  return harmful === 'increase' ? [levels.fail, levels.pass] : [levels.pass, levels.fail];
}

function verdictOf(metric: ReleaseMetric, lower: number, upper: number): EffectVerdict {
  const tol = metric.tolerance!;
  if (metric.harmful === 'increase') return lower > tol ? 'beyond' : upper <= tol ? 'within' : 'straddles';
  return upper < -tol ? 'beyond' : lower >= -tol ? 'within' : 'straddles';
}

function describe(metric: ReleaseMetric, verdict: EffectVerdict, effect: number, lower: number, upper: number): string {
  const tol = `the ${(metric.tolerance! * 100).toFixed(1)} % ${metric.harmful} tolerated`;
  const iv = `interval ${bound(lower)} to ${bound(upper)}`;
  if (verdict === 'beyond') return `${pct(effect)} against the baseline: its ${iv} lies wholly beyond ${tol}`;
  if (verdict === 'within') return `${pct(effect)} against the baseline: its ${iv} lies within ${tol}`;
  return `${pct(effect)} against the baseline: its ${iv} reaches past ${tol}; more data will tell`;
}

function check(metric: ReleaseMetric, effect: number, lower: number, upper: number, rawP: number, ctx: LookContext): EffectCheck {
  const verdict = verdictOf(metric, lower, upper);
  const finite = Number.isFinite(lower) && Number.isFinite(upper);
  return {
    verdict,
    effect: Number.isFinite(effect) ? effect : null,
    interval: finite ? [lower, upper] : null,
    pValue: Math.min(1, rawP * ctx.failAdjust),
    text: describe(metric, verdict, effect, lower, upper),
  };
}

function logOf(xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = Math.log(xs[i]!);
  return out;
}

/** Latency: the log-scale rank shift, on ascending samples (±Infinity ranked; negative values refused). */
function logShift(metric: ReleaseMetric, canary: Float64Array, baseline: Float64Array, ctx: LookContext): EffectCheck {
  if (canary[0]! < 0 || baseline[0]! < 0) return { verdict: 'unmeasurable', effect: null, interval: null, pValue: null, text: 'a latency below 0 has no logarithm: no relative change can be measured' };
  const logs = shiftSamples(logOf(canary), logOf(baseline));
  const t = canary.length + baseline.length;
  const [lo, hi] = endLevels(metric.harmful, ctx.levels);
  const b = shiftBounds(logs, boundary(t, lo, ctx.minSamples, 2), boundary(t, hi, ctx.minSamples, 2));
  const sign = metric.harmful === 'increase' ? 1 : -1;
  const z = sign * shiftStatistic(logs, Math.log1p(sign * metric.tolerance!));
  const rawP = mixturePValue(z, t, mixtureRho(4 * Math.max(1, ctx.minSamples), ctx.levels.fail));
  return check(metric, Math.expm1(b.estimate), Math.expm1(b.lower), Math.expm1(b.upper), rawP, ctx);
}

/** Error ratios, counts, business values: the ratio of the means. */
function ratioOfMeans(metric: ReleaseMetric, model: KindModel, canary: Float64Array, baseline: Float64Array, ctx: LookContext): EffectCheck {
  const c = summarize(canary);
  const b = summarize(baseline);
  if (!(b.mean > 0)) return { verdict: 'unmeasurable', effect: null, interval: null, pValue: null, text: `the baseline's mean is ${b.mean}: no relative change can be measured` };
  const t = c.n + b.n;
  const [lo, hi] = endLevels(metric.harmful, ctx.levels);
  const r = ratioBounds(c, b, boundary(t, lo, ctx.minSamples, 2), boundary(t, hi, ctx.minSamples, 2), model.floor);
  const sign = metric.harmful === 'increase' ? 1 : -1;
  const z = sign * ratioStatistic(c, b, 1 + sign * metric.tolerance!, model.floor);
  const rawP = mixturePValue(z, t, mixtureRho(4 * Math.max(1, ctx.minSamples), ctx.levels.fail));
  if (!Number.isFinite(r.lower) && !Number.isFinite(r.upper)) {
    return { verdict: 'unmeasurable', effect: r.estimate - 1, interval: null, pValue: null, text: `the baseline's mean ${b.mean.toPrecision(3)} cannot yet be told from 0: no relative change can be measured` };
  }
  return check(metric, r.estimate - 1, r.lower - 1, r.upper - 1, rawP, ctx);
}

/** The effect check of a metric with a tolerance, on ascending canary and baseline samples. */
export function effectCheck(metric: ReleaseMetric, model: KindModel, canary: Float64Array, baseline: Float64Array, ctx: LookContext): EffectCheck {
  return model.effect === 'log-shift' ? logShift(metric, canary, baseline, ctx) : ratioOfMeans(metric, model, canary, baseline, ctx);
}
