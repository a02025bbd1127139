/**
 * The key metrics an action puts in its `metrics` output and its job summary: tests,
 * coverage, security findings and static-analysis errors. The same set as phase-gate's
 * `metrics` output.
 */
import { metricInfo } from '../catalog/metrics.js';
import { mdText } from '../gate/render/markdown.js';

export const KEY_METRICS = /^(tests\.(total|failed|errored|passRate)|coverage\.(line|branch|newLine)|security\.(critical|high|medium|low)|analysis\.errors)$/;

/** The key metrics of `metrics`, sorted by name. */
export function keyMetrics(metrics: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([k]) => KEY_METRICS.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A metric's value as a table shows it: percentages with one decimal and `%`, counts as they are. */
function shown(name: string, value: number): string {
  if (metricInfo(name)?.unit === 'percent') return `${(Math.round(value * 10) / 10).toFixed(1)} %`;
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** The key metrics as a Markdown table, or a line saying there are none. */
export function keyMetricsTable(metrics: Readonly<Record<string, number>>): string[] {
  const key = Object.entries(keyMetrics(metrics));
  if (key.length === 0) return ['_The evidence has none of the key metrics (tests, coverage, security, static analysis)._'];
  return ['| Metric | Value |', '| --- | ---: |', ...key.map(([k, v]) => `| ${mdText(k)} | ${shown(k, v)} |`)];
}
