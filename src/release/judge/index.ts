/** Public API of the release judge: the interval judge, the kinds' models and minimum samples, the levels, and the calibration study. */
export { intervalJudge, type IntervalJudgeOptions } from './interval-judge.js';
export { KINDS, minSamplesFor, type KindModel } from './kinds.js';
export { DEFAULT_ALPHA, failBounds, levelsFor, windowShare, type Levels } from './levels.js';
export { calibrate, drawTrial, lookRule, lookSizes, type CalibrationOptions, type CalibrationResult, type Scenario } from './calibration.js';
export { trialDecisions, type Decision, type LookRule, type Trial } from './calibration-looks.js';
