/**
 * The parts of an ECharts option that line and bar charts share: title, legend, grid, axes
 * and the threshold line, all coloured from the theme palette.
 */
import { renderSvg, textWidthPx } from './render.js';
import { describe, formatNumber, type CleanSpec } from './spec.js';
import { palette, type Palette } from './theme.js';

/** A series name no user series can have: the invisible series that keeps the threshold in view. */
const THRESHOLD_SERIES = '\u2063phasegate-threshold';

const FONT = { fontFamily: 'sans-serif', fontSize: 12 };
// ECharts' legend: 14px high items, `itemGap` between items and rows, 5px padding.
const LEGEND = { icon: 28, gap: 5, itemGap: 10, height: 14, padding: 5, bottom: 4 };

/**
 * The legend's rows: ECharts wraps a plain legend that is wider than the chart, but the grid
 * does not make room for it, so the rows are counted here, with ECharts' own text measure and
 * wrapping rule, and the grid's bottom set from them. Names longer than a row are cut with an
 * ellipsis (the full name is in the aria-label).
 */
export function legendLayout(names: string[], width: number): { rows: number; textWidth: number } {
  const room = width - 2 * LEGEND.padding;
  const textWidth = Math.max(40, room - LEGEND.icon - LEGEND.gap - LEGEND.itemGap);
  let rows = names.length > 0 ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const item = LEGEND.icon + LEGEND.gap + Math.min(textWidth, textWidthPx(name, FONT.fontSize));
    if (x > 0 && x + item > room) {
      rows += 1;
      x = 0;
    }
    x += item + LEGEND.itemGap;
  }
  return { rows, textWidth };
}

/** The grid's bottom: below it the legend's rows, its padding, and 8px to the axis labels. */
function gridBottom(rows: number): number {
  if (rows === 0) return 16;
  return LEGEND.bottom + 2 * LEGEND.padding + rows * LEGEND.height + (rows - 1) * LEGEND.itemGap + 8;
}

/** The option without the series; `boundaryGap` is true for bars (a bar needs a slot). */
export function baseOption(spec: CleanSpec, boundaryGap: boolean): Record<string, unknown> {
  const p = palette(spec.theme);
  const axisLine = { lineStyle: { color: p.axis } };
  const legend = legendLayout(spec.series.map((s) => s.name), spec.width);
  const fit = { overflow: 'truncate', ellipsis: '…' };
  return {
    backgroundColor: p.background,
    textStyle: { ...FONT, color: p.text },
    title: {
      text: spec.title,
      left: 8,
      top: 6,
      textStyle: { ...FONT, fontSize: 14, fontWeight: 'bold', color: p.text, width: spec.width - 16, ...fit },
    },
    legend: {
      data: spec.series.map((s) => s.name),
      bottom: LEGEND.bottom,
      selectedMode: false,
      itemWidth: LEGEND.icon,
      itemGap: LEGEND.itemGap,
      textStyle: { ...FONT, color: p.text, width: legend.textWidth, ...fit },
    },
    grid: {
      left: 12,
      right: 24,
      top: 44,
      bottom: gridBottom(legend.rows),
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: {
      type: 'category',
      data: spec.categories,
      boundaryGap,
      axisLine,
      axisTick: { lineStyle: { color: p.axis } },
      axisLabel: { ...FONT, color: p.axis, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      name: spec.unit || undefined,
      nameTextStyle: { ...FONT, color: p.axis, align: 'left' },
      axisLine: { show: true, ...axisLine },
      splitLine: { lineStyle: { color: p.grid } },
      axisLabel: { ...FONT, color: p.axis },
    },
  };
}

/** The markLine that draws the threshold on the first series, labelled with its value. */
export function thresholdMarkLine(spec: CleanSpec): Record<string, unknown> | undefined {
  const t = spec.threshold;
  if (!t) return undefined;
  const p: Palette = palette(spec.theme);
  const text = `${t.label}: ${formatNumber(t.value, spec.unit)}`;
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { color: p.threshold, type: [6, 3], width: 1.5 },
    label: {
      position: 'insideEndTop',
      // A function, not a string: a string formatter would expand `{b}`-style templates in user text.
      formatter: () => text,
      color: p.threshold,
      // Readable where it crosses bars or lines.
      backgroundColor: p.background,
      padding: [1, 3],
      ...FONT,
    },
    data: [{ yAxis: t.value }],
  };
}

/**
 * ECharts leaves markLines out of the axis extent, so a threshold above every value would sit
 * off the chart. An invisible one-point line series at the threshold widens the axis instead.
 */
export function thresholdExtentSeries(spec: CleanSpec): Record<string, unknown>[] {
  if (!spec.threshold) return [];
  return [
    {
      type: 'line',
      name: THRESHOLD_SERIES,
      data: [spec.threshold.value],
      silent: true,
      symbol: 'none',
      lineStyle: { opacity: 0 },
      tooltip: { show: false },
    },
  ];
}

/** Renders a line or bar chart: the shared axes, legend and title around the given series. */
export function renderChart(spec: CleanSpec, kind: 'Line chart' | 'Bar chart', series: Record<string, unknown>[]): string {
  const option = { ...baseOption(spec, kind === 'Bar chart'), series: [...series, ...thresholdExtentSeries(spec)] };
  return renderSvg(option, spec.width, spec.height, describe(spec, kind));
}
