/**
 * Release statistics for the gray-release (canary) gate: rank tests with shift estimates,
 * two-proportion tests, sample-size checks, sequential (always-valid) testing, the always-valid
 * bounds the release judge decides on (boundary, shift, median, mean, ratio of means), the Holm
 * correction and the simulations that measure them. Everything is pure and deterministic.
 */
export type { Alternative, MannWhitneyOptions, MannWhitneyResult } from './types.js';
export { mannWhitney } from './mann-whitney.js';
export { pnorm, qnorm } from './normal.js';
export type { ProportionOptions, ProportionResult } from './proportions.js';
export { proportionTest, minExpectedCount } from './proportions.js';
export type { SampleCheck, SampleOptions, CountOptions } from './samples.js';
export { enoughSamples, enoughCounts } from './samples.js';
export { holm } from './holm.js';
export type { Look, SequentialResult } from './sequential.js';
export { alwaysValidPValues, msprtRatio, proportionLook, rankLook, sequentialTest } from './sequential.js';
export type { FalseAlarmRow, SimulationOptions } from './simulate.js';
export { falseAlarmTable, simulateAlarmRate, simulateFalseAlarms, simulatePower } from './simulate.js';
export { mixturePValue, mixtureRho, oneSidedBoundary } from './boundary.js';
export type { Bounds, ShiftSamples } from './shift-bounds.js';
export { shiftBounds, shiftSamples, shiftStatistic } from './shift-bounds.js';
export { meanBounds, medianBounds } from './location-bounds.js';
export type { Summary, VarianceFloor } from './ratio-bounds.js';
export { ratioBounds, ratioStatistic, summarize } from './ratio-bounds.js';
