/**
 * The one place that talks to ECharts: registers only the parts the charts use (line, bar,
 * grid, axes, legend, title, markLine, SVG renderer) and renders an option to an SVG string
 * on the server, without a DOM.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { makeAccessible, stabiliseIds, stripInteractivity } from './svg.js';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, MarkLineComponent, SVGRenderer]);

/**
 * Renders an ECharts option to a deterministic, accessible SVG string. Animation is always
 * off (an SSR string is a single frame) and the chart is disposed whatever happens.
 */
export function renderSvg(option: EChartsCoreOption, width: number, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return makeAccessible(stabiliseIds(stripInteractivity(chart.renderToSVGString())), label);
  } finally {
    chart.dispose();
  }
}
