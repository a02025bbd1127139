/**
 * The parts of an ECharts option that line and bar charts share: title, legend, grid, axes
 * and the threshold line, all coloured from the theme palette.
 */
import { formatNumber, type CleanSpec } from './spec.js';
import { palette, type Palette } from './theme.js';

/** A series name no user series can have: the invisible series that keeps the threshold in view. */
const THRESHOLD_SERIES = '\u2063phasegate-threshold';

const FONT = { fontFamily: 'sans-serif', fontSize: 12 };

/** The option without the series; `boundaryGap` is true for bars (a bar needs a slot). */
export function baseOption(spec: CleanSpec, boundaryGap: boolean): Record<string, unknown> {
  const p = palette(spec.theme);
  const axisLine = { lineStyle: { color: p.axis } };
  return {
    backgroundColor: p.background,
    textStyle: { ...FONT, color: p.text },
    title: { text: spec.title, left: 8, top: 6, textStyle: { ...FONT, fontSize: 14, color: p.text } },
    legend: {
      data: spec.series.map((s) => s.name),
      bottom: 4,
      selectedMode: false,
      itemWidth: 28,
      textStyle: { ...FONT, color: p.text },
    },
    grid: { left: 12, right: 24, top: 44, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'all' },
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
