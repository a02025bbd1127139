import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest, computeKpis, forecast, mulberry32 } from '../../src/metrics/index.js';
import { percentileWeeks, simulate } from '../../src/metrics/simulate.js';
import type { Plan } from '../../src/metrics/types.js';
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
    expect(f.unit).toBe('items');
    // Every trial finishes on 22 Sep (asOf + 21 days, 00:00): after a due date of 21 Sep, so
    // 0 % on time, as the P50/P85/P95 dates say; due 22 Sep: 100 %. (Before, a finish at the
    // very end of the due date counted as on time while its date read the day after.)
    expect(f.onTimeProbability).toBe(0);
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records: steady, due: '2026-09-22' }).onTimeProbability).toBe(100);
  });

  it('samples [0, 0, 4] for 4 remaining, the oldest week 6 of 7 days observed: a 7-in-20 draw each week', () => {
    // First record 20 days back: the oldest week is [asOf − 21 d, asOf − 14 d), observed from
    // day −20, so 6/7 of it. Weeks are drawn in proportion to the time observed: 4 is drawn
    // with p = 1 / (6/7 + 1 + 1) = 7/20. Weeks to finish are geometric: P(T ≤ k) = 1 − (13/20)^k
    // (R: pgeom(0:7, 7/20) = .35 .5775 .7254 .8215 .884 .9246 .951 .9681) → P50 2, P85 5,
    // P95 7 (F(7) = .951 is within sampling error, sd .002, of .95: the simulation may read 7 or 8).
    // Zero-filling the partial week (p = 1/3) gave P95 8 and 80.2 % within 4 weeks.
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28' });
    expect(f.throughput).toEqual([0, 0, 4]);
    expect(f.coverage).toEqual([6 / 7, 1, 1]);
    expect(f.trials).toBe(10_000);
    expect(f.weeks.p50).toBe(2);
    expect(f.weeks.p85).toBe(5);
    expect([7, 8]).toContain(f.weeks.p95);
    // due 28 Sep ends 29 Sep 00:00 = asOf + 4 weeks: on time are the trials of at most 3 weeks,
    // whose finish date is ≤ 28 Sep: F(3) = 1 − 0.65³ = 72.54 %
    expect(Math.abs(f.onTimeProbability! - 72.54)).toBeLessThan(1.5); // sampling error sd ≈ 0.45 points
  });

  it('issue 14: four items of weight 3, two done in consecutive weeks → P50/P85/P95 3/4/5 weeks (not 9/11/13)', () => {
    // Plan: four items of weight 3, recorded open three weeks before asOf; one done in each of
    // the last two weeks. Remaining 2 × 3 = 6 weight; throughput [0, 3, 3] weight a week (not
    // [0, 1, 1] items). Weeks to finish: 2 successes at p = 2/3, negative binomial:
    // R: pnbinom(0:4, 2, 2/3) = .4444 .7407 .8889 .9547 .9822 at 2..6 weeks → 3/4/5.
    // Mixing units (6 weight at [0, 1, 1] items a week: 6 successes) gives R's 9/11/13.
    const plan: Plan = { project: PROJECT, budget: 1200, due: '2026-09-30', workItems: ['A', 'B', 'C', 'D'].map((id) => ({ id, weight: 3 })) };
    const recs = [
      ...['A', 'B', 'C', 'D'].map((id) => item(`o-${id}`, day(-21, asOf), id, 'open')),
      item('d-A', day(-10, asOf), 'A', 'done'),
      item('d-B', day(-3, asOf), 'B', 'done'),
    ];
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: recs, plan });
    expect(f).toMatchObject({ unit: 'weight', remaining: 6, throughput: [0, 3, 3], coverage: [1, 1, 1], weeks: { p50: 3, p85: 4, p95: 5 } });
    // The same without weights counts items: 2 left at [0, 1, 1] — the same weeks.
    const items = forecast({ project: PROJECT, asOf: new Date(asOf), records: recs, plan: { ...plan, workItems: plan.workItems!.map(({ id }) => ({ id })) } });
    expect(items).toMatchObject({ unit: 'items', remaining: 2, throughput: [0, 1, 1], weeks: { p50: 3, p85: 4, p95: 5 } });
    // due 30 Sep ends 1 Oct 00:00 = asOf + 30 days: at most 4 weeks → F(4) = 88.89 %
    expect(Math.abs(f.onTimeProbability! - 88.89)).toBeLessThan(1.5);
  });

  it('a partial oldest week is weighted by the part observed, not counted as a whole week of nothing', () => {
    // The same four items recorded 17 days back: the oldest week is observed 3 of 7 days.
    // Draw 3 with p = 2 / (2 + 3/7) = 14/17; R: pnbinom(0:3, 2, 14/17) = .6782 .9176 .9809
    // .9958 at 2..5 weeks → P50/P85/P95 2/3/4 (zero-filled, it would still say 3/4/5).
    const plan: Plan = { project: PROJECT, budget: 1200, due: '2026-09-30', workItems: ['A', 'B', 'C', 'D'].map((id) => ({ id, weight: 3 })) };
    const recs = [
      ...['A', 'B', 'C', 'D'].map((id) => item(`o-${id}`, day(-17, asOf), id, 'open')),
      item('d-A', day(-10, asOf), 'A', 'done'),
      item('d-B', day(-3, asOf), 'B', 'done'),
    ];
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: recs, plan });
    expect(f.throughput).toEqual([0, 3, 3]);
    expect(f.coverage).toEqual([3 / 7, 1, 1]);
    expect(f.weeks).toEqual({ p50: 2, p85: 3, p95: 4 });
  });

  it('a history shorter than a week counts at its pace, from at least a day', () => {
    // First record 3.5 days back, 2 items done since: 2 / 0.5 week = 4 a week; 8 left → 2 weeks.
    const recs = [
      ...Array.from({ length: 10 }, (_, i) => item(`o${i}`, new Date(Date.parse(asOf) - 3.5 * DAY).toISOString(), `H-${i}`, 'open')),
      item('d0', day(-2, asOf), 'H-0', 'done'),
      item('d1', day(-1, asOf), 'H-1', 'done'),
    ];
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: recs });
    expect(f).toMatchObject({ throughput: [2], coverage: [0.5], remaining: 8, weeks: { p50: 2, p85: 2, p95: 2 } });
  });

  it('is reproducible: the same seed gives the same result, another seed its own', () => {
    const a = forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 7 });
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 7 })).toEqual(a);
    expect(forecast({ project: PROJECT, asOf: new Date(asOf), records, due: '2026-09-28', seed: 8 }).onTimeProbability).not.toBe(a.onTimeProbability);
  });

  it('work that is all done finished when its last item was done; its on-time chance is not measured', () => {
    const done = [item('o1', day(-20, asOf), 'W-1', 'open'), item('d1', day(-3, asOf), 'W-1', 'done')];
    const f = forecast({ project: PROJECT, asOf: new Date(asOf), records: done, due: '2026-08-28' });
    expect(f).toMatchObject({ remaining: 0, trials: 0, p50: '2026-08-29', p95: '2026-08-29', finished: '2026-08-29', due: '2026-08-28' });
    expect(f.onTimeProbability).toBeUndefined();
    // A project six months past due with every item done: "not measured", not "100 % of 0 trials".
    const plan: Plan = { project: PROJECT, budget: 100, due: '2026-03-01', workItems: [{ id: 'W-1', start: '2026-01-05', finish: '2026-02-27' }] };
    const r = computeKpis({ project: PROJECT, asOf: new Date(asOf), records: done, plan });
    expect(r.kpis['forecast.onTimeProbability']).toBeUndefined();
    expect(r.notMeasured).toContainEqual({ kpi: 'forecast.onTimeProbability', reason: 'all work was done on 2026-08-29, 181 day(s) after the due date 2026-03-01: nothing left to forecast' });
    expect(r.warnings.map((w) => w.code)).not.toContain('forecast-late');
  });

  it('the on-time chance agrees with the percentiles: P ≤ due exactly when the chance is ≥ P %', () => {
    // Any throughput, remaining work, asOf hour and due date: both come from the same trials.
    const base = Date.parse('2026-06-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }).filter((xs) => xs.some((x) => x > 0)),
        fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: -10, max: 120 }), fc.integer({ min: 1, max: 1000 }),
        (weekly, open, hour, dueIn, seed) => {
          const at = base + weekly.length * 7 * DAY + hour * 3_600_000;
          const recs: WorkItemRecord[] = [];
          weekly.forEach((n, w) => {
            for (let i = 0; i < n; i++) {
              const id = `D-${w}-${i}`;
              recs.push(item(`o-${id}`, new Date(base).toISOString(), id, 'open'), item(`d-${id}`, new Date(base + (w * 7 + 1 + (i % 5)) * DAY).toISOString(), id, 'done'));
            }
          });
          for (let i = 0; i < open; i++) recs.push(item(`o-O${i}`, new Date(base).toISOString(), `O-${i}`, 'open'));
          const due = new Date(at + dueIn * DAY).toISOString().slice(0, 10);
          const f = forecast({ project: PROJECT, asOf: new Date(at), records: recs, due, trials: 400, seed });
          for (const [p, date] of [[50, f.p50], [85, f.p85], [95, f.p95]] as const) expect(date <= due).toBe(f.onTimeProbability! >= p);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('scaling every weight scales nothing but the unit: the same weeks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 10 }).filter((xs) => xs.some((x) => x > 0)), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 9 }), fc.integer(), (xs, remaining, c, seed) => {
        const a = simulate(xs, remaining, 300, seed);
        const b = simulate(xs.map((x) => x * c), remaining * c, 300, seed);
        expect(b.counts).toEqual(a.counts);
      }),
      { numRuns: 100 },
    );
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
    expect(r.points).toEqual([{ cut: day(35), remaining: 10, p50: '2026-08-10', p85: '2026-08-10', p95: '2026-08-10', actual: '2026-08-09', errorDays: 1, withinP50: true, withinP85: true, withinP95: true }]);
    expect(r).toMatchObject({ unit: 'items', forecasts: 1, censored: 0, scored: { p50: 1, p85: 1, p95: 1 }, meanAbsErrorDays: 1, meanErrorDays: 1, errorIs: 'exact', p50HitRate: 100, p85HitRate: 100, p95HitRate: 100 });
  });

  it('cuts weekly from four weeks after the first record by default', () => {
    const r = backtest({ project: PROJECT, asOf: new Date(day(80)), records });
    expect(r.points.map((p) => p.cut.slice(0, 10))).toEqual(['2026-06-29', '2026-07-06', '2026-07-13', '2026-07-20', '2026-07-27', '2026-08-03']);
    expect(r.scored).toEqual({ p50: 6, p85: 6, p95: 6 });
    expect(r.p85HitRate).toBe(100);
  });

  it('scores a cut whose work is still open: a passed date is a miss, one still ahead is not scored', () => {
    // The same history seen at day 50: the scope of the cut at day 35 (10 items, P50 day 70)
    // is open; its P50 has not passed → censored, not scored (error ≤ 10 Aug − 21 Jul = +20 d). Seen at day 75 with the last two
    // items never done: P50 (10 Aug, day 70) passed with work open → a miss, error ≤ 10 Aug −
    // 15 Aug = −5 days (the finish taken as the status date's day: an upper bound).
    const r50 = backtest({ project: PROJECT, asOf: new Date(day(50)), records, cuts: [new Date(day(35))] });
    expect(r50.points[0]).toEqual({ cut: day(35), remaining: 10, p50: '2026-08-10', p85: '2026-08-10', p95: '2026-08-10', censored: true, errorDays: 20 });
    expect(r50).toMatchObject({ forecasts: 1, censored: 1, scored: { p50: 0, p85: 0, p95: 0 } });
    expect(r50.p50HitRate).toBeUndefined();
    const stuck = records.filter((x) => !(x.state === 'done' && (x.itemId === 'B-18' || x.itemId === 'B-19')));
    const r75 = backtest({ project: PROJECT, asOf: new Date(day(75)), records: stuck, cuts: [new Date(day(35))] });
    expect(r75.points[0]).toMatchObject({ censored: true, errorDays: -5, withinP50: false, withinP85: false, withinP95: false });
    expect(r75).toMatchObject({ scored: { p50: 1, p85: 1, p95: 1 }, p50HitRate: 0, p85HitRate: 0, meanErrorDays: -5, meanAbsErrorDays: 5, errorIs: 'bound' });
  });

  it('a growing backlog: every cut whose dates have passed is scored, not only those whose work all finished', () => {
    // 60 weeks: 3 items opened each Monday, 2 of them done that Friday (newest first), so one a
    // week stays open for good: no cut's scope is ever all done. Scored only when all finished
    // (before), no cut scored; now every cut whose P50 date has passed scores, as a miss.
    const recs: WorkItemRecord[] = [];
    const start = Date.parse('2025-01-06T09:00:00Z');
    for (let w = 0; w < 60; w++) {
      for (let i = 0; i < 3; i++) recs.push(item(`o${w}-${i}`, new Date(start + w * 7 * DAY).toISOString(), `G-${w}-${i}`, 'open'));
      for (let i = 1; i < 3; i++) recs.push(item(`d${w}-${i}`, new Date(start + (w * 7 + 4) * DAY).toISOString(), `G-${w}-${i}`, 'done'));
    }
    const asOf = new Date(start + 60 * 7 * DAY);
    const r = backtest({ project: PROJECT, asOf, records: recs, trials: 2000 });
    expect(r.points).toHaveLength(52);
    expect(r.forecasts).toBe(52);
    expect(r.censored).toBe(52);
    // A cut in week c (Monday 09:00, after that week's 3 are opened) has c + 3 items open, at
    // 2 a week: P50 about (c + 3) / 2 weeks later, passed by week 60 for the cuts up to week 38.
    const passed = r.points.filter((p) => Date.parse(p.p50!) + DAY <= asOf.getTime()).length;
    expect(r.scored.p50).toBe(passed);
    expect(passed).toBeGreaterThan(25);
    expect(r.p50HitRate).toBe(0);
    expect(r.p85HitRate).toBe(0);
    expect(r.errorIs).toBe('bound');
    expect(r.meanErrorDays).toBeLessThan(0);
  });

  it('counts planned items in a cut\'s scope, at their plan weight, like the forecast', () => {
    // Plan: the 20 items of weight 2 plus X (weight 4) never recorded: at day 35, 10 × 2 + 4 = 24 weight left, never all done.
    const plan: Plan = { project: PROJECT, budget: 100, due: '2026-12-31', workItems: [...Array.from({ length: 20 }, (_, i) => ({ id: `B-${i}`, weight: 2 })), { id: 'X', weight: 4 }] };
    const r = backtest({ project: PROJECT, asOf: new Date(day(80)), records, plan, cuts: [new Date(day(35))] });
    // Throughput 4 weight a week, 24 left → 6 weeks: P50 17 Aug (day 77) passed by day 80 → a miss.
    expect(r.unit).toBe('weight');
    expect(r.points[0]).toMatchObject({ remaining: 24, p50: '2026-08-17', censored: true, withinP50: false, errorDays: -3 });
  });
});
