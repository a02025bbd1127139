/**
 * Validation of what goes into the history store: records against schemas/records.schema.json
 * (ajv compiled once, lazily, strict with all errors) and the ISO bounds of queries and prunes.
 * Both adapters call these, so they accept and refuse exactly the same input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../io/ajv.js';
import { PACKAGE_ROOT } from '../cli/package-info.js';
import { PhasegateError, type Diagnostic } from '../errors.js';
import type { HistoryQuery } from './port.js';
import type { HistoryRecord } from './records.js';


/** At most this many problems are listed; the rest are counted. */
const MAX_LISTED = 20;
const UTC_HINT = 'must be an ISO-8601 UTC time such as 2026-11-21T09:00:00.000Z';
// A JSON escape for NUL or a lone surrogate (not preceded by an escaping backslash): PostgreSQL
// cannot store either in jsonb, so both adapters refuse them alike.
const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

// A date (midnight UTC) or a time with an explicit zone: a zoneless time would be read in the
// local zone by one adapter and in the server's by the other.
const ISO_BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = newAjv();
    compiled = ajv.compile(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas', 'records.schema.json'), 'utf8')) as object);
  }
  return compiled;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
  if (e.schemaPath.startsWith('#/definitions/utcTime/')) return `${at}: ${UTC_HINT}`;
  if (e.schemaPath.startsWith('#/definitions/id/')) return `${at}: must be 1 to 200 printable ASCII characters without spaces`;
  return `${at}: ${e.message ?? 'is invalid'}`;
}

function schemaProblems(value: unknown): string[] {
  const validate = validator();
  // `if` errors only repeat the `then` errors beneath them.
  if (validate(value)) return [];
  return [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe))];
}

/** How a record is named in messages: its position and, when it has one, its id. */
function label(value: unknown, index: number): string {
  const id = (value as { id?: unknown } | null)?.id;
  return `history record ${index + 1}${typeof id === 'string' ? ` (id ${JSON.stringify(id.slice(0, 80))})` : ''}`;
}

/**
 * Validates every record and serialises each with `serialize` (one line of JSON), checking
 * the text for characters no store can keep. All problems of all records are reported
 * together (up to 20, then a count) in one PhasegateError; nothing is written then.
 */
export function serializeValidRecords(records: readonly unknown[], serialize: (r: HistoryRecord) => string): string[] {
  const problems = records.flatMap((r, i) => schemaProblems(r).map((p) => `${label(r, i)}: ${p}`));
  const lines = problems.length ? [] : (records as readonly HistoryRecord[]).map(serialize);
  lines.forEach((line, i) => {
    if (line.includes('\\u') && UNSTORABLE.test(line)) problems.push(`${label(records[i], i)}: a string holds a NUL character or a lone UTF-16 surrogate, which cannot be stored`);
  });
  if (problems.length === 0) return lines;
  const diagnostics: Diagnostic[] = problems.slice(0, MAX_LISTED).map((message) => ({ message }));
  if (problems.length > MAX_LISTED) diagnostics.push({ message: `${problems.length - MAX_LISTED} more problems in the records not listed` });
  throw new PhasegateError(diagnostics);
}

/** Milliseconds since the epoch of an ISO-8601 bound; `what` names it in the error. */
export function parseBound(value: string, what: string): number {
  const ms = Date.parse(value);
  if (!ISO_BOUND.test(value) || Number.isNaN(ms)) {
    throw new PhasegateError({ message: `${what} ${JSON.stringify(value)} is not an ISO-8601 date or time with a zone; give one such as 2026-11-21 or 2026-11-21T09:00:00Z` });
  }
  return ms;
}

/** A query with its time bounds checked and turned into milliseconds (undefined: unbounded). */
export interface CheckedQuery {
  project?: string;
  kinds?: ReadonlySet<string>;
  fromMs?: number;
  toMs?: number;
}

/** Checks a query's bounds; an empty or absent `kinds` means every kind. */
export function checkQuery(q: HistoryQuery): CheckedQuery {
  return {
    project: q.project,
    kinds: q.kinds?.length ? new Set(q.kinds) : undefined,
    fromMs: q.from === undefined ? undefined : parseBound(q.from, 'query from'),
    toMs: q.to === undefined ? undefined : parseBound(q.to, 'query to'),
  };
}
