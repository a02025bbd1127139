/**
 * The plan schema (schemas/plan.schema.json, ajv strict, all errors, `verbose`, compiled by the
 * build into src/generated/validate-plan.ts) and its
 * errors as one-line messages located at the YAML key or value, e.g.
 * `plan.yaml:7:5: unknown key "finsh" in phase design (did you mean "finish"?)`.
 */
import type { ErrorObject } from 'ajv';
import { plan as validate } from '../generated/validate-plan.js';
import type { Diagnostic } from '../errors.js';
import { locate, pointerSegments } from '../policy/locate.js';
import { describeValue, valueAt } from '../policy/schema-messages.js';
import { closest, didYouMean } from '../policy/suggest.js';
import type { PolicyFile } from '../policy/text.js';
import { PHASES } from '../policy/types.js';

/** Schema errors of a parsed plan (empty when valid). */
export function planSchemaErrors(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** What holds the value at `segs`, and the key path below it. */
function ownerOf(segs: readonly string[], data: unknown): { owner: string; rest: string[] } {
  if (segs[0] === 'phases' && segs.length >= 2) return { owner: `phase ${segs[1]}`, rest: segs.slice(2) };
  if (segs[0] === 'workItems' && segs.length >= 2) {
    const id = valueAt(data, [...segs.slice(0, 2), 'id']);
    return { owner: typeof id === 'string' ? `work item "${id}"` : `work item #${Number(segs[1]) + 1}`, rest: segs.slice(2) };
  }
  if (segs[0] === 'actuals' && segs.length >= 2) return { owner: `actuals entry #${Number(segs[1]) + 1}`, rest: segs.slice(2) };
  return { owner: 'the plan', rest: [...segs] };
}

/** `budget of work item "IMP-1"`, `due`, `phase design`. */
export function planLabel(segs: readonly string[], data: unknown): string {
  const { owner, rest } = ownerOf(segs, data);
  if (rest.length === 0) return owner;
  return owner === 'the plan' ? rest.join('.') : `${rest.join('.')} of ${owner}`;
}

function where(segs: readonly string[], data: unknown): string {
  return segs.length === 0 ? 'at the top level' : `in ${planLabel(segs, data)}`;
}

function unknownKey(e: ErrorObject, segs: string[], data: unknown): string {
  const key = String(e.params.additionalProperty);
  if (segs.length === 1 && segs[0] === 'phases') return `unknown phase "${key}"${didYouMean(key, PHASES, ` (phases: ${PHASES.join(', ')})`)}`;
  const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  return `unknown key "${key}" ${where(segs, data)}${didYouMean(key, allowed, ` (allowed: ${allowed.join(', ')})`)}`;
}

function enumMessage(label: string, allowed: string[], value: unknown): string {
  const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
  return `${label} must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got ${describeValue(value)}${guess ? `; did you mean "${guess}"?` : ''})`;
}

const TYPES: Record<string, string> = { number: 'a number', string: 'text', array: 'a list', object: 'a mapping (key: value lines)' };

function describe(e: ErrorObject, segs: string[], data: unknown): { message: string; key?: boolean; at?: string[] } {
  const label = planLabel(segs, data);
  const value = valueAt(data, segs);
  const isDate = (e.parentSchema as { format?: string } | undefined)?.format === 'date';
  switch (e.keyword) {
    case 'additionalProperties':
      return { message: unknownKey(e, segs, data), at: [...segs, String(e.params.additionalProperty)], key: true };
    case 'required': {
      const missing = String(e.params.missingProperty);
      return { message: `missing required key "${missing}" ${where(segs, data)}${missing === 'schemaVersion' ? ' (add schemaVersion: 1)' : ''}` };
    }
    case 'format':
      return { message: `invalid date ${describeValue(value)} for ${label} (use YYYY-MM-DD)` };
    case 'type':
      if (isDate) return { message: `invalid date ${describeValue(value)} for ${label} (use YYYY-MM-DD)` };
      // A file that is not YAML at all is one top-level text: say so without quoting its start.
      if (segs.length === 0) return { message: `${label} must be ${TYPES[String(e.params.type)] ?? String(e.params.type)} (got ${typeof value === 'string' ? 'plain text, not YAML keys' : describeValue(value)})` };
      return { message: `${label} must be ${TYPES[String(e.params.type)] ?? String(e.params.type)} (got ${describeValue(value)})` };
    case 'minimum':
      return { message: `${label} must not be negative (got ${describeValue(value)})` };
    case 'exclusiveMinimum':
      return { message: `${label} must be more than 0 (got ${describeValue(value)})` };
    case 'enum':
      return { message: enumMessage(label, (e.params.allowedValues as unknown[]).map(String), value) };
    case 'const':
      return { message: `${label} must be ${JSON.stringify(e.params.allowedValue)} (got ${describeValue(value)})` };
    case 'pattern':
      if (segs.at(-1) === 'currency') return { message: `${label} must be a three-letter currency code such as CNY or USD (got ${describeValue(value)})` };
      return { message: `invalid period ${describeValue(value)} for ${label} (use YYYY-MM or YYYY-MM-DD)` };
    case 'minLength':
      return { message: `${label} must not be empty` };
    default:
      return { message: `${label} ${e.message ?? 'is invalid'}` };
  }
}

/** One located diagnostic per ajv error. */
export function planSchemaDiagnostics(file: PolicyFile, errors: readonly ErrorObject[]): Diagnostic[] {
  return errors.map((e) => {
    const segs = pointerSegments(e.instancePath);
    const d = describe(e, segs, file.data);
    return { file: file.display, ...lineCol(file, d.at ?? segs, d.key ?? false), message: d.message };
  });
}

/** Line and column of the value (or key) at `segs`. */
export function lineCol(file: PolicyFile, segs: readonly (string | number)[], key = false): { line: number; col: number } {
  const { line, col } = locate(file, segs.map(String), key);
  return { line, col };
}
