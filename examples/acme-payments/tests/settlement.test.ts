import { describe, expect, it } from 'vitest';
import { addBusinessDays, parseHolidayCalendar, settlementDate } from '../src/settlement.js';

const calendar = parseHolidayCalendar(`
# Mainland markets, National Day 2026
SSE  2026-10-01 National Day
SSE  2026-10-02
SSE  2026-10-05
SSE  2026-10-06
SSE  2026-10-07
HKEX 2026-12-25 Christmas Day
HKEX 2026-12-26
`);

describe('settlementDate (REQ-006)', () => {
  it('settles A-shares T+1', () => {
    expect(settlementDate('2026-11-18', 'SSE', calendar)).toBe('2026-11-19');
  });

  it('settles Hong Kong trades T+2 across a weekend', () => {
    expect(settlementDate('2026-11-19', 'HKEX', calendar)).toBe('2026-11-23');
  });

  it('skips the National Day holiday week', () => {
    expect(settlementDate('2026-09-30', 'SSE', calendar)).toBe('2026-10-08');
  });
});

describe('addBusinessDays', () => {
  it('counts from the next day', () => {
    expect(addBusinessDays('2026-11-20', 1, new Set())).toBe('2026-11-23');
  });
});
