/**
 * Public API of the metrics engine: computeKpis (pure KPI maths over history, plan, defects
 * and evidence), forecast and backtest for the CLI, and the edge readers of plan and defects
 * files.
 */
export { computeKpis, kpiSettings, KPI_REPORT_SCHEMA_VERSION, type KpiReport } from './kpis.js';
export { forecast, DEFAULT_SEED, DEFAULT_THROUGHPUT_WEEKS, DEFAULT_TRIALS, type ForecastInput, type ForecastResult, type ForecastUnit } from './forecast.js';
export { backtest, type BacktestInput, type BacktestPoint, type BacktestResult } from './backtest.js';
export { loadPlanFile, type LoadFileOptions } from './plan-file.js';
export { loadDefectsFile } from './defects-file.js';
export { earnedSchedule, evIndices, deviationRate, overrunRate, scheduleIndicators, type EvIndices } from './formulas.js';
export { DORA_SOURCE, changeFailureBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand, type Band, type DoraReport } from './dora.js';
export { mulberry32 } from './random.js';
export type { DefectReport } from './defects.js';
export type { EvmReport } from './evm-report.js';
export type { EvmStatus } from './evm.js';
export type { PhaseRow } from './phases.js';
export type { TestReport, FlakyTest } from './test-analytics.js';
export type * from './types.js';
