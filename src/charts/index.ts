/**
 * Charts for the health report: static, accessible, deterministic SVG strings rendered at build
 * time by Apache ECharts' server-side SVG renderer (no DOM, no browser, no network).
 */
export { lineChartSvg } from './line.js';
export { barChartSvg } from './bar.js';
export type { BarChartSpec, ChartSeries, ChartSpec } from './spec.js';
