/**
 * Wording of the HTML report: numbers with units, dates, status words with icons (a status
 * is never shown by colour alone) and the "not measured" cell with its hint.
 */
import type { HealthStatus, KpiStatus, ReportKpi, ReportPhase } from '../types.js';
import { esc } from './escape.js';

/** `1,234.56`: at most `digits` decimals, thousands grouped. */
export function num(x: number, digits = 2): string {
  const text = x.toLocaleString('en-US', { maximumFractionDigits: digits });
  return text === '-0' ? '0' : text;
}

const UNIT_SUFFIX: Readonly<Record<string, string>> = {
  percent: ' %', 'per-kloc': ' per KLOC', kloc: ' KLOC', hours: ' h', days: ' days', seconds: ' s', 'per-day': ' per day', milliseconds: ' ms', 'per-second': ' per s',
};

/** A value in its unit (`75.42 %`, `0.96`, `16.45 per KLOC`). */
export function withUnit(x: number, unit: string): string {
  return `${num(x)}${UNIT_SUFFIX[unit] ?? ''}`;
}

/** A signed percent, `+4.3 %`. */
export const signedPercent = (x: number): string => `${x > 0 ? '+' : ''}${num(x, 1)} %`;

/** The day of an ISO date or date-time. */
export const day = (iso: string): string => `<time>${esc(iso.slice(0, 10))}</time>`;

/** An ISO date-time as `2026-11-21 09:00 UTC`. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  return `<time>${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC</time>`;
}

/** "not measured" with why and how to measure it; never 0, never NaN. */
export function notMeasured(hint: string | null): string {
  const h = hint ? ` <span class="hint">(${esc(hint)})</span>` : '';
  return `<span class="nm">not measured</span>${h}`;
}

/** A number or, when null, "not measured" with the hint. */
export function valueOr(x: number | null, show: (x: number) => string, hint: string | null): string {
  return x === null || !Number.isFinite(x) ? notMeasured(hint) : show(x);
}

type Tone = 'good' | 'warn' | 'bad' | 'none';

/** A status badge: an icon (hidden from screen readers) and a word, tinted by tone. */
export function badge(tone: Tone, icon: string, word: string): string {
  return `<span class="badge ${tone}"><span aria-hidden="true">${icon}</span> ${word}</span>`;
}

const KPI_BADGE: Readonly<Record<KpiStatus, [Tone, string, string]>> = {
  green: ['good', '✔', 'Green'], amber: ['warn', '▲', 'Amber'], red: ['bad', '✖', 'Red'], unrated: ['none', '–', 'Unrated'], 'not-measured': ['none', '?', 'Not measured'],
};
const GATE_BADGE: Readonly<Record<ReportPhase['gate'], [Tone, string, string]>> = {
  pass: ['good', '✔', 'Passed'], warn: ['warn', '▲', 'Passed with warnings'], fail: ['bad', '✖', 'Failed'], 'not-evaluated': ['none', '○', 'Not evaluated'],
};
const HEALTH_BADGE: Readonly<Record<HealthStatus, [Tone, string, string]>> = {
  healthy: ['good', '✔', 'Healthy'], 'at-risk': ['warn', '▲', 'At risk'], critical: ['bad', '✖', 'Critical'],
};

/** The badge of a KPI status. */
export const kpiBadge = (s: KpiStatus): string => badge(...KPI_BADGE[s]);
/** The badge of a gate state. */
export const gateBadge = (g: ReportPhase['gate']): string => badge(...GATE_BADGE[g]);
/** The badge of a health status (or "not scored" for null). */
export const healthBadge = (s: HealthStatus | string | null): string =>
  s !== null && s in HEALTH_BADGE ? badge(...HEALTH_BADGE[s as HealthStatus]) : badge('none', '○', s === null ? 'Not scored' : esc(s));

/** The trend against the previous value: an arrow, a word and whether that is better. */
export function trendWord(k: ReportKpi): string {
  if (k.value === null || k.previous === null) return '<span class="muted nowrap">first value</span>';
  const d = k.value - k.previous;
  if (Math.abs(d) < 1e-9) return '<span class="nowrap"><span aria-hidden="true">→</span> steady</span>';
  const up = d > 0;
  const better = k.better === 'neither' ? '' : up === (k.better === 'higher') ? ' (better)' : ' (worse)';
  return `<span class="nowrap"><span aria-hidden="true">${up ? '↑' : '↓'}</span> ${up ? 'up' : 'down'} ${num(Math.abs(d))}</span>${better}`;
}
