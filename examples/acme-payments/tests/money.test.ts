import { describe, expect, it } from 'vitest';
import { roundToMinor, sumMoney } from '../src/money.js';

describe('roundToMinor (REQ-004)', () => {
  it('rounds a half cent away from zero', () => {
    expect(roundToMinor(12.345, 'CNY')).toBe(12.35);
  });

  it('rounds refunds to the same magnitude as the charge', () => {
    expect(roundToMinor(-12.345, 'CNY')).toBe(-12.35);
  });

  it('rounds yen to whole units', () => {
    expect(roundToMinor(1534.5, 'JPY')).toBe(1535);
  });
});

describe('sumMoney', () => {
  it('rounds once after adding', () => {
    expect(sumMoney([0.1, 0.2, 0.004], 'USD')).toBe(0.3);
  });
});
