import { describe, expect, it } from 'vitest';
import { RateTable, convert } from '../src/fx.js';

const now = new Date('2026-11-20T08:00:00Z');
const asOf = '2026-11-20T07:55:00Z';
const table = new RateTable([
  { base: 'USD', quote: 'HKD', rate: 7.7825, asOf },
  { base: 'USD', quote: 'CNY', rate: 7.1042, asOf },
  { base: 'EUR', quote: 'USD', rate: 1.0825, asOf },
]);

describe('convert (REQ-005)', () => {
  it('converts with a direct quote and rounds to the cent', () => {
    expect(convert(1_000, 'USD', 'HKD', table, now)).toBe(7_782.5);
  });

  it('uses the inverse of a quoted pair', () => {
    expect(convert(7_782.5, 'HKD', 'USD', table, now)).toBe(1_000);
  });

  it('crosses through USD when the pair is not quoted', () => {
    expect(convert(10_000, 'HKD', 'CNY', table, now)).toBe(9_128.43);
  });

  it('rounds a converted half cent away from zero', () => {
    // EUR 62.00 x 1.0825 = USD 67.115 exactly, which must settle as 67.12.
    expect(convert(62, 'EUR', 'USD', table, now)).toBe(67.12);
  });
});
