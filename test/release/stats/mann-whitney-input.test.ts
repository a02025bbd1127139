// Bad input never throws: the result says why it cannot support a decision.
import { describe, expect, it } from 'vitest';
import { mannWhitney, pnorm, qnorm } from '../../../src/release/stats/index.js';

describe('mannWhitney on bad input', () => {
  it.each([
    { name: 'empty x', x: [], y: [1, 2], reason: 'no finite values in x' },
    { name: 'empty y', x: [1], y: [], reason: 'no finite values in y' },
    { name: 'only NaN', x: [Number.NaN, Number.NaN], y: [1, 2], reason: 'no finite values in x' },
    { name: 'all tied', x: [3, 3, 3], y: [3, 3], reason: 'all values are tied: the test has no variance' },
  ])('$name', ({ x, y, reason }) => {
    const r = mannWhitney(x, y);
    expect(r.insufficient).toBe(reason);
    expect(r.pValue).toBeNull();
    expect(r.confInt).toBeNull();
  });

  it('drops NaN and infinities and counts them', () => {
    const r = mannWhitney([1, Number.NaN, 2, 3, Number.POSITIVE_INFINITY], [4, 5, 6]);
    expect(r.dropped).toBe(2);
    expect(r.n).toEqual([3, 3]);
    expect(r.pValue).toBeCloseTo(0.1, 12); // R: wilcox.test(1:3, 4:6)$p.value
  });

  it('rejects a confidence level outside (0, 1) as insufficient', () => {
    expect(mannWhitney([1, 2], [3, 4], { confLevel: 1 }).insufficient).toMatch(/confLevel/);
  });
});

describe('normal distribution against R 4.2.2', () => {
  it('pnorm and qnorm match to 1e-14 (far tail 1e-8 relative)', () => {
    expect(pnorm(-1.3)).toBeCloseTo(0.096800484585610344, 15);
    expect(Math.abs(pnorm(-8.5) / 9.4795348222033192e-18 - 1)).toBeLessThan(1e-8); // far tail: ~1e-8 relative
    expect(pnorm(2.2)).toBeCloseTo(0.98609655248650141, 15);
    expect(qnorm(0.025)).toBeCloseTo(-1.9599639845400538, 14);
    expect(qnorm(0.995)).toBeCloseTo(2.5758293035488999, 14);
  });
});
