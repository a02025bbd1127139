/**
 * Settlement dates (REQ-006): trade date plus the market's settlement cycle
 * in business days, skipping weekends and the market's holidays.
 */
import type { Market } from './fees.js';

/** Settlement cycle in business days: A-shares settle T+1, Hong Kong T+2. */
export const SETTLEMENT_CYCLE: Readonly<Record<Market, number>> = { SSE: 1, SZSE: 1, HKEX: 2 };

/** ISO dates (YYYY-MM-DD) on which a market does not settle. */
export type HolidayCalendar = ReadonlyMap<Market, ReadonlySet<string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseIsoDate(iso: string): Date {
  if (!ISO_DATE.test(iso)) {
    throw new RangeError(`expected YYYY-MM-DD, got "${iso}"`);
  }
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not a calendar date: "${iso}"`);
  }
  return d;
}

const toIso = (d: Date): string => d.toISOString().slice(0, 10);

export function isBusinessDay(iso: string, holidays: ReadonlySet<string>): boolean {
  const day = parseIsoDate(iso).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(iso);
}

/** Moves `days` business days forward from `iso` (the start day itself is not counted). */
export function addBusinessDays(iso: string, days: number, holidays: ReadonlySet<string>): string {
  const d = parseIsoDate(iso);
  let remaining = days;
  while (remaining > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(toIso(d), holidays)) {
      remaining -= 1;
    }
  }
  return toIso(d);
}

export function settlementDate(tradeDate: string, market: Market, calendar: HolidayCalendar): string {
  const holidays = calendar.get(market) ?? new Set<string>();
  if (!isBusinessDay(tradeDate, holidays)) {
    throw new RangeError(`${tradeDate} is not a trading day on ${market}`);
  }
  return addBusinessDays(tradeDate, SETTLEMENT_CYCLE[market], holidays);
}

/**
 * Reads the operations team's holiday file: one `MARKET YYYY-MM-DD [name]`
 * per line, `#` starts a comment.
 */
export function parseHolidayCalendar(text: string): HolidayCalendar {
  const calendar = new Map<Market, Set<string>>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') {
      continue;
    }
    const [market, date] = line.split(/\s+/);
    if (market !== 'SSE' && market !== 'SZSE' && market !== 'HKEX') {
      throw new Error(`line ${index + 1}: unknown market "${market}"`);
    }
    const days = calendar.get(market) ?? new Set<string>();
    days.add(toIso(parseIsoDate(date ?? '')));
    calendar.set(market, days);
  }
  return calendar;
}
