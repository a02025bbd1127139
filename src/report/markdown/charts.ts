/**
 * Trend charts as Mermaid `xychart-beta` blocks (GitHub renders them): the series of the
 * KPIs in CHART_KPIS that have at least two points. Only numbers and our own titles enter a
 * chart, so report text cannot break out of the code block. Charts are dropped first.
 */
import type { Report, ReportKpi } from '../types.js';
import { details, type Rendered } from './format.js';

/** The KPIs charted, with their chart titles and y-axis labels. */
export const CHART_KPIS: ReadonlyArray<[name: string, title: string, axis: string]> = [
  ['tests.passRate', 'Test pass rate', '%'],
  ['coverage.line', 'Line coverage', '%'],
  ['schedule.spi', 'SPI (schedule performance index)', 'SPI'],
  ['defects.density', 'Defect density', 'per KLOC'],
];

const round = (x: number): string => String(Math.round(x * 1000) / 1000);

/** One xychart: x labels count back from the current value (`-3`, `-2`, `-1`, `now`). */
export function chart(k: ReportKpi, title: string, axis: string): string[] {
  const n = k.trend.length;
  const labels = k.trend.map((_, i) => (k.value !== null && i === n - 1 ? '"now"' : `"${i - n + (k.value === null ? 0 : 1)}"`));
  return ['```mermaid', 'xychart-beta', `  title "${title}"`, `  x-axis [${labels.join(', ')}]`, `  y-axis "${axis}"`, `  line [${k.trend.map(round).join(', ')}]`, '```'];
}

/** The trend charts, collapsed; nothing from drop level 1. */
export function chartsPart(r: Report, level: number): Rendered {
  const charted = CHART_KPIS.flatMap(([name, title, axis]) => {
    const k = r.kpis.find((x) => x.name === name);
    return k && k.trend.length >= 2 ? [chart(k, title, axis)] : [];
  });
  if (charted.length === 0) return { lines: [], dropped: [] };
  if (level >= 1) return { lines: [], dropped: [[1, 'the trend charts']] };
  return { lines: details(`Trends (${charted.length} charts, oldest run first)`, charted.flatMap((c, i) => (i === 0 ? c : ['', ...c]))), dropped: [] };
}
