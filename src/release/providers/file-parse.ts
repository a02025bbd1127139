/**
 * Reads sample files for the file provider: JSON (`{ "canary": [{"t","v"}], "baseline": [...] }`,
 * or the same keyed by metric name) and CSV (`time,variant,metric,value`). Every problem is a
 * PhasegateError at `file:line`, since a bad file is a configuration error, not missing data.
 */
import { inputError } from '../../errors.js';
import { jsonSyntaxError as locatedSyntaxError } from '../../evidence/json-file.js';
import { quoteExcerpt } from '../../io/redact.js';
import { locatePointer } from '../../evidence/json-locate.js';
import type { Variant } from './types.js';

/** Points `[unix seconds, value]` per variant. */
export type VariantPoints = Record<Variant, Array<[number, number]>>;
/** The metric name of the single-metric JSON form. */
export const ANY_METRIC = '';

/** Parses a time: a number of unix seconds (milliseconds when >= 1e11) or an ISO 8601 string. */
export function parseTime(t: unknown): number | undefined {
  if (typeof t === 'number' && Number.isFinite(t)) return t >= 1e11 ? t / 1000 : t;
  if (typeof t === 'string' && /^\d{4}-\d\d-\d\d/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

/** Parses a value: a number, null (a missing sample: NaN) or "NaN", "+Inf", "Inf", "-Inf", a decimal string. */
export function parseValue(v: unknown): number | undefined {
  if (v === null || v === 'NaN') return NaN;
  if (typeof v === 'number') return v;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** The syntax error at its line and column, saying what was expected; never the engine's message, which quotes the file. */
function jsonSyntaxError(file: string, text: string): Error {
  const e = locatedSyntaxError(text, file).diagnostics[0]!;
  return inputError(file, `not valid JSON (${e.message.replace(/^invalid JSON: /, '')}); expected an object with "canary" and "baseline" lists`, e.line, e.col);
}

/** Parses a JSON sample file into points per metric (ANY_METRIC for the single-metric form). */
export function parseJsonSamples(file: string, text: string): Map<string, VariantPoints> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(file, text);
  }
  // Parsed once, as JSON; the text is scanned for a position only when there is an error to locate.
  const fail = (path: Array<string | number>, message: string): Error => {
    const at = locatePointer(text, path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
    return inputError(file, `${path.join('.') || '(top level)'}: ${message}`, at.line, at.col);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw fail([], 'expected an object with "canary" and "baseline" lists, or such objects keyed by metric');
  const top = data as Record<string, unknown>;
  const single = Array.isArray(top.canary) || Array.isArray(top.baseline);
  const metrics: Array<[string, unknown, Array<string>]> = single ? [[ANY_METRIC, top, []]] : Object.entries(top).map(([k, v]) => [k, v, [k]]);
  const out = new Map<string, VariantPoints>();
  for (const [metric, body, path] of metrics) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail(path, 'expected an object with "canary" and "baseline" lists');
    const entry: VariantPoints = { canary: [], baseline: [] };
    for (const [key, list] of Object.entries(body)) {
      if (key !== 'canary' && key !== 'baseline') throw fail([...path, key], 'unknown key (expected "canary" or "baseline")');
      if (!Array.isArray(list)) throw fail([...path, key], 'expected a list of {"t": time, "v": value}');
      const points = entry[key];
      for (let i = 0; i < list.length; i++) {
        const p: unknown = list[i];
        const rec = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
        const t = parseTime(rec.t);
        if (t === undefined) throw fail([...path, key, i], `"t" must be an ISO 8601 time or unix seconds, got ${quoteExcerpt(JSON.stringify(rec.t) ?? '')}`);
        const v = parseValue(rec.v);
        if (v === undefined) throw fail([...path, key, i], `"v" must be a number, null, "NaN" or "±Inf", got ${quoteExcerpt(JSON.stringify(rec.v) ?? '')}`);
        points.push([t, v]);
        list[i] = undefined; // the parsed object is garbage from here on, not at the end of the file
      }
    }
    out.set(metric, entry);
  }
  return out;
}

/** Parses a CSV sample file (header `time,variant,metric,value`; `#` comments and blank lines skipped). */
export function parseCsvSamples(file: string, text: string): Map<string, VariantPoints> {
  const out = new Map<string, VariantPoints>();
  let header = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (!header) {
      if (cells.join(',').toLowerCase() !== 'time,variant,metric,value') throw inputError(file, `expected the header "time,variant,metric,value" as the first line that is not blank or a # comment`, i + 1);
      header = true;
      return;
    }
    if (cells.length !== 4) throw inputError(file, `expected 4 fields (time,variant,metric,value), got ${cells.length}`, i + 1);
    const [time, variant, metric, value] = cells as [string, string, string, string];
    const t = parseTime(/^-?\d+(\.\d+)?$/.test(time) ? Number(time) : time);
    if (t === undefined) throw inputError(file, `time must be ISO 8601 or unix seconds, got ${quoteExcerpt(time)}`, i + 1);
    if (variant !== 'canary' && variant !== 'baseline') throw inputError(file, `variant must be canary or baseline, got ${quoteExcerpt(variant)}`, i + 1);
    if (metric === '') throw inputError(file, 'metric is empty', i + 1);
    const v = parseValue(value);
    if (v === undefined) throw inputError(file, `value must be a number, NaN or ±Inf, got ${quoteExcerpt(value)}`, i + 1);
    const entry = out.get(metric) ?? { canary: [], baseline: [] };
    entry[variant].push([t, v]);
    out.set(metric, entry);
  });
  if (!header) throw inputError(file, 'empty CSV: expected the header "time,variant,metric,value"', 1);
  return out;
}
