/**
 * Time and small statistics helpers for the metrics core. Everything is in UTC milliseconds;
 * calendar dates (`YYYY-MM-DD`) start at 00:00 UTC and a date used as a deadline or a
 * planned finish includes its whole day.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export type PeriodUnit = 'week' | 'month';

/** 00:00 UTC of a `YYYY-MM-DD` date (or of an ISO date-time's instant). */
export function dayStart(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

/** The end of a date's day (00:00 UTC of the next day): a planned finish or due date includes its day. */
export function dayEnd(date: string): number {
  return dayStart(date) + DAY_MS;
}

/**
 * The window [start, end) a cost booking's period covers: a month (`YYYY-MM`) from 00:00 UTC
 * of its 1st to the 1st of the next month, a day (`YYYY-MM-DD`) that whole day. Undefined for
 * a period that names no real month or day.
 */
export function bookingWindow(period: string): { start: number; end: number } | undefined {
  if (/^\d{4}-\d{2}$/.test(period)) {
    if (!isCalendarDate(`${period}-01`)) return undefined;
    const start = dayStart(`${period}-01`);
    return { start, end: nextPeriod(start, 'month') };
  }
  return isCalendarDate(period) ? { start: dayStart(period), end: dayEnd(period) } : undefined;
}

/** `YYYY-MM-DD` of an instant. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether a `YYYY-MM-DD` text names a real calendar date. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && isoDay(ms) === text;
}

/** Start of the period holding `ms`: Monday 00:00 UTC (ISO week) or the 1st of the month. */
export function periodStart(ms: number, unit: PeriodUnit): number {
  const d = new Date(ms);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
}

/** Start of the period after the one starting at `start`. */
export function nextPeriod(start: number, unit: PeriodUnit): number {
  if (unit === 'week') return start + WEEK_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** A period's label: its Monday (`2026-09-14`) for weeks, `2026-09` for months. */
export function periodLabel(start: number, unit: PeriodUnit): string {
  return unit === 'week' ? isoDay(start) : isoDay(start).slice(0, 7);
}

/** The last `count` complete periods before `asOf` (oldest first), as [start, end) pairs. */
export function completePeriods(asOf: number, unit: PeriodUnit, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let end = periodStart(asOf, unit);
  for (let i = 0; i < count; i++) {
    const start = unit === 'week' ? end - WEEK_MS : periodStart(end - 1, 'month');
    out.unshift([start, end]);
    end = start;
  }
  return out;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Whether each of the last `rises` steps of `series` went up (needs rises + 1 points). */
export function risingRun(series: readonly number[], rises: number): boolean {
  if (series.length < rises + 1) return false;
  const tail = series.slice(-(rises + 1));
  return tail.every((v, i) => i === 0 || v > tail[i - 1]!);
}
