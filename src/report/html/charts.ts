/**
 * Trend and breakdown charts as inline SVG from src/charts (ECharts, rendered at build time).
 * Each chart is rendered twice, light and dark; CSS shows the one that matches
 * prefers-color-scheme (print always uses the light one). The dark copy carries the `hidden`
 * attribute, so without CSS (Jenkins' default CSP) exactly one chart shows: the light one.
 */
import { barChartSvg, lineChartSvg, type BarChartSpec, type ChartSpec } from '../../charts/index.js';
import type { Report, ReportKpi } from '../types.js';
import { esc } from './escape.js';


/** A chart in both themes, with a caption. */
export function chartFigure(kind: 'line' | 'bar', spec: ChartSpec | BarChartSpec, caption: string): string {
  const draw = kind === 'line' ? lineChartSvg : barChartSvg;
  const light = draw({ ...spec, theme: 'light' });
  const dark = draw({ ...spec, theme: 'dark' });
  return [
    '<figure class="chart">',
    `<div class="chart-light">${light}</div>`,
    `<div class="chart-dark" hidden="hidden">${dark}</div>`,
    `<figcaption>${esc(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

/** Labels counting back to the current run: `−3`, `−2`, `−1`, `now`. */
export function trendLabels(k: ReportKpi): string[] {
  const n = k.trend.length;
  const shift = k.value === null ? 0 : 1;
  return k.trend.map((_, i) => (shift && i === n - 1 ? 'now' : `${i - n + shift}`));
}

/** The trend chart of one KPI, or '' when it has fewer than two points. */
export function kpiTrendChart(r: Report, name: string, title: string, unit: string): string {
  const k = r.kpis.find((x) => x.name === name);
  if (!k || k.trend.length < 2) return '';
  const spec: ChartSpec = { title, categories: trendLabels(k), series: [{ name: title, values: k.trend }], unit };
  return chartFigure('line', spec, `${title} over the last ${k.trend.length} runs, oldest first.`);
}

/** SPI and SPI(t) over the plan's periods, when there are at least two points. */
export function spiChart(r: Report): string {
  const spi = r.kpis.find((x) => x.name === 'schedule.spi');
  const spiT = r.kpis.find((x) => x.name === 'schedule.spiT');
  if (!spi || spi.trend.length < 2) return '';
  const series = [{ name: 'SPI', values: spi.trend }];
  if (spiT && spiT.trend.length === spi.trend.length) series.push({ name: 'SPI(t)', values: spiT.trend });
  const spec: ChartSpec = { title: 'Schedule performance', categories: trendLabels(spi), series, threshold: { value: 1, label: 'on plan' } };
  return chartFigure('line', spec, 'SPI and SPI(t) at the end of each plan period, oldest first; 1 is on plan.');
}

/** Findings by severity as bars, when any severity was measured. */
export function securityChart(r: Report): string {
  const sev: Array<[string, number | null]> = [['critical', r.security.critical], ['high', r.security.high], ['medium', r.security.medium], ['low', r.security.low]];
  const measured = sev.filter(([, v]) => v !== null);
  if (measured.length === 0) return '';
  const spec: BarChartSpec = { title: 'Security findings by severity', categories: measured.map(([s]) => s), series: [{ name: 'findings', values: measured.map(([, v]) => v) }] };
  return chartFigure('bar', spec, 'Open security findings by severity.');
}
