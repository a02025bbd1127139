/** JSON inputs (SARIF, facts, evidence bundles): strict UTF-8, located syntax and schema errors. */
import { TextDecoder } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PhasegateError } from '../errors.js';
import { readRegularFile } from '../io/regular-file.js';
import { fileError } from './files.js';
import { findSyntaxError, locatePointer, positionAt } from './json-locate.js';

/** Larger JSON inputs are refused rather than risk the memory of a CI runner. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/** Reads and parses the JSON file `file`; `what` names the expected content for messages. */
export function readJsonFile(file: string, shown: string, what: string): { text: string; value: unknown } {
  const text = readJsonText(file, shown, what);
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw jsonSyntaxError(text, shown);
  }
}

/** The located error for JSON text that does not parse. */
export function jsonSyntaxError(text: string, shown: string): PhasegateError {
  const where = findSyntaxError(text) ?? { line: 1, col: 1, message: 'invalid JSON' };
  return fileError(shown, `invalid JSON: ${where.message}`, where.line, where.col);
}

/** Reads the JSON file `file` as text (strict UTF-8, must start with `{` or `[`), without parsing it. */
export function readJsonText(file: string, shown: string, what: string): string {
  // Only a regular file, capped before reading: a FIFO or a device would hang or never end.
  let bytes: Buffer | undefined = readRegularFile(file, shown, MAX_JSON_BYTES);
  if (bytes.length === 0) throw fileError(shown, `empty file (expected ${what})`);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const lax = new TextDecoder('utf-8').decode(bytes.subarray(start));
    const { line, col } = positionAt(lax, Math.max(0, lax.indexOf('\uFFFD')));
    throw fileError(shown, 'not valid UTF-8; save the file as UTF-8', line, col);
  }
  bytes = undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw fileError(shown, `not a JSON file (expected ${what})`, 1, 1);
  return text;
}

function describe(e: ErrorObject, prefix: string): string {
  const at = prefix + e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${e.message ?? 'is invalid'}`;
}

/**
 * Throws one located diagnostic for the first schema error, saying how many more there are.
 * `prefix` is the JSON pointer of `value` inside `text` when `value` is a part of the document.
 */
export function assertSchema(validate: ValidateFunction, value: unknown, text: string | undefined, shown: string, what: string, prefix = ''): void {
  if (validate(value)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const first = errors[0];
  const pos = text && first ? locatePointer(text, prefix + first.instancePath) : undefined;
  const more = errors.length > 1 ? `; ${errors.length - 1} more schema error${errors.length > 2 ? 's' : ''}` : '';
  const message = `${first ? describe(first, prefix) : 'invalid'} (not a valid ${what}${more})`;
  throw new PhasegateError({ file: shown, line: pos?.line, col: pos?.col, message });
}
