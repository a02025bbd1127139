/**
 * The EVM and earned-schedule formulas against worked examples. Published examples are cited;
 * the hand-made ones show their arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costForecasts, deviationRate, earnedSchedule, evIndices, ieacT, overrunRate, scheduleIndicators } from '../../src/metrics/formulas.js';

/** "To the cent": money to 2 decimals, indices to 3 (as the sources print them). */
const cents = 2;

describe('earned value: published worked examples', () => {
  it('DOMAIN.md §3 (published in the project domain digest): PV 100, EV 80, AC 90', () => {
    const ix = evIndices(100, 80, 90, 100);
    expect(ix.sv).toBeCloseTo(-20, cents); // SV = 80 − 100
    expect(ix.spi).toBeCloseTo(0.8, 3); // SPI = 80 / 100
    expect(ix.cv).toBeCloseTo(-10, cents); // CV = 80 − 90
    expect(ix.cpi).toBeCloseTo(0.889, 3); // CPI = 80 / 90 = 0.8888…
  });

  it('Schwalbe, Information Technology Project Management, ch. 7 exercise 1 (published textbook): PV 23,000, EV 20,000, AC 25,000, BAC 120,000', () => {
    // Worked answers as printed with the exercise: CV −5,000; SV −3,000; CPI 0.80; SPI 86.96 %;
    // EAC = BAC / CPI = 150,000; estimated duration = 12 months / SPI = 13.8 months.
    const ix = evIndices(23_000, 20_000, 25_000, 120_000);
    expect(ix.cv).toBeCloseTo(-5_000, cents);
    expect(ix.sv).toBeCloseTo(-3_000, cents);
    expect(ix.cpi).toBeCloseTo(0.8, 3);
    expect(ix.spi! * 100).toBeCloseTo(86.96, 2);
    expect(ix.eac).toBeCloseTo(150_000, cents);
    expect(ix.vac).toBeCloseTo(-30_000, cents); // VAC = 120,000 − 150,000
    expect(12 / ix.spi!).toBeCloseTo(13.8, 1);
    // Running project: cost overrun forecast (EAC − BAC) / BAC = 30,000 / 120,000 = 25 %.
    expect(overrunRate(false, ix)).toBeCloseTo(25, cents);
  });
});

