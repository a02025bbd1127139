/**
 * k6 end-of-test summaries: `k6 run --summary-export FILE` (statistics flat on each metric:
 * `"http_req_duration": {"med": …, "p(95)": …}`) and the data object `handleSummary` writes
 * with `JSON.stringify` (statistics under `values`). Times are milliseconds in both. The
 * percentiles are those in `summaryTrendStats` (default avg, min, med, max, p(90), p(95)):
 * p99 is present only when the run asked for `p(99)`. Sub-metrics tagged by request name
 * (`http_req_duration{name:login}`, present when a threshold names them) are transactions.
 */
import type { PerfFigures, PerfResult } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** True when `value` looks like a k6 summary (a `metrics` map of metric objects and k6's other keys). */
export function isK6Summary(value: unknown): value is Obj & { metrics: Obj } {
  if (!isObj(value) || !isObj(value.metrics)) return false;
  const names = Object.keys(value.metrics);
  return names.some((n) => n.startsWith('http_req') || n === 'iterations' || n === 'checks' || n === 'vus') || 'root_group' in value;
}

/** A metric's statistics, from either shape. */
function statsOf(metric: unknown): Obj | undefined {
  if (!isObj(metric)) return undefined;
  return isObj(metric.values) ? metric.values : metric;
}

function figuresOf(metrics: Obj, tag: string): PerfFigures {
  const d = statsOf(metrics[`http_req_duration${tag}`]);
  const reqs = statsOf(metrics[`http_reqs${tag}`]);
  const failed = statsOf(metrics[`http_req_failed${tag}`]);
  const out: PerfFigures = {};
  const set = (k: keyof PerfFigures, v: number | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set('p50', num(d?.['p(50)']) ?? num(d?.med));
  set('p90', num(d?.['p(90)']));
  set('p95', num(d?.['p(95)']));
  set('p99', num(d?.['p(99)']));
  set('samples', num(reqs?.count));
  set('throughput', num(reqs?.rate));
  const rate = num(failed?.rate) ?? num(failed?.value);
  set('errorRate', rate === undefined ? undefined : rate * 100);
  return out;
}

/** The figures of a k6 summary; the overall figures are empty when no HTTP request was made. */
export function readK6(summary: { metrics: Obj }): PerfResult {
  const transactions = new Map<string, PerfFigures>();
  for (const key of Object.keys(summary.metrics).sort()) {
    const m = /^http_req_duration\{name:(.*)\}$/.exec(key);
    if (m) transactions.set(m[1]!, figuresOf(summary.metrics, `{name:${m[1]!}}`));
  }
  return { format: 'k6-summary', raw: false, overall: figuresOf(summary.metrics, ''), transactions };
}
