// Holm against R 4.2.2 p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "holm"); the sample checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enoughCounts, enoughSamples, holm } from '../../../src/release/stats/index.js';

describe('holm', () => {
  it('matches R p.adjust', () => {
    const got = holm([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.04, 0.09, 0.09, 0.025, 0.5].forEach((p, i) => expect(got[i]).toBeCloseTo(p, 15));
  });

  it('keeps missing p-values out of the family', () => {
    expect(holm([0.01, null, Number.NaN, 0.02])).toEqual([0.02, null, null, 0.02]);
    expect(holm([])).toEqual([]);
  });

  it('never lowers a p-value and keeps the order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }), (ps) => {
        const adj = holm(ps) as number[];
        ps.forEach((p, i) => {
          expect(adj[i]).toBeGreaterThanOrEqual(p);
          expect(adj[i]).toBeLessThanOrEqual(1);
          ps.forEach((q, j) => {
            if (p < q) expect(adj[i]).toBeLessThanOrEqual(adj[j]!);
          });
        });
      }),
    );
  });
});

describe('enoughSamples and enoughCounts', () => {
  const many = Array.from({ length: 25 }, (_, i) => i);
  it.each([
    [[], many, /canary has 0/],
    [many, [1, 2, Number.NaN], /baseline has 2/],
  ])('continuous: %#', (x, y, reason) => {
    expect(enoughSamples(x, y)).toEqual({ enough: false, reason: expect.stringMatching(reason) });
  });

  it('continuous: enough at the minimum, configurable', () => {
    expect(enoughSamples(many, many)).toEqual({ enough: true, reason: null });
    expect(enoughSamples(many, many, { minPerSide: 30 }).enough).toBe(false);
  });

  it.each([
    [0, 1000, 0, 1000, /expected count 0.00/],
    [1, 50, 2, 1000, /canary has 50 trials/],
    [2, 1000, 3, 1000, /expected count 2.50/],
    [Number.NaN, 1000, 3, 1000, /invalid/],
  ])('counts %s/%s vs %s/%s hold', (x1, n1, x2, n2, reason) => {
    expect(enoughCounts(x1, n1, x2, n2)).toEqual({ enough: false, reason: expect.stringMatching(reason) });
  });

  it('counts: enough with 10 expected events', () => {
    expect(enoughCounts(10, 1000, 10, 1000)).toEqual({ enough: true, reason: null });
  });
});
