/**
 * Metric providers for the gray-release (canary) gate: the one interface every source of
 * canary and baseline samples implements (Prometheus, files, more later), after argo-rollouts'
 * `metric/provider.go`. Data problems are results, never throws: a provider answers
 * `{ ok: false, reason }` so the gate can `hold` with that reason; only configuration errors
 * (bad URL, unreadable or malformed file) throw a PhasegateError.
 */
import { createHash } from 'node:crypto';

/** Which side of the comparison a query is for. */
export type Variant = 'canary' | 'baseline';

/** One metric query for one variant over a time window. */
export interface MetricQuery {
  /** PromQL for Prometheus, a metric name for files; `{{variant}}` is replaced by the variant's label value. */
  query: string;
  start: Date;
  end: Date;
  /** Seconds between points of a range query (default: 60). */
  step?: number;
  /** `range` (default) asks for every step in [start, end]; `instant` for one value at `end`. */
  kind?: 'range' | 'instant';
  variant: Variant;
}

/** Why a provider has no usable samples; the gate holds with this reason. */
export type FetchFailure = 'no-data' | 'unreachable' | 'timeout' | 'bad-response' | 'clock-skew' | 'nan';

/** Samples, oldest first, or the reason there are none. */
export type FetchResult =
  | {
      ok: true;
      samples: number[];
      /** Unix seconds, one per sample. */
      times: number[];
      /** Where the data came from, secrets removed (a URL, a file path). */
      source: string;
      /** sha256 (hex) of the samples and times used, for the decision record. */
      digest: string;
      /** NaN samples removed before `samples` (see docs/release-providers.md). */
      droppedNaN: number;
    }
  | { ok: false; reason: FetchFailure; message: string };

/** A source of canary and baseline samples. */
export interface MetricProvider {
  readonly name: string;
  fetch(q: MetricQuery): Promise<FetchResult>;
}

/** Label values that stand for each variant in `{{variant}}` (default: the variant's own name). */
export type VariantValues = Record<Variant, string>;

/** Replaces every `{{variant}}` (spaces allowed inside the braces) with the variant's label value. */
export function substituteVariant(query: string, variant: Variant, values?: VariantValues): string {
  const value = values?.[variant] ?? variant;
  return query.replace(/\{\{\s*variant\s*\}\}/g, value);
}

/** A failed result. */
export function failure(reason: FetchFailure, message: string): FetchResult {
  return { ok: false, reason, message };
}

/**
 * Builds the result from raw points: sorts by time, drops NaN samples (counted in
 * `droppedNaN`), keeps ±Infinity (a real value, e.g. histogram_quantile in the +Inf bucket),
 * answers `no-data` without points and `nan` when every point is NaN.
 */
export function samplesResult(points: ReadonlyArray<readonly [number, number]>, source: string, what: string): FetchResult {
  if (points.length === 0) return failure('no-data', `${what}: no samples`);
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const kept = sorted.filter(([, v]) => !Number.isNaN(v));
  if (kept.length === 0) return failure('nan', `${what}: all ${points.length} samples are NaN`);
  const times = kept.map(([t]) => t);
  const samples = kept.map(([, v]) => v);
  return { ok: true, samples, times, source, digest: digestOf(times, samples), droppedNaN: sorted.length - kept.length };
}

/** sha256 over one `time value` line per sample (numbers in JavaScript's shortest form). */
export function digestOf(times: readonly number[], samples: readonly number[]): string {
  const h = createHash('sha256');
  times.forEach((t, i) => h.update(`${t} ${samples[i]}\n`));
  return h.digest('hex');
}
