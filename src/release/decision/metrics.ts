/**
 * One row of the decision's metric table per policy metric: usable data is judged (by the
 * injected judge), missing or bad data follows the metric's `onNoData`, and thin data never
 * passes: below the step's minSamples (or the kind's default) a metric may fail but not pass,
 * and below the least its kind can resolve it decides nothing (src/release/judge/kinds.ts).
 * The judge's figures are shown either way.
 */
import { KINDS, minSamplesFor } from '../judge/kinds.js';
import type { ReleaseMetric, ReleaseStep } from '../policy/types.js';
import type { DataFailure, Judge, MetricData, MetricInput, MetricJudgement, MetricRow, Reason } from './types.js';

/** A judged metric with what it means for the decision. */
export interface MetricOutcome {
  row: MetricRow;
  reasons: Reason[];
  /** No usable data and onNoData: hold. */
  error: boolean;
  /** Judged with fewer observations than the step needs (and not failed): excluded from the score. */
  thin: boolean;
}

type Usable = { ok: true; samples: readonly number[]; digest: string; count: number };

/**
 * The data as usable samples, or why not: empty series are `no-data`, NaN samples `nan`, and so
 * are ±Infinity ones unless the kind ranks them (latency: a quantile beyond the last bucket).
 */
function usable(d: MetricData | undefined, infinite: boolean): Usable | { ok: false; reason: DataFailure; message: string } {
  if (!d) return { ok: false, reason: 'no-data', message: 'no data was given for this metric' };
  if (!d.ok) return d;
  if (d.samples.length === 0) return { ok: false, reason: 'no-data', message: 'the series is empty' };
  if (d.samples.some((x) => Number.isNaN(x))) return { ok: false, reason: 'nan', message: 'the series holds NaN samples' };
  if (!infinite && d.samples.some((x) => !Number.isFinite(x))) return { ok: false, reason: 'nan', message: 'the series holds infinite samples, which have no mean' };
  return { ok: true, samples: d.samples, digest: d.digest, count: d.count ?? d.samples.length };
}

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function clean(j: MetricJudgement): MetricJudgement {
  const lo = finite(j.interval?.[0]);
  const hi = finite(j.interval?.[1]);
  const p = finite(j.pValue);
  return { ...j, canary: finite(j.canary), baseline: finite(j.baseline), effect: finite(j.effect), interval: lo === null || hi === null ? null : [lo, hi], pValue: p === null ? null : Math.min(1, Math.max(0, p)) };
}

function failReason(spec: ReleaseMetric, why: string): Reason {
  return spec.critical
    ? { code: 'critical-metric-failed', effect: 'rollback', metric: spec.name, message: `critical metric ${spec.name} failed: ${why}` }
    : { code: 'metric-failed', effect: 'hold', metric: spec.name, message: `metric ${spec.name} failed: ${why}` };
}

const EMPTY = { canary: null, baseline: null, effect: null, interval: null, pValue: null } as const;

/** Judges one policy metric at `step` from its input (undefined: the caller gave none). */
export function judgeMetric(spec: ReleaseMetric, step: ReleaseStep, input: MetricInput | undefined, judge: Judge): MetricOutcome {
  const infinite = KINDS[spec.kind].infinite;
  const c = usable(input?.canary, infinite);
  const b = usable(input?.baseline, infinite);
  const samples = { canary: c.ok ? c.count : 0, baseline: b.ok ? b.count : 0 };
  const data = { canary: c.ok ? c.digest : null, baseline: b.ok ? b.digest : null };
  const base = { metric: spec.name, critical: spec.critical, samples, data };
  const missing = !c.ok ? { ...c, series: 'canary' } : !b.ok ? { ...b, series: 'baseline' } : undefined;
  const judged = missing ? undefined : clean(judge(spec, (c as Usable).samples, (b as Usable).samples, samples));
  if (missing || judged?.classification === 'no-data') {
    const why = missing ? `${missing.series}: ${missing.reason} (${missing.message})` : judged!.reason;
    const noData = !missing || missing.reason === 'no-data';
    const values = judged ?? EMPTY;
    if (spec.onNoData === 'pass') {
      return { row: { ...base, ...values, classification: 'pass', reason: `${why}; onNoData: pass` }, reasons: [{ code: 'no-data-passed', effect: 'info', metric: spec.name, message: `metric ${spec.name} has no usable data (${why}) and passes by its onNoData: pass` }], error: false, thin: false };
    }
    if (spec.onNoData === 'fail') {
      return { row: { ...base, ...values, classification: 'fail', reason: `${why}; onNoData: fail` }, reasons: [failReason(spec, `no usable data (${why}; onNoData: fail)`)], error: false, thin: false };
    }
    const code = noData ? 'no-data' : 'provider-error';
    return { row: { ...base, ...values, classification: noData ? 'no-data' : 'error', reason: why }, reasons: [{ code, effect: 'hold', metric: spec.name, message: `metric ${spec.name} has no usable data: ${why}` }], error: true, thin: false };
  }
  const j = judged!;
  const need = minSamplesFor(spec.kind, step);
  const least = KINDS[spec.kind].leastSamples;
  const fewest = Math.min(samples.canary, samples.baseline);
  const row: MetricRow = { ...base, ...j };
  if (j.classification === 'fail' && fewest >= least) return { row, reasons: [failReason(spec, j.reason)], error: false, thin: false };
  if (fewest < need) {
    const message = `metric ${spec.name} has ${samples.canary} canary and ${samples.baseline} baseline observations; the step needs ${need} of each before it may pass${fewest < least ? `, and ${spec.kind} needs ${least} before anything can be decided` : ''}`;
    return { row: { ...row, classification: 'inconclusive', reason: `too few observations (${j.reason})` }, reasons: [{ code: 'insufficient-samples', effect: 'hold', metric: spec.name, message }], error: false, thin: true };
  }
  if (j.classification === 'fail') return { row, reasons: [failReason(spec, j.reason)], error: false, thin: false };
  if (j.classification === 'inconclusive') return { row, reasons: [{ code: 'metric-inconclusive', effect: 'hold', metric: spec.name, message: `metric ${spec.name} is inconclusive: ${j.reason}` }], error: false, thin: false };
  return { row, reasons: [], error: false, thin: false };
}
