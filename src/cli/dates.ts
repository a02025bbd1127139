/**
 * The one parser of every date/time option (`--time`, `--now`, `--as-of`, `--started-at`,
 * `--commit-time`, `--resolved`, `--due`). Strict: the calendar is checked (no 2026-02-30
 * rolling over into March), and a date-time must carry its zone (`Z` or `+02:00`), so the
 * result never depends on the machine's time zone. A bare date means midnight UTC.
 */
import { PhasegateError } from '../errors.js';

const FORM = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;
const EXAMPLE = 'such as 2026-11-27 (midnight UTC) or 2026-11-27T09:30:00Z or 2026-11-27T10:30:00+01:00';

function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0-99 as 1900-1999
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `value` is not a valid instant, or the instant. */
export function parseInstantValue(value: string): Date | string {
  const m = FORM.exec(value.trim());
  if (!m) return `expected an ISO-8601 date or date-time ${EXAMPLE}`;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12) return `month ${mo} does not exist; give a date ${EXAMPLE}`;
  if (day < 1 || day > daysIn(year, month)) return `${y}-${mo}-${d} is not a date (${y}-${mo} has ${daysIn(year, month)} days)`;
  if (h === undefined) return new Date(utc(year, month, day));
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return `${h}:${mi}${s === undefined ? '' : `:${s}`} is not a time of day (00:00:00 to 23:59:59)`;
  if (zone === undefined) return `${value} has no time zone; add Z for UTC or an offset such as +01:00`;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3)), om = Number(zone.slice(-2));
    if (oh > 23 || om > 59) return `${zone} is not a time-zone offset (-23:59 to +23:59)`;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Math.floor(Number(`0${frac ?? ''}`) * 1000);
  return new Date(utc(year, month, day, Number(h), Number(mi), Number(s ?? 0), ms) - offsetMin * 60_000);
}

/**
 * The commander argument parser of the date/time option `flag`: an invalid value is one line
 * naming the option and the value (a PhasegateError, exit 2), e.g.
 * `--time 2026-02-30T00:00:00Z: 2026-02-30 is not a date (2026-02 has 28 days)`.
 */
export function instantOption(flag: string): (value: string) => Date {
  return (value: string): Date => {
    const r = parseInstantValue(value);
    if (typeof r === 'string') throw new PhasegateError({ message: `${flag} ${value}: ${r}` });
    return r;
  };
}
