/**
 * Deterministic JSON for everything phasegate writes (evidence bundles, verdicts, reports):
 * object keys sorted at every depth, two-space indent, one trailing newline. Equal values
 * give byte-identical text whatever order their keys were inserted in.
 */
import { requireStableStringify } from './require.js';

const { configure } = requireStableStringify();

// strict: NaN, Infinity, functions and bigint throw instead of silently becoming null or
// vanishing, and so do circular references: either would make an output quietly wrong.
const stringify = configure({ deterministic: true, strict: true, circularValue: Error, bigint: false });

/**
 * Serialises `value` as deterministic JSON (sorted keys, 2-space indent, trailing newline).
 * Array order is kept (it is meaningful); `undefined` object properties are omitted as in
 * `JSON.stringify`. Throws for values JSON cannot represent (NaN, Infinity,
 * bigint, functions, circular structures, or a top-level `undefined`).
 */
export function stableJson(value: unknown): string {
  const text = stringify(value, null, 2);
  if (text === undefined) throw new TypeError('stableJson: undefined has no JSON form');
  return `${text}\n`;
}
