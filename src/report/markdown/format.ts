/**
 * Small wording helpers of the report's Markdown: numbers, dates, status words, tables and
 * collapsed sections. Text from reports goes through the verdict renderer's `mdText`, so a
 * test name or message cannot inject markup, HTML or @-mentions.
 */
import { mdText } from '../../gate/render/markdown.js';
import { formatValue } from '../../gate/rules/metric.js';
import type { HealthStatus, KpiStatus, ReportPhase } from '../types.js';
import { maxOf, minOf } from '../../io/array.js';

export { mdText };

/** Something left out, with the drop level that left it out (the note lists by level). */
export type Dropped = [level: number, what: string];

/** A section as rendered at some drop level: its lines and what it left out (for the note). */
export interface Rendered {
  lines: string[];
  dropped: Dropped[];
}

/** A KPI status as an emoji and a word (never colour alone). */
export const KPI_WORD: Readonly<Record<KpiStatus, string>> = { red: '🔴 red', amber: '🟠 amber', green: '🟢 green', unrated: '⚪ unrated', 'not-measured': '— not measured' };
/** The headline emoji of a health status (`none`: not scored). */
export const HEALTH_EMOJI: Readonly<Record<HealthStatus | 'none', string>> = { healthy: '🟢', 'at-risk': '🟠', critical: '🔴', none: '⚪' };
/** A gate state as an emoji and a word. */
export const GATE_CELL: Readonly<Record<ReportPhase['gate'], string>> = { pass: '✅ PASS', warn: '⚠️ WARN', fail: '❌ FAIL', 'not-evaluated': '— not evaluated' };

/** `1,234.5`: at most `digits` decimals, thousands grouped; `—` for null. */
export function num(x: number | null, digits = 2): string {
  if (x === null) return '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A value in its metric's unit (`75.42 %`), `—` for null. */
export const metricValue = (metric: string, x: number | null): string => (x === null ? '—' : formatValue(metric, x));

/** A signed percent, `+4.3 %`, `—` for null. */
export const signedPercent = (x: number | null): string => (x === null ? '—' : `${x > 0 ? '+' : ''}${num(x, 1)} %`);

/** The day of an ISO date or date-time, `—` for null. */
export const day = (iso: string | null): string => (iso === null ? '—' : mdText(iso.slice(0, 10)));

/** A GFM table: header, separator, one line per row (cells already escaped). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)];
}

/** A collapsed section; `summary` must be plain text of ours (HTML context: no Markdown escapes). */
export function details(summary: string, body: readonly string[]): string[] {
  return ['', '<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

/** `3 items` / `1 item`. */
export const plural = (n: number, word: string): string => `${num(n, 0)} ${word}${n === 1 ? '' : 's'}`;

const BARS = '▁▂▃▄▅▆▇█';

/** A text sparkline of a series (`▁▃▅█`); empty for fewer than two points. */
export function sparkline(xs: readonly number[]): string {
  if (xs.length < 2) return '';
  const lo = minOf(xs);
  const span = maxOf(xs) - lo;
  return xs.map((x) => BARS[span === 0 ? 3 : Math.round(((x - lo) / span) * (BARS.length - 1))]).join('');
}
