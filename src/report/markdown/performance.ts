/** The performance section of the report's Markdown: shown only when the evidence has perf.* metrics. */
import type { Report, ReportPerfRow } from '../types.js';
import { mdText, num, signedPercent, table, type Rendered } from './format.js';

const ms = (x: number | null): string => (x === null ? '—' : `${num(x, 1)} ms`);
const pct = (x: number | null): string => (x === null ? '—' : `${num(x)} %`);
const points = (x: number | null): string => (x === null ? '—' : `${x > 0 ? '+' : ''}${num(x)} pt`);

function cells(r: ReportPerfRow, baseline: boolean): string[] {
  const base = [ms(r.p50), ms(r.p90), ms(r.p95), ms(r.p99), pct(r.errorRate), r.throughput === null ? '—' : `${num(r.throughput, 1)}/s`, num(r.samples, 0)];
  return baseline ? [...base, signedPercent(r.p95Change), points(r.errorRateDelta)] : base;
}

/** Latency percentiles, error rate and throughput overall and for the slowest transactions. */
export function performancePart(r: Report): Rendered {
  const p = r.performance;
  if (!p) return { lines: [], dropped: [] };
  const head = ['Transaction', 'p50', 'p90', 'p95', 'p99', 'Errors', 'Throughput', 'Samples', ...(p.baseline ? ['p95 change', 'Errors change'] : [])];
  const rows = [['**all**', ...cells(p.overall, p.baseline)], ...p.transactions.map((t) => [`\`${mdText(t.name)}\``, ...cells(t, p.baseline)])];
  const more = p.transactionCount > p.transactions.length ? ['', `The ${p.transactions.length} slowest of ${num(p.transactionCount, 0)} transactions by p95; the JSON report's evidence has all.`] : [];
  return { lines: ['', '#### Performance', '', ...table(head, rows), ...more], dropped: [] };
}