describe('earned schedule', () => {
  it('MPUG "Earned Schedule Management (ESM)", S. N. Dash (published): 10 modules × $100,000 planned over 10 months, done in 12 for $1.3M', () => {
    // PV = $100,000 a month for months 1..10; at completion EV = BAC = $1M and AC = $1.3M.
    const pv = Array.from({ length: 10 }, (_, k) => (k + 1) * 100_000);
    const ix = evIndices(1_000_000, 1_000_000, 1_300_000, 1_000_000);
    expect(ix.sv).toBe(0); // the quirk: SV = 0 and SPI = 1 on a late project
    expect(ix.spi).toBe(1);
    const es = earnedSchedule(pv, ix.ev);
    const st = scheduleIndicators(es, 12);
    expect(st.es).toBe(10); // ES = 10 months
    expect(st.svT).toBe(-2); // SV(t) = 10 − 12 = −2 months
    expect(st.spiT).toBeCloseTo(0.833, 3); // SPI(t) = 10 / 12
    expect(overrunRate(true, ix)).toBeCloseTo(30, cents); // (1.3M − 1M) / 1M
  });

  it("Lipke's construction (Schedule is Different, The Measurable News 2003; the Earned Schedule Concept figure): ES = 5 + (EV − PV(May)) / (PV(June) − PV(May)) at AT = 7 — figures hand-made", () => {
    // Hand-made monthly cumulative PV (Jan..Nov), in $k: 10 25 45 70 100 130 160 185 205 220 230.
    // Status at the end of July (AT = 7) with EV = 112: PV(May) = 100 ≤ 112 < PV(June) = 130,
    // so C = 5 and I = (112 − 100) / (130 − 100) = 0.4: ES = 5.4 months.
    const pv = [10, 25, 45, 70, 100, 130, 160, 185, 205, 220, 230];
    const st = scheduleIndicators(earnedSchedule(pv, 112), 7);
    expect(st.es).toBeCloseTo(5.4, 10);
    expect(st.svT).toBeCloseTo(-1.6, 10); // SV(t) = 5.4 − 7
    expect(st.spiT).toBeCloseTo(0.771, 3); // SPI(t) = 5.4 / 7 = 0.7714…
    // Cost-based SV at the same date: EV − PV(July) = 112 − 160 = −48 ($k), SPI = 0.70.
    expect(evIndices(160, 112, undefined, 230).spi).toBeCloseTo(0.7, 10);
  });

  it.each([
    // [case, cumulative PV by period, EV, ES]  (hand-made; ES = C + (EV − PV_C) / (PV_C+1 − PV_C))
    ['nothing earned', [10, 20, 30], 0, 0],
    ['inside the first period', [10, 20, 30], 5, 0.5], // 0 + (5 − 0) / (10 − 0)
    ['exactly at a period end', [10, 20, 30], 20, 2],
    ['all earned', [10, 20, 30], 30, 3],
    // Flat PV (issue 14): EV = 10 was first reached at the end of period 1, not at the end of the flat period 2.
    ['EV on a flat stretch: the earliest time PV reached it', [10, 10, 30], 10, 1], // C = 0, I = (10 − 0) / (10 − 0)
    ['a flat start: EV reached where PV first rises to it', [0, 0, 10], 5, 2.5], // C = 2 (PV_1 = PV_2 = 0 < 5), I = 5 / 10
    ['after a flat period', [10, 10, 30], 20, 2.5], // 2 + (20 − 10) / (30 − 10)
  ])('%s', (_name, pv, ev, es) => {
    expect(earnedSchedule(pv, ev)).toBeCloseTo(es, 12);
  });
});

describe('EAC variants, ETC, TCPI and IEAC(t) on the published examples (inputs as published, results by the formulas shown)', () => {
  it('Schwalbe ch. 7 exercise 1: PV 23,000, EV 20,000, AC 25,000, BAC 120,000', () => {
    const ix = evIndices(23_000, 20_000, 25_000, 120_000);
    const f = costForecasts(ix);
    expect(f.eacCpi).toBeCloseTo(150_000, cents); // BAC / CPI, as printed with the exercise
    expect(f.etc).toBeCloseTo(125_000, cents); // EAC − AC = 150,000 − 25,000
    expect(f.eacAtypical).toBeCloseTo(125_000, cents); // AC + (BAC − EV) = 25,000 + 100,000
    // AC + (BAC − EV) / (CPI × SPI) = 25,000 + 100,000 / (0.8 × 20/23) = 25,000 + 143,750
    expect(f.eacCpiSpi).toBeCloseTo(168_750, cents);
    expect(f.tcpiBac).toBeCloseTo(100_000 / 95_000, 9); // (BAC − EV) / (BAC − AC) = 1.0526
    expect(f.tcpiEac).toBeCloseTo(0.8, 9); // (BAC − EV) / (EAC − AC) = 100,000 / 125,000 = CPI
    // IEAC(t) with the exercise's 12-month plan and SPI as the schedule efficiency: 12 / 0.8696 = 13.8 months (as printed)
    expect(ieacT(12, ix.spi)).toBeCloseTo(13.8, 1);
  });

  it('MPUG (Dash): IEAC(t) = PD / SPI(t) = 10 / (10 / 12) = 12 months, the actual duration', () => {
    expect(ieacT(10, 10 / 12)).toBeCloseTo(12, 12);
    // Finished: EV = BAC, so TCPI to EAC has no remaining work (0 / 0): absent; TCPI to BAC = 0 / −300,000 = 0.
    const f = costForecasts(evIndices(1_000_000, 1_000_000, 1_300_000, 1_000_000));
    expect(f.tcpiEac).toBeUndefined();
    expect(f.eacAtypical).toBe(1_300_000); // AC + 0
    expect(f.tcpiBac).toBeUndefined(); // BAC − AC < 0: budget spent, no efficiency reaches it
  });

  it("Lipke's construction: IEAC(t) = 11 / (5.4 / 7) = 14.26 months (AT + (PD − ES) / SPI(t) = 7 + 5.6 / 0.7714)", () => {
    const st = scheduleIndicators(earnedSchedule([10, 25, 45, 70, 100, 130, 160, 185, 205, 220, 230], 112), 7);
    expect(ieacT(11, st.spiT)).toBeCloseTo(7 + (11 - 5.4) / (5.4 / 7), 10);
    expect(ieacT(11, st.spiT)).toBeCloseTo(14.259, 3);
    expect(ieacT(11, 0)).toBeUndefined(); // nothing earned: no bound
  });

  it('TCPI to EAC equals CPI whenever work remains (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), (bac, share, ac) => {
        const ix = evIndices(bac / 2, bac * share, ac, bac);
        expect(costForecasts(ix).tcpiEac).toBeCloseTo(ix.cpi!, 6);
      }),
    );
  });
});

