/** EVM from a plan and the history, calculated by hand (the project is described in fixtures.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../src/metrics/index.js';
import { dailyPv, evAt, planContext, pvAt } from '../../src/metrics/evm.js';
import { partition } from '../../src/metrics/history.js';
import { PLAN, RECORDS } from './fixtures.js';
import { PROJECT } from './helpers.js';

const at = (iso: string) => computeKpis({ project: PROJECT, asOf: new Date(iso), records: RECORDS, plan: PLAN });

describe('EVM while running (asOf 26 Jul, day 25)', () => {
  const r = at('2026-07-26T00:00:00Z');

  it('PV, EV, AC and the indices', () => {
    // PV = 200 + 300 + 5 days × 25 = 625; EV = R-1 100 + R-2 100 + design 300 = 500 (I-1 still in progress)
    // AC = July's 450 accrued over July's days: 450 × 25 / 31 = 362.90 (August not begun)
    const ac = (450 * 25) / 31;
    expect(r.kpis['schedule.pv']).toBeCloseTo(625, 2);
    expect(r.kpis['schedule.ev']).toBeCloseTo(500, 2);
    expect(r.kpis['schedule.sv']).toBeCloseTo(-125, 2);
    expect(r.kpis['schedule.spi']).toBeCloseTo(0.8, 3);
    expect(r.kpis['cost.ac']).toBeCloseTo(ac, 9);
    expect(r.kpis['cost.cv']).toBeCloseTo(500 - ac, 9); // 137.10
    expect(r.kpis['cost.cpi']).toBeCloseTo(500 / ac, 9); // 1.378
    expect(r.kpis['cost.eac']).toBeCloseTo((1000 * ac) / 500, 9); // BAC / CPI = 725.81
    expect(r.kpis['cost.vac']).toBeCloseTo(1000 - (1000 * ac) / 500, 9);
    expect(r.kpis['cost.overrunRate']).toBeCloseTo(((1000 * ac) / 500 - 1000) / 10, 9); // running: (EAC − BAC) / BAC = −27.4 %
  });

  it('earned schedule in days', () => {
    // PV reached 500 at the end of day 20 and 525 at day 21: ES = 20 + (500 − 500) / 25 = 20; AT = 25
    expect(r.evm?.status.es).toBeCloseTo(20, 10);
    expect(r.evm?.status.at).toBeCloseTo(25, 10);
    expect(r.kpis['schedule.svT']).toBeCloseTo(-5, 10);
    expect(r.kpis['schedule.spiT']).toBeCloseTo(0.8, 10);
  });

  it('the phase table: durations from the first gate pass, deviation per phase', () => {
    const rows = Object.fromEntries(r.evm!.phases.map((p) => [p.phase, p]));
    // requirements: 1 Jul (R-1 starts) → 13 Jul (first pass/warn verdict) = 12 days vs 10 planned: +20 %
    expect(rows.requirements).toMatchObject({ status: 'done', plannedDays: 10, actualDays: 12, actualStart: '2026-07-01T00:00:00.000Z', actualFinish: '2026-07-13T00:00:00.000Z', budget: 200, pv: 200, ev: 200 });
    expect(rows.requirements!.deviationRate).toBeCloseTo(20, 10);
    // design: no items, starts on plan 11 Jul, gate passed 24 Jul = 13 days vs 10: +30 %
    expect(rows.design).toMatchObject({ status: 'done', actualDays: 13, actualStart: '2026-07-11T00:00:00.000Z' });
    expect(rows.design!.deviationRate).toBeCloseTo(30, 10);
    // implementation: started 22 Jul, 4 days in, 20 planned; PV 125, EV 0 → ES 0, SPI(t) 0: no
    // forecast yet (IEAC(t) unbounded); the elapsed lower bound (4 − 20) / 20 = −80 % shows no delay
    // yet, so the deviation is not given.
    expect(rows.implementation).toMatchObject({ status: 'running', plannedDays: 20, actualDays: 4, elapsedDeviationRate: -80, pv: 125, ev: 0, spi: 0, es: 0, spiT: 0 });
    expect(rows.implementation).not.toHaveProperty('deviationRate');
    // project: ES 20 days, AT 25 → SPI(t) 0.8, IEAC(t) = 40 / 0.8 = 50 days: forecast (50 − 40) / 40 = +25 %
    // beside the elapsed lower bound (25 − 40) / 40 = −37.5 % (before issue 14: max(elapsed, planned) → 0 %).
    expect(rows.project).toMatchObject({ status: 'running', plannedDays: 40, actualDays: 25, es: 20, spiT: 0.8, ieacT: 50, forecastDeviationRate: 25, elapsedDeviationRate: -37.5, deviationRate: 25, deviationBasis: 'forecast', budget: 1000 });
    expect(r.kpis['schedule.deviationRate']).toBe(25);
  });

  it('phase AC is absent when actuals are not booked to phases', () => {
    expect(r.evm!.phases[0]).not.toHaveProperty('ac');
  });
});

describe('EVM after the finish (asOf 20 Aug)', () => {
  const r = at('2026-08-20T00:00:00Z');
  it('a finished project: SPI 1 but SPI(t) < 1, overrun from AC', () => {
    // all done by 14 Aug (I-2): actual 44 days vs 40 planned → +10 %; AC = 450 + 100 = 550
    expect(r.kpis['schedule.spi']).toBeCloseTo(1, 10);
    expect(r.evm!.status.finished).toBe(true);
    expect(r.evm!.status.at).toBeCloseTo(44, 10); // AT stops at the finish
    expect(r.kpis['schedule.spiT']).toBeCloseTo(40 / 44, 10); // 0.909
    expect(r.kpis['schedule.svT']).toBeCloseTo(-4, 10);
    expect(r.kpis['schedule.deviationRate']).toBeCloseTo(10, 10);
    // finished: (AC − BAC) / BAC with AC = 450 + August's 100 × 19 / 31 days (booked over August) = 511.29
    expect(r.kpis['cost.overrunRate']).toBeCloseTo((450 + (100 * 19) / 31 - 1000) / 10, 10); // −48.9 %
  });
});

describe('PV accrual properties', () => {
  const ctx = planContext(PLAN, partition(RECORDS, PROJECT, Date.parse('2026-09-01')));
  const day = fc.integer({ min: -5, max: 50 }).map((d) => Date.parse('2026-07-01T00:00:00Z') + d * 86_400_000);
  it('PV rises with time from 0 to BAC, never above; EV never exceeds BAC', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pvAt(ctx, lo)).toBeLessThanOrEqual(pvAt(ctx, hi) + 1e-9);
        expect(pvAt(ctx, hi)).toBeLessThanOrEqual(1000 + 1e-9);
        expect(evAt(ctx, hi)).toBeLessThanOrEqual(1000 + 1e-9);
      }),
    );
  });

  it('the daily PV curve matches PV at each day end', () => {
    const series = dailyPv(ctx);
    expect(series).toHaveLength(40);
    series.forEach((pv, k) => expect(pv).toBeCloseTo(pvAt(ctx, Date.parse('2026-07-01T00:00:00Z') + (k + 1) * 86_400_000), 9));
  });

  it('SPI · PV = EV and CPI · AC = EV at every status date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (d) => {
        const r = at(new Date(Date.parse('2026-07-01T00:00:00Z') + d * 86_400_000).toISOString());
        const k = r.kpis;
        expect(k['schedule.spi']! * k['schedule.pv']!).toBeCloseTo(k['schedule.ev']!, 6);
        if (k['cost.cpi'] !== undefined) expect(k['cost.cpi'] * k['cost.ac']!).toBeCloseTo(k['schedule.ev']!, 6);
      }),
      { numRuns: 30 },
    );
  });
});

describe('plans that cannot give every KPI', () => {
  it('before the planned start: nothing planned, nothing booked, nothing started', () => {
    const r = at('2026-06-20T00:00:00Z');
    expect(r.kpis).toMatchObject({ 'schedule.pv': 0, 'schedule.ev': 0, 'cost.ac': 0 });
    const why = Object.fromEntries(r.notMeasured.map((n) => [n.kpi, n.reason]));
    expect(why).toMatchObject({
      'schedule.spi': 'no value was planned by asOf (PV = 0)',
      'schedule.spiT': 'the plan has not started by asOf (AT = 0)',
      'schedule.deviationRate': 'the plan has not started by asOf',
      'cost.cpi': 'no actual cost booked by asOf (AC = 0)',
      'cost.eac': 'no actual cost booked by asOf (AC = 0)',
    });
    expect(r.evm?.phases.map((p) => p.status)).toEqual(['not-started', 'not-started', 'not-started', 'not-started']);
  });

  it('a plan of phase windows only gives deviation rates but no earned value', () => {
    const windows = { project: PLAN.project, budget: 0, due: PLAN.due, phases: { requirements: { start: '2026-07-01', finish: '2026-07-10' } } };
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-07-20T00:00:00Z'), records: RECORDS, plan: windows });
    // requirements: 1 Jul → first pass 13 Jul = 12 days vs 10 → +20 %; the project is that one phase
    expect(r.kpis['schedule.deviationRate']).toBeCloseTo(20, 10);
    expect(r.notMeasured).toContainEqual({ kpi: 'schedule.spi', reason: 'the plan budgets no phase and no work item' });
    expect(r.notMeasured).toContainEqual({ kpi: 'cost.ac', reason: 'the plan budgets no phase and no work item' });
  });
});
