/** The performance section of the HTML report: shown only when the evidence has perf.* metrics. */
import type { Report, ReportPerfRow } from '../types.js';
import { esc } from './escape.js';
import { num, signedPercent } from './format.js';
import { facts, section, table, type Column } from './table.js';

const dash = '<span class="muted">—</span>';
const ms = (x: number | null): string => (x === null ? dash : `${num(x, 1)} ms`);
const or = (x: number | null, show: (x: number) => string): string => (x === null ? dash : show(x));

const COLS: readonly Column<ReportPerfRow>[] = [
  { head: 'Transaction', cell: (t) => `<code>${esc(t.name)}</code>` },
  { head: 'p50', num: true, cell: (t) => ms(t.p50) },
  { head: 'p90', num: true, cell: (t) => ms(t.p90) },
  { head: 'p95', num: true, cell: (t) => ms(t.p95) },
  { head: 'p99', num: true, cell: (t) => ms(t.p99) },
  { head: 'Errors', num: true, cell: (t) => or(t.errorRate, (x) => `${num(x)} %`) },
  { head: 'Throughput', num: true, cell: (t) => or(t.throughput, (x) => `${num(x, 1)}/s`) },
  { head: 'Samples', num: true, cell: (t) => or(t.samples, (x) => num(x, 0)) },
];
const CHANGE_COLS: readonly Column<ReportPerfRow>[] = [
  { head: 'p95 change', num: true, cell: (t) => or(t.p95Change, signedPercent) },
  { head: 'Errors change', num: true, cell: (t) => or(t.errorRateDelta, (x) => `${x > 0 ? '+' : ''}${num(x)} pt`) },
];

/** Latency percentiles, error rate and throughput overall and for the slowest transactions; '' without perf data. */
export function performance(r: Report): string {
  const p = r.performance;
  if (!p) return '';
  const o = p.overall;
  const cols = p.baseline ? [...COLS, ...CHANGE_COLS] : COLS;
  const shown = p.transactionCount > p.transactions.length ? `, the ${p.transactions.length} slowest by p95` : '';
  return section('performance', 'Performance', [
    facts([['p95', ms(o.p95)], ['p99', ms(o.p99)], ['Errors', or(o.errorRate, (x) => `${num(x)} %`)], ['Throughput', or(o.throughput, (x) => `${num(x, 1)}/s`)], ...(p.baseline ? [['p95 change', or(o.p95Change, signedPercent)] as [string, string]] : [])]),
    table(`Transactions (${num(p.transactionCount, 0)}${shown})`, cols, [o, ...p.transactions], { id: 'perf-table' }),
  ].join('\n'));
}
