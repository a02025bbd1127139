/**
 * ECharts with only what src/charts draws (line and bar charts, title, plain legend, simple
 * grid with its axes, markLine, the SVG renderer), for the action bundles: scripts/bundle.mjs
 * puts this module in place of the prebuilt `echarts/dist/echarts.esm.min.mjs` with `lean`,
 * and esbuild leaves every other chart, component and feature out (~570 KB less). Unbundled
 * Node keeps the prebuilt file, which loads faster (docs/charts.md). Both render the same
 * bytes: test/github/action-bundles.test.ts compares them on the charts the report draws.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { format, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, TitleComponent, LegendPlainComponent, GridSimpleComponent, MarkLineComponent, SVGRenderer]);

export { format, init };