describe('deviation and overrun', () => {
  it.each([
    ['late: 30 planned days took 36', 36, 30, 20],
    ['early: 30 planned days took 27', 27, 30, -10],
    ['on plan', 30, 30, 0],
  ])('%s', (_n, actual, planned, rate) => {
    expect(deviationRate(actual, planned)).toBeCloseTo(rate, 10);
  });

  it('is absent rather than infinite for a zero planned duration, a zero PV or a zero AC', () => {
    expect(deviationRate(3, 0)).toBeUndefined();
    const ix = evIndices(0, 0, 0, 100);
    expect(ix.spi).toBeUndefined();
    expect(ix.cpi).toBeUndefined();
    expect(ix.eac).toBeUndefined();
    expect(overrunRate(false, ix)).toBeUndefined();
    expect(evIndices(50, 0, 10, 100).eac).toBeUndefined(); // CPI = 0: EAC unbounded
  });
});

describe('properties', () => {
  /** Equal up to floating-point rounding, relative to the size of the numbers involved. */
  const same = (a: number, b: number, scale = 0) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale));
  const money = fc.double({ min: 0.01, max: 1e9, noNaN: true });
  it('SPI = EV / PV, CPI = EV / AC, SV = EV − PV, CV = EV − AC, EAC · CPI = BAC, VAC = BAC − EAC', () => {
    fc.assert(
      fc.property(money, money, money, money, (pv, ev, ac, bac) => {
        const ix = evIndices(pv, ev, ac, bac);
        same(ix.spi! * pv, ev);
        same(ix.cpi! * ac, ev);
        same(ix.sv + pv, ev, pv);
        same(ix.cv! + ac, ev, ac);
        same(ix.eac! * ix.cpi!, bac);
        same(ix.vac! + ix.eac!, bac, ix.eac!);
      }),
    );
  });

  it('earned schedule inverts the PV curve: PV interpolated at ES equals EV, and ES grows with EV', () => {
    const steps = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 24 });
    fc.assert(
      fc.property(steps, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (inc, a, b) => {
        const pv = inc.map((_, i) => inc.slice(0, i + 1).reduce((s, x) => s + x, 0));
        const [lo, hi] = [Math.min(a, b) * pv.at(-1)!, Math.max(a, b) * pv.at(-1)!];
        const es = earnedSchedule(pv, lo);
        const c = Math.floor(es);
        const at = (k: number) => (k === 0 ? 0 : pv[k - 1]!);
        const interpolated = c >= pv.length ? at(c) : at(c) + (es - c) * (at(c + 1) - at(c));
        same(interpolated, lo);
        expect(earnedSchedule(pv, hi)).toBeGreaterThanOrEqual(es);
      }),
    );
  });
});
