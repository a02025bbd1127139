// mSPRT always-valid p-values: properties, and the simulated false-alarm rate with repeated looks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysValidPValues,
  msprtRatio,
  proportionLook,
  rankLook,
  sequentialTest,
  simulateAlarmRate,
  simulateFalseAlarms,
  simulatePower,
} from '../../../src/release/stats/index.js';

const look = fc.record({ estimate: fc.double({ min: -10, max: 10, noNaN: true }), variance: fc.double({ min: 0, max: 10, noNaN: true }) });

describe('always-valid p-values', () => {
  it('start at most 1, stay in (0, 1] and never increase from look to look', () => {
    fc.assert(
      fc.property(fc.array(look, { maxLength: 30 }), fc.double({ min: 0.001, max: 5, noNaN: true }), (looks, tau) => {
        const ps = alwaysValidPValues(looks, tau);
        ps.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(i === 0 ? 1 : ps[i - 1]!);
        });
      }),
    );
  });

  it('equal 1/Λ of the mSPRT formula at the first look', () => {
    // V = 1, τ² = 1, d = 2: Λ = sqrt(1/2) · exp(4 / 4) = e / √2.
    expect(msprtRatio({ estimate: 2, variance: 1 }, 1)).toBeCloseTo(Math.E / Math.SQRT2, 14);
    expect(alwaysValidPValues([{ estimate: 2, variance: 1 }], 1)[0]).toBeCloseTo(Math.SQRT2 / Math.E, 14);
  });

  it('carry the p-value forward over a look without variance', () => {
    const ps = alwaysValidPValues([{ estimate: 3, variance: 1 }, { estimate: 0, variance: 0 }, { estimate: Number.NaN, variance: 1 }], 1);
    expect(ps[1]).toBe(ps[0]);
    expect(ps[2]).toBe(ps[0]);
  });

  it('stop at the first look at or under alpha', () => {
    const r = sequentialTest([{ estimate: 0, variance: 1 }, { estimate: 5, variance: 0.5 }, { estimate: 9, variance: 0.2 }], { tau: 1, alpha: 0.05 });
    expect(r.rejected).toBe(true);
    expect(r.stopAt).toBe(1);
  });

  it('build looks from ranks and counts', () => {
    const l = rankLook(Float64Array.from([4, 5, 6]), Float64Array.from([1, 2, 3]));
    expect(l.estimate).toBe(0.5);
    expect(l.variance).toBeCloseTo((9 / 12) * 7 / 81, 14);
    expect(proportionLook(10, 100, 5, 100)).toEqual({ estimate: 0.05, variance: 0.075 * 0.925 * 0.02 });
    expect(Number.isNaN(rankLook(new Float64Array(0), Float64Array.from([1])).variance)).toBe(true);
  });
});

describe('simulation (modest trial counts; the benchmark runs more)', () => {
  const alpha = 0.05;
  const trials = 300;
  const tolerance = 3 * Math.sqrt((alpha * (1 - alpha)) / trials);

  it('is reproducible with a seed', () => {
    const opts = { looks: 3, alpha, trials: 50, seed: 7, method: 'sequential' as const, perLook: 20 };
    expect(simulateFalseAlarms(opts)).toBe(simulateFalseAlarms(opts));
  });

  it('A/A latency, 10 looks: the sequential method stays at alpha, naive re-testing does not', () => {
    const base = { looks: 10, alpha, trials, seed: 11, perLook: 30 };
    const sequential = simulateFalseAlarms({ ...base, method: 'sequential' });
    const naive = simulateFalseAlarms({ ...base, method: 'naive' });
    expect(sequential).toBeLessThanOrEqual(alpha + tolerance);
    expect(naive).toBeGreaterThan(alpha + tolerance);
  });

  it('A/A error rate, 10 looks: the sequential method stays at alpha', () => {
    const o = { looks: 10, alpha, trials: 200, seed: 5, metric: 'errors' as const, perLook: 2000, baselineRate: 0.05 };
    expect(simulateFalseAlarms({ ...o, method: 'sequential' })).toBeLessThanOrEqual(alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / 200));
  });

  it('detects a 25 % latency regression most of the time', () => {
    const power = simulatePower({ looks: 5, alpha, trials: 100, seed: 3, perLook: 60, effect: 0.25, method: 'sequential' });
    expect(power).toBeGreaterThan(0.8);
    expect(simulateAlarmRate({ looks: 5, alpha, trials: 100, seed: 3, perLook: 60, effect: 0.25, method: 'sequential' })).toBe(power);
  });
});

describe('simulation options', () => {
  it('an option given as undefined keeps its default (it does not wipe it)', () => {
    const base = { looks: 2, alpha: 0.05, trials: 40, seed: 9, method: 'sequential' as const, effect: 0.5 };
    const given = { ...base, metric: undefined, perLook: undefined, tau: undefined, baselineRate: undefined };
    expect(simulateAlarmRate(base)).toBeGreaterThan(0.5);
    expect(simulateAlarmRate(given)).toBe(simulateAlarmRate(base));
    expect(simulateAlarmRate({ ...base, metric: 'errors', perLook: undefined, tau: undefined })).toBe(simulateAlarmRate({ ...base, metric: 'errors' }));
  });
});
