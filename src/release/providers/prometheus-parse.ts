/**
 * Reads the body of a Prometheus HTTP API query answer (`/api/v1/query`, `/api/v1/query_range`)
 * into points: matrix, vector or scalar; sample values are strings ("1.5", "NaN", "+Inf").
 * Returns a failure result for anything that is not one series of numbers.
 */
import { failure, type FetchResult } from './types.js';

/** Points `[unix seconds, value]` of the one series, or the failure. */
export type ParsedPoints = { ok: true; points: Array<[number, number]> } | Extract<FetchResult, { ok: false }>;

/** Parses a Prometheus sample value: a decimal string, "NaN", "+Inf" or "-Inf". */
export function parseSampleValue(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  if (v === 'NaN') return NaN;
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

function parsePair(pair: unknown): [number, number] | undefined {
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number') return undefined;
  const v = parseSampleValue(pair[1]);
  return v === undefined ? undefined : [pair[0], v];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Cuts server text for a message; the provider passes its redactor's `excerpt`, which redacts before it cuts. */
export type Excerpt = (text: string, max: number) => string;

const plainCut: Excerpt = (text, max) => (text.length <= max ? text : `${text.slice(0, max)}…`);

/**
 * Interprets the JSON text of a Prometheus answer; `what` names the query in messages, and
 * every piece of server text in a message goes through `excerpt`.
 */
export function parsePrometheusBody(text: string, what: string, excerpt: Excerpt = plainCut): ParsedPoints {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failure('bad-response', `${what}: the answer is not JSON: ${excerpt(text, 120)}`) as ParsedPoints;
  }
  if (!isObject(body)) return failure('bad-response', `${what}: the answer is not a JSON object`) as ParsedPoints;
  if (body.status === 'error') {
    return failure('bad-response', `${what}: Prometheus error ${excerpt(String(body.errorType ?? ''), 40)}: ${excerpt(String(body.error ?? ''), 300)}`) as ParsedPoints;
  }
  const data = body.data;
  if (body.status !== 'success' || !isObject(data)) {
    return failure('bad-response', `${what}: the answer has no "status": "success" and "data" object`) as ParsedPoints;
  }
  const bad = (why: string): ParsedPoints => failure('bad-response', `${what}: ${why}`) as ParsedPoints;
  const result = data.result;
  switch (data.resultType) {
    case 'scalar': {
      const p = parsePair(result);
      return p ? { ok: true, points: [p] } : bad('a scalar that is not [time, "value"]');
    }
    case 'vector':
    case 'matrix': {
      if (!Array.isArray(result)) return bad(`a ${data.resultType} whose result is not a list`);
      if (result.length === 0) return failure('no-data', `${what}: no series`) as ParsedPoints;
      if (result.length > 1) {
        return bad(`${result.length} series; aggregate the query to one series (e.g. sum(...) or sum by () (...))`);
      }
      const series: unknown = result[0];
      if (!isObject(series)) return bad('a series that is not an object');
      const raw = data.resultType === 'vector' ? [series.value] : series.values;
      if (!Array.isArray(raw)) return bad(`a ${data.resultType} series without ${data.resultType === 'vector' ? 'value' : 'values'}`);
      const points: Array<[number, number]> = [];
      for (const pair of raw) {
        const p = parsePair(pair);
        if (!p) return bad(`a sample that is not [time, "value"]: ${excerpt(JSON.stringify(pair) ?? '', 60)}`);
        points.push(p);
      }
      return { ok: true, points };
    }
    default:
      return bad(`unsupported result type ${excerpt(JSON.stringify(data.resultType) ?? '', 60)}`);
  }
}
