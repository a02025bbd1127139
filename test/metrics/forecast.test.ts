import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, computeKpis, forecast, mulberry32 } from '../../src/metrics/index.js';
import { percentileWeeks, simulate } from '../../src/metrics/simulate.js';
import type { WorkItemRecord } from '../../src/store/records.js';
import { item, PROJECT } from './helpers.js';

const DAY = 86_400_000;
const day = (d: number, base = '2026-06-01T00:00:00Z') => new Date(Date.parse(base) + d * DAY).toISOString();

describe('mulberry32', () => {
  it('is the reference stream for a seed (regression values of the published algorithm)', () => {
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('stays in [0, 1)', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const r = mulberry32(seed);
      for (let i = 0; i < 100; i++) {
        const x = r();
        expect(x >= 0 && x < 1).toBe(true);
      }
    }));
  });
});

describe('Monte Carlo forecast', () => {
  const asOf = '2026-09-01T00:00:00Z';
  /** Four items done in the last week, none in the two before (first record 20 days back), four open. */
  const records: WorkItemRecord[] = [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => item(`o${i}`, day(-20, asOf), `W-${i}`, 'open')),
    ...[1, 2, 3, 4].map((i) => item(`d${i}`, day(-2, asOf), `W-${i}`, 'done')),
  ];

  it('constant throughput gives one answer: 6 items at 2 a week take 3 weeks', () => {
    const steady = [
      ...Array.from({ length: 14 }, (_, i) => item(`o${i}`, day(-28, asOf), `S-${i}`, 'open')),
      ...[0, 1, 2, 3].map((i) => item(`d${i}`, day(-7 * i - 1, asOf), `S-${i}`, 'done')),
      item('d4', day(-1, asOf), 'S-4', 'done'),
      item('d5', day(-15, asOf), 'S-5', 'done'),
      item('d6', day(-22, asOf), 'S-6', 'done'),
      item('d7', day(-8, asOf), 'S-7', 'done'),
    ];
    // weekly throughput over the last 4 weeks: 2, 2, 2, 2; 6 open → exactly 3 weeks in every trial
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: steady, due: '2026-09-21' });
    expect(f.throughput).toEqual([2, 2, 2, 2]);
    expect(f.remaining).toBe(6);
    expect(f.weeks).toEqual({ p50: 3, p85: 3, p95: 3 });
    expect([f.p50, f.p85, f.p95]).toEqual(['2026-09-22', '2026-09-22', '2026-09-22']);
    // due 21 Sep ends 22 Sep 00:00 = asOf + 21 days: 3 weeks fit → 100 %; due 20 Sep: 0 %
    expect(f.onTimeProbability).toBe(100);
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records: steady, due: '2026-09-20' }).onTimeProbability).toBe(0);
  });

  it('samples [0, 0, 4] for 4 remaining: finishing is a 1-in-3 draw each week', () => {
    // P(done within k weeks) = 1 − (2/3)^k: k=2 .556, 5 .868, 8 .961 → P50 2, P85 5, P95 8 weeks;
    // within 4 weeks (due 28 Sep ends asOf + 28 days): 1 − (2/3)^4 = 80.2 %
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28' });
    expect(f.throughput).toEqual([0, 0, 4]);
    expect(f.trials).toBe(10_000);
    expect(f.weeks).toEqual({ p50: 2, p85: 5, p95: 8 });
    expect(Math.abs(f.onTimeProbability! - 80.25)).toBeLessThan(1.5); // sampling error sd ≈ 0.4 points
  });

  it('is reproducible: the same seed gives the same result, another seed its own', () => {
    const a = forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 7 });
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 7 })).toEqual(a);
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 8 }).onTimeProbability).not.toBe(a.onTimeProbability);
  });

  it('work that is all done finished when its last item was done, on time or not', () => {
    const done = [item('o1', day(-20, asOf), 'W-1', 'open'), item('d1', day(-3, asOf), 'W-1', 'done')];
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: done, due: '2026-08-28' });
    expect(f).toMatchObject({ remaining: 0, trials: 0, p50: '2026-08-29', p95: '2026-08-29', onTimeProbability: 0 });
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records: done, due: '2026-08-29' }).onTimeProbability).toBe(100);
  });

  it('cannot forecast without throughput', () => {
    const idle = [item('o1', day(-20, asOf), 'W-1', 'open')];
    expect(() => forecast({ project: PROJECT, asOf: new Date(asOf), records: idle })).toThrow(`cannot forecast ${PROJECT}: no work item was done in the last 3 week(s): no throughput to forecast from`);
    const r = computeKpis({ project: PROJECT, asOf: new Date(asOf), records: idle });
    expect(r.forecast).toBeNull();
    expect(r.notMeasured).toContainEqual({ kpi: 'forecast.onTimeProbability', reason: 'no work item was done in the last 3 week(s): no throughput to forecast from' });
  });

  const samples = fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 12 }).filter((xs) => xs.some((x) => x > 0));
  it('percentiles are ordered: P50 ≤ P85 ≤ P95', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 60 }), fc.integer(), (xs, remaining, seed) => {
        const sim = simulate(xs, remaining, 500, seed);
        const [p50, p85, p95] = [50, 85, 95].map((p) => percentileWeeks(sim, p));
        expect(p50).toBeLessThanOrEqual(p85!);
        expect(p85).toBeLessThanOrEqual(p95!);
      }),
    );
  });

  it('the same seed gives identical simulations', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 1, max: 60 }), fc.integer(), (xs, remaining, seed) => {
        expect(simulate(xs, remaining, 300, seed)).toEqual(simulate(xs, remaining, 300, seed));
      }),
      { numRuns: 50 },
    );
  });
});

describe('back-test', () => {
  // 20 items open on 1 Jun; two are done in each week, on days 6, 13, 20, … 69
  const records = Array.from({ length: 20 }, (_, i) => [
    item(`o${i}`, day(0), `B-${i}`, 'open'),
    item(`d${i}`, day(7 * (Math.floor(i / 2) + 1) - 1), `B-${i}`, 'done'),
  ]).flat();

  it('scores a cut by hand: at day 35, 10 items left at 2 a week → P50 day 70; really done day 69', () => {
    const r = backtest({ project: PROJECT, asOf: new Date(day(80)), records, cuts: [new Date(day(35))] });
    expect(r.points).toEqual([{ cut: day(35), remaining: 10, p50: '2026-08-10', p85: '2026-08-10', p95: '2026-08-10', actual: '2026-08-09', errorDays: 1, withinP85: true, withinP95: true }]);
    expect(r).toMatchObject({ evaluated: 1, meanAbsErrorDays: 1, meanErrorDays: 1, p85HitRate: 100, p95HitRate: 100 });
  });

  it('cuts weekly from four weeks after the first record by default', () => {
    const r = backtest({ project: PROJECT, asOf: new Date(day(80)), records });
    expect(r.points.map((p) => p.cut.slice(0, 10))).toEqual(['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27', '2026-08-03']);
    expect(r.evaluated).toBe(6);
    expect(r.p85HitRate).toBe(100);
  });
});
