// The calibration study at fixed seeds, with modest trial counts (`npm run bench -- release`
// runs the full study): false rollbacks and false promotions stay at or below α from 1 to
// 1,000 looks, a change within half the tolerance is not rolled back, a change of 1.5 × the
// tolerance is detected at the sample sizes docs/release-gate.md names. And the simulation's
// incremental tests decide exactly as the judge does on the same data.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/metrics/random.js';
import { calibrate, drawTrial, intervalJudge, lookRule, lookSizes, trialDecisions, type Scenario } from '../../../src/release/judge/index.js';
import type { ReleaseMetric } from '../../../src/release/policy/types.js';

const ALPHA = 0.05;
const LOGNORMAL: Scenario = { kind: 'lognormal', sigma: 0.3 };
const PARETO: Scenario = { kind: 'pareto', shape: 1.5 };
const ERRORS: Scenario = { kind: 'errors', rate: 0.01, requests: 1000 };
const base = { tolerance: 0.1, seed: 12 };

describe('the simulation decides as the judge does', () => {
  it.each([['latency', LOGNORMAL], ['heavy-tailed latency', PARETO], ['error ratio', ERRORS]] as const)('%s', (_name, scenario) => {
    const kind = scenario.kind === 'errors' ? 'error-ratio' : 'latency';
    const metric: ReleaseMetric = { name: 'm', provider: 'file', query: 'q', kind, harmful: 'increase', limit: {}, tolerance: 0.1, critical: false, onNoData: 'hold' };
    const judge = intervalJudge({ policy: { metrics: [metric] }, step: { minSamples: 0 } });
    const rule = lookRule({ scenario, tolerance: 0.1 });
    const sizes = lookSizes(500, 8).filter((s) => s >= rule.least);
    const rand = mulberry32(5);
    let decided = 0;
    // Changes that pass, that fail, and that stay undecided for a while.
    for (const effect of [0, 0.35, 0.12, -0.05, 0.2, 0.1, 0.5, 0.02]) {
      const trial = drawTrial({ scenario, effect, samplesPerSide: 500 }, rand);
      const fast = trialDecisions(scenario.kind === 'errors' ? 'ratio-of-means' : 'log-shift', trial, sizes, rule);
      const slow = sizes.map((size) => {
        const j = judge(metric, Array.from(trial.canary.subarray(0, size)), Array.from(trial.baseline.subarray(0, size)), { canary: size, baseline: size });
        return j.classification === 'fail' ? 'fail' : j.classification === 'pass' && rule.mayPass(size) ? 'pass' : null;
      });
      expect(fast).toEqual(slow);
      decided += fast.filter((d) => d !== null).length;
    }
    expect(decided).toBeGreaterThan(10); // the comparison covers decisions, not only holds
  });
});

describe('false rollbacks and false promotions stay at or below α, from 1 to 1,000 looks', () => {
  it.each([1, 10, 100, 1000])('A/A latency, %d looks: never rolled back', (looks) => {
    const r = calibrate({ ...base, scenario: LOGNORMAL, effect: 0, samplesPerSide: 1000, looks, trials: 300 });
    expect(r.rollback).toBeLessThanOrEqual(ALPHA);
  });

  it.each([1, 10, 100, 1000])('A/A error ratio, %d looks', (looks) => {
    const r = calibrate({ ...base, scenario: ERRORS, effect: 0, samplesPerSide: 1000, looks, trials: 200 });
    expect(r.rollback).toBeLessThanOrEqual(ALPHA);
  });

  it.each([['latency', LOGNORMAL], ['heavy-tailed latency', PARETO], ['error ratio', ERRORS]] as const)('a change right at the tolerance (the hardest case for both errors), 1,000 looks: %s', (_name, scenario) => {
    const r = calibrate({ ...base, scenario, effect: 0.1, samplesPerSide: 1000, looks: 1000, trials: 800 });
    expect(r.rollback).toBeLessThanOrEqual(ALPHA);
    expect(r.promote).toBeLessThanOrEqual(ALPHA);
  });

  it.each([1, 1000])('a change within half the tolerance, %d looks: rolled back at most α', (looks) => {
    for (const scenario of [LOGNORMAL, ERRORS]) {
      expect(calibrate({ ...base, scenario, effect: 0.05, samplesPerSide: 1000, looks, trials: 300 }).rollback).toBeLessThanOrEqual(ALPHA);
    }
  });

  it('harm of 1.5 × the tolerance is promoted at most α of the time', () => {
    expect(calibrate({ ...base, scenario: LOGNORMAL, effect: 0.15, samplesPerSide: 1000, looks: 1000, trials: 300 }).promote).toBeLessThanOrEqual(ALPHA);
  });
});

describe('detection of a change of 1.5 × the tolerance at the sample sizes the docs name', () => {
  it.each([
    ['latency, lognormal σ = 0.1', 250, { kind: 'lognormal', sigma: 0.1 } as Scenario],
    ['latency, lognormal σ = 0.3', 2200, LOGNORMAL],
  ] as const)('%s: %d per side', (_name, n, scenario) => {
    for (const looks of [1, 100]) expect(calibrate({ ...base, scenario, effect: 0.15, samplesPerSide: n, looks, trials: 200 }).rollback).toBeGreaterThanOrEqual(0.9);
  });
});
