/**
 * The file provider: canary and baseline samples from JSON or CSV files, for any source
 * without an API phasegate speaks (exported dashboards, load-test reports). The file is read
 * on every fetch; a missing or malformed file is a PhasegateError, a metric or variant without
 * samples in the window is `no-data`.
 */
import path from 'node:path';
import { PhasegateError, inputError } from '../../errors.js';
import { readRegularFile } from '../../io/regular-file.js';
import { ANY_METRIC, parseCsvSamples, parseJsonSamples, type VariantPoints } from './file-parse.js';
import { failure, samplesResult, substituteVariant, type FetchResult, type MetricProvider, type MetricQuery } from './types.js';

/**
 * Where the samples are. With `file`, the query is the metric name (ignored by the
 * single-metric JSON form). With `dir`, the query is `FILE` or `FILE#METRIC`, FILE relative to
 * `dir` and inside it.
 */
export type FileProviderOptions = ({ file: string } | { dir: string }) & {
  /** Reads a file as UTF-8 (default: a regular file of at most MAX_SAMPLES_BYTES); injectable for tests. */
  readText?: (file: string) => Promise<string>;
};

/** A sample file larger than this is refused before reading (only a regular file is read: never a FIFO or a device). */
export const MAX_SAMPLES_BYTES = 64 * 1024 * 1024;

/** An instant query takes the last sample at most this long before `end` (as Prometheus' lookback). */
export const INSTANT_LOOKBACK_SECONDS = 300;

async function load(file: string, readText: (file: string) => Promise<string>): Promise<Map<string, VariantPoints>> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.csv') throw inputError(file, 'sample files must end in .json or .csv');
  let text: string;
  try {
    text = await readText(file);
  } catch (e) {
    if (e instanceof PhasegateError) throw e;
    throw inputError(file, `cannot read the sample file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return ext === '.json' ? parseJsonSamples(file, text) : parseCsvSamples(file, text);
}

function locate(opts: FileProviderOptions, query: string): { file: string; metric: string } {
  if ('file' in opts) return { file: opts.file, metric: query };
  const hash = query.indexOf('#');
  const rel = hash < 0 ? query : query.slice(0, hash);
  const metric = hash < 0 ? '' : query.slice(hash + 1);
  const root = path.resolve(opts.dir);
  const file = path.resolve(root, rel);
  if (rel === '' || path.relative(root, file).startsWith('..') || path.isAbsolute(rel)) {
    throw inputError(opts.dir, `query "${query}" must name a file inside the folder (FILE or FILE#METRIC)`);
  }
  return { file, metric };
}

function pick(metrics: Map<string, VariantPoints>, metric: string): VariantPoints | string {
  const only = metrics.get(ANY_METRIC);
  if (only) return only;
  const hit = metrics.get(metric);
  if (hit) return hit;
  if (metric === '' && metrics.size === 1) return [...metrics.values()][0]!;
  const names = [...metrics.keys()].join(', ') || 'none';
  return `no metric "${metric}" (the file has: ${names})`;
}

/**
 * Creates a file provider; files are read (and errors thrown) at fetch time, each file once
 * however many metrics and variants are fetched from it.
 */
export function fileProvider(opts: FileProviderOptions): MetricProvider {
  const readText = opts.readText ?? ((file: string) => Promise.resolve(readRegularFile(file, file, MAX_SAMPLES_BYTES).toString('utf8')));
  const loaded = new Map<string, Promise<Map<string, VariantPoints>>>();
  async function fetchFile(q: MetricQuery): Promise<FetchResult> {
    const { file, metric } = locate(opts, substituteVariant(q.query, q.variant));
    let metrics = loaded.get(file);
    if (!metrics) loaded.set(file, (metrics = load(file, readText)));
    const metricsOfFile = await metrics;
    const source = metric && !metricsOfFile.has(ANY_METRIC) ? `${file}#${metric}` : file;
    const what = `${q.variant} ${source}`;
    const entry = pick(metricsOfFile, metric);
    if (typeof entry === 'string') return failure('no-data', `${what}: ${entry}`);
    const end = q.end.getTime() / 1000;
    const start = q.kind === 'instant' ? end - INSTANT_LOOKBACK_SECONDS : q.start.getTime() / 1000;
    const inWindow = entry[q.variant].filter(([t]) => t >= start && t <= end);
    if (inWindow.length === 0) {
      const total = entry[q.variant].length;
      return failure('no-data', `${what}: no samples between ${new Date(start * 1000).toISOString()} and ${q.end.toISOString()} (${total} outside)`);
    }
    const points = q.kind === 'instant' ? [inWindow.reduce((a, b) => (b[0] >= a[0] ? b : a))] : inWindow;
    return samplesResult(points, source, what);
  }
  return { name: 'file', fetch: fetchFile };
}
