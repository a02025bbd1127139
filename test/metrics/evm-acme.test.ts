/**
 * Regression tests of issue 14 on the example project (examples/acme-payments: its plan with
 * monthly bookings and the twelve-week history its build-history.mjs writes to the demo store).
 * The issue measured, before the fix: CPI 1.28 → 0.95, EAC 78,400 → 105,600 and cost overrun
 * −21.6 % → +5.6 % between 2026-10-31 23:00 and 2026-11-01 01:00 (the November booking counted
 * in full from the 1st), and SV(t) +1.25 days, SPI(t) 1.10 at 2026-09-12 18:00 (earned schedule
 * at the END of the weekend's flat PV).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeKpis, loadPlanFile } from '../../src/metrics/index.js';
import type { Plan } from '../../src/metrics/types.js';
import type { HistoryRecord } from '../../src/store/records.js';

const EXAMPLE = path.resolve(import.meta.dirname, '..', '..', 'examples', 'acme-payments');
let records: HistoryRecord[];
let plan: Plan;
beforeAll(async () => {
  const mod = (await import(path.join(EXAMPLE, 'history', 'build-history.mjs'))) as { history: () => HistoryRecord[] };
  records = mod.history();
  plan = loadPlanFile('.phasegate/plan.yaml', { cwd: EXAMPLE });
});
const at = (iso: string) => computeKpis({ project: 'acme-payments', asOf: new Date(iso), records, plan, options: { trials: 10 } });

describe('cost across the October/November boundary (issue 14)', () => {
  it('AC accrues each monthly booking over its days: CPI, EAC and overrun do not jump', () => {
    const before = at('2026-10-31T23:00:00Z').kpis;
    const after = at('2026-11-01T01:00:00Z').kpis;
    // EV = requirements 10,000 + design 15,000 + PAY-101..105 5 × 7,500 = 62,500 at both instants.
    expect(before['schedule.ev']).toBe(62_500);
    expect(after['schedule.ev']).toBe(62_500);
    // Before: September's 28,000 in full + October's 21,000 × (30 d 23 h) / 31 d = 21,000 × 743 / 744.
    const acBefore = 28_000 + (21_000 * 743) / 744; // 48,971.774…
    expect(before['cost.ac']).toBeCloseTo(acBefore, 6);
    expect(before['cost.cpi']).toBeCloseTo(62_500 / acBefore, 9); // 1.27625…
    expect(before['cost.eac']).toBeCloseTo((100_000 * acBefore) / 62_500, 6); // BAC / CPI = 78,354.84
    expect(before['cost.overrunRate']).toBeCloseTo(((100_000 * acBefore) / 62_500 - 100_000) / 1000, 6); // −21.645 %
    // After: 28,000 + 21,000 + November's 17,000 × 1 h / (30 d × 24 h) = 49,023.61.
    const acAfter = 49_000 + 17_000 / 720;
    expect(after['cost.ac']).toBeCloseTo(acAfter, 6);
    expect(after['cost.cpi']).toBeCloseTo(62_500 / acAfter, 9); // 1.27492…
    expect(after['cost.eac']).toBeCloseTo((100_000 * acAfter) / 62_500, 6); // 78,437.78
    expect(after['cost.overrunRate']).toBeCloseTo(((100_000 * acAfter) / 62_500 - 100_000) / 1000, 6); // −21.562 %
    // No jump: the two hours apart differ by one hour of October's and one of November's accrual.
    const octHour = 21_000 / 744;
    const novHour = 17_000 / 720;
    expect(after['cost.ac']! - before['cost.ac']!).toBeCloseTo(octHour + novHour, 6);
    expect(Math.abs(after['cost.eac']! - before['cost.eac']!)).toBeLessThan((100_000 / 62_500) * (octHour + novHour) + 1e-6);
    // The values the issue measured before the fix are gone.
    expect(before['cost.cpi']).toBeCloseTo(1.28, 2);
    expect(after['cost.cpi']).not.toBeCloseTo(0.95, 2);
    expect(after['cost.eac']).not.toBeCloseTo(105_600, 0);
  });
});

describe('earned schedule over the weekend after requirements (issue 14)', () => {
  it('ES is the earliest time PV reached EV: SV(t) −0.75 days and SPI(t) 0.94 at 2026-09-12 18:00', () => {
    const r = at('2026-09-12T18:00:00Z');
    // EV = requirements 10,000 (gate passed 12 Sep 12:30). PV reached 10,000 at the end of
    // 11 Sep (day 12 from the 31 Aug start) and stays flat over the weekend until design starts
    // on 14 Sep: ES = 12 days, not 14. AT = 12 days 18 h = 12.75 days.
    expect(r.kpis['schedule.ev']).toBe(10_000);
    expect(r.evm!.status.es).toBeCloseTo(12, 10);
    expect(r.evm!.status.at).toBeCloseTo(12.75, 10);
    expect(r.kpis['schedule.svT']).toBeCloseTo(-0.75, 10);
    expect(r.kpis['schedule.spiT']).toBeCloseTo(12 / 12.75, 10); // 0.941
    expect(r.kpis['schedule.spiT']).toBeCloseTo(0.94, 2);
  });
});
