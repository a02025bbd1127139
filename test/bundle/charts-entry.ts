/**
 * Charts as the health report draws them, for test/github/action-bundles.test.ts: bundled
 * with and without `lean` (scripts/bundle.mjs: ECharts registered with only what src/charts
 * uses, in place of the prebuilt file), both must print the same bytes. One JSON line a chart.
 */
import { barChartSvg, lineChartSvg, type BarChartSpec, type ChartSpec } from '../../src/charts/index.js';

const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'];
const line: ChartSpec = { title: 'Build duration', categories: weeks, unit: 'min', threshold: { value: 12, label: 'Limit' }, series: [{ name: 'main', values: [5, 7, null, 8, 9.25] }, { name: 'release', values: [3, 4, 6, 5, null] }] };
const bar: BarChartSpec = { title: 'Findings by severity', categories: ['critical', 'high', 'medium', 'low'], series: [{ name: 'open', values: [1, 3, 8, 12] }, { name: 'waived', values: [0, 1, 2, 5] }] };
const hostile = '</svg><script>alert(1)</script>&"\'';
const many = Array.from({ length: 9 }, (_, i) => ({ name: `a rather long series name number ${i}`, values: weeks.map((_, j) => (i + 1) * (j + 1)) }));
const runs = Array.from({ length: 10_000 }, (_, i) => `run ${i + 1}`);
const long = runs.map((_, i) => (i >= 3000 && i < 4000 ? null : 10 + Math.sin(i / 300) * 5 + (i % 7)));

const specs: Array<[string, 'line' | 'bar', ChartSpec | BarChartSpec]> = [
  ['line', 'line', line],
  ['line dark', 'line', { ...line, theme: 'dark' }],
  ['line wide', 'line', { ...line, width: 600, height: 320 }],
  ['line threshold above every value', 'line', { ...line, threshold: { value: 400, label: 'Cap' } }],
  ['line many series (legend wraps)', 'line', { ...line, series: many }],
  ['line 10,000 points (downsampled)', 'line', { title: 'Duration per run', categories: runs, series: [{ name: 'main', values: long }] }],
  ['line hostile', 'line', { ...line, title: hostile, categories: weeks.map(() => hostile), series: [{ name: hostile, values: [1, 2, 3, 4, 5] }] }],
  ['line template syntax', 'line', { ...line, series: [{ name: 'a\u0001b {c} {a|b}', values: [1, 2] }], threshold: { value: 1, label: '{b}' } }],
  ['line no data', 'line', { ...line, series: [] }],
  ['bar', 'bar', bar],
  ['bar dark', 'bar', { ...bar, theme: 'dark' }],
  ['bar stacked with threshold', 'bar', { ...bar, stacked: true, threshold: { value: 10, label: 'Budget' } }],
  ['bar many series', 'bar', { ...bar, categories: weeks, series: many }],
  ['bar no categories', 'bar', { ...bar, categories: [] }],
];

for (const [name, kind, spec] of specs) {
  const svg = kind === 'line' ? lineChartSvg(spec) : barChartSvg(spec);
  process.stdout.write(`${JSON.stringify({ name, svg })}\n`);
}
