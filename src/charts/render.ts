/**
 * The one place that talks to ECharts: renders an option to an SVG string on the server
 * without a DOM, and measures text the way that rendering does.
 *
 * It loads ECharts' prebuilt, minified ES module bundle rather than tree-shaken imports from
 * `echarts/core`: Node does not tree-shake, so `echarts/charts` and `echarts/components` load
 * every chart (589 modules, ~350 ms cold), and even deep imports of only line, bar, grid,
 * legend, title, markLine and the SVG renderer load 267 small modules (~175 ms). The single
 * bundle file loads in ~48 ms with less memory and renders the same bytes (docs/charts.md).
 */
import { format, init } from 'echarts/dist/echarts.esm.min.mjs';
import type { EChartsCoreOption } from 'echarts/core';
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


/** The width ECharts gives a text in sans-serif (its own estimate: no fonts on a server). */
export function textWidthPx(text: string, fontSize: number): number {
  return format.getTextRect(text, `${fontSize}px sans-serif`).width;
}
