/**
 * The one place that talks to ECharts: renders an option to an SVG string on the server,
 * without a DOM.
 *
 * It loads ECharts' prebuilt, minified ES module bundle rather than tree-shaken imports from
 * `echarts/core`: Node does not tree-shake, so `echarts/charts` and `echarts/components` load
 * every chart (589 modules, ~350 ms cold), and even deep imports of only line, bar, grid,
 * legend, title, markLine and the SVG renderer load 267 small modules (~175 ms). The single
 * bundle file loads in ~48 ms with less memory and renders the same bytes (docs/charts.md).
 */
import { init } from 'echarts/dist/echarts.esm.min.mjs';
import type { EChartsCoreOption } from 'echarts/core';
import { baseOption, thresholdExtentSeries } from './options.js';
import { describe, type CleanSpec } from './spec.js';
import { fontStylesToAttributes, makeAccessible, stabiliseIds, stripInteractivity } from './svg.js';

/**
 * Renders an ECharts option to a deterministic, accessible SVG string. Animation is always
 * off (an SSR string is a single frame) and the chart is disposed whatever happens.
 */
export function renderSvg(option: EChartsCoreOption, width: number, height: number, label: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    const svg = fontStylesToAttributes(stripInteractivity(chart.renderToSVGString()));
    return makeAccessible(stabiliseIds(svg), label);
  } finally {
    chart.dispose();
  }
}

/** Renders a line or bar chart: the shared axes, legend and title around the given series. */
export function renderChart(spec: CleanSpec, kind: 'Line chart' | 'Bar chart', series: Record<string, unknown>[]): string {
  const option = { ...baseOption(spec, kind === 'Bar chart'), series: [...series, ...thresholdExtentSeries(spec)] };
  return renderSvg(option, spec.width, spec.height, describe(spec, kind));
}
