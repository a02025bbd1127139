/**
 * Types for ECharts' prebuilt ES module bundle (the package ships it without declarations):
 * the same API as `echarts/core`, with every chart, component and renderer registered.
 */
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts/core';
}
