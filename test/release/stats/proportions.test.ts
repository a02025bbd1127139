// Reference values from R 4.2.2, printed by test/release/stats/r/wilcox-vectors.R:
// fisher.test(matrix(c(x1, x2, n1 - x1, n2 - x2), 2), ...)$p.value and
// prop.test(c(x1, x2), c(n1, n2), correct = FALSE, ...) (p-value and interval).
import { describe, expect, it } from 'vitest';
import { proportionTest } from '../../../src/release/stats/index.js';
import type { Alternative } from '../../../src/release/stats/index.js';

describe('proportionTest: Fisher against R fisher.test', () => {
  it.each<[number, number, number, number, Alternative, number]>([
    [3, 40, 9, 42, 'two-sided', 0.117165850816515],
    [0, 15, 4, 16, 'two-sided', 0.101223581757508],
    [2, 500, 2, 480, 'two-sided', 1],
    [3, 40, 9, 42, 'less', 0.0692277821602757],
    [3, 40, 9, 42, 'greater', 0.983946525746519],
  ])('%i/%i vs %i/%i %s', (x1, n1, x2, n2, alternative, p) => {
    const r = proportionTest(x1, n1, x2, n2, { alternative, method: 'fisher-exact' });
    expect(r.method).toBe('fisher-exact');
    expect(Math.abs(r.pValue! - p)).toBeLessThan(1e-9);
  });

  it('switches to Fisher by itself when an expected cell is below 5', () => {
    expect(proportionTest(2, 500, 2, 480).method).toBe('fisher-exact');
    expect(proportionTest(0, 15, 4, 16).method).toBe('fisher-exact');
    expect(proportionTest(120, 10000, 95, 10000).method).toBe('z-test');
  });
});

describe('proportionTest: z-test against R prop.test(correct = FALSE)', () => {
  it.each<[number, number, number, number, Alternative, number, [number, number]]>([
    [120, 10000, 95, 10000, 'two-sided', 0.0864874657045669, [-0.000358172544059858, 0.00535817254405986]],
    [60, 2000, 41, 2100, 'greater', 0.0152654091909032, [0.00247443178338666, 1]],
    [60, 2000, 41, 2100, 'less', 0.984734590809097, [-1, 0.0184779491689943]],
  ])('%i/%i vs %i/%i %s', (x1, n1, x2, n2, alternative, p, ci) => {
    const r = proportionTest(x1, n1, x2, n2, { alternative });
    expect(r.method).toBe('z-test');
    expect(Math.abs(r.pValue! - p)).toBeLessThan(1e-9);
    expect(Math.abs(r.confInt![0] - ci[0])).toBeLessThan(1e-9);
    expect(Math.abs(r.confInt![1] - ci[1])).toBeLessThan(1e-9);
    expect(r.ratio).toBeCloseTo(x1 / n1 / (x2 / n2), 12);
  });
});

describe('proportionTest on bad input', () => {
  it.each([
    [1, 0, 1, 10, /n1 = 0/],
    [5, 4, 1, 10, /more events/],
    [Number.NaN, 10, 1, 10, /x1 must be/],
    [1.5, 10, 1, 10, /x1 must be/],
    [1, 10, -1, 10, /x2 must be/],
  ])('%s/%s vs %s/%s', (x1, n1, x2, n2, reason) => {
    const r = proportionTest(x1, n1, x2, n2);
    expect(r.pValue).toBeNull();
    expect(r.insufficient).toMatch(reason);
  });

  it('no events at all: p = 1 by Fisher, ratio undefined', () => {
    const r = proportionTest(0, 1000, 0, 1000);
    expect(r).toMatchObject({ pValue: 1, ratio: null, method: 'fisher-exact', insufficient: null });
  });
});
