/**
 * Turns ajv errors into one-line messages that name the problem and the fix, located at the
 * offending YAML key or value. Keys are described relative to the rule or waiver they sit in.
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../errors.js';
import { locate, pointerSegments } from './locate.js';
import { quoted } from './quote.js';
import { closest, didYouMean } from './suggest.js';
import type { PolicyFile } from './text.js';
import { PHASES } from './types.js';

const KEBAB = '^[a-z0-9]+(-[a-z0-9]+)*$';
const ONE_LINE = '^[^\\n\\r]+$';
const KINDS = ['metric', 'document', 'freeze', 'approval'];
const DURATION = '^([0-9]+(ms|s|m|h|d))+$';

/** The value at `segments` in plain data. */
export function valueAt(data: unknown, segments: readonly string[]): unknown {
  let v = data;
  for (const s of segments) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** A short description of a YAML value for "got ..." notes. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return quoted(v);
  return String(v);
}

interface Place {
  /** What holds the value: `rule "cov"`, `waiver for "cov"`, or `the policy`. */
  owner: string;
  /** The path below the owner. */
  rest: string[];
}

function placeOf(segs: readonly string[], data: unknown): Place {
  const named = (path: string[], key: string): string | undefined => {
    const v = valueAt(data, [...path, key]);
    return typeof v === 'string' ? v : undefined;
  };
  if (segs[0] === 'phases' && segs.length >= 3) {
    const id = named(segs.slice(0, 3), 'id');
    return { owner: id ? `rule ${quoted(id)}` : `rule #${Number(segs[2]) + 1} of ${segs[1]}`, rest: segs.slice(3) };
  }
  if (segs[0] === 'waivers' && segs.length >= 2) {
    const rule = named(segs.slice(0, 2), 'rule');
    return { owner: rule ? `waiver for ${quoted(rule)}` : `waiver #${Number(segs[1]) + 1}`, rest: segs.slice(2) };
  }
  return { owner: 'the policy', rest: [...segs] };
}

function labelOf(p: Place): string {
  if (p.rest.length === 0) return p.owner;
  // Segments are schema names or list indexes, except keys under an open mapping: shown escaped.
  const seg = (s: string): string => (/^[A-Za-z0-9_-]{1,40}$/.test(s) ? s : quoted(s));
  return p.rest.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? seg(s) : `.${seg(s)}`)).join('');
}

function whereOf(p: Place): string {
  if (p.rest.length === 0) return p.owner === 'the policy' ? 'at the top level' : `in ${p.owner}`;
  return p.owner === 'the policy' ? `in ${labelOf(p)}` : `in ${labelOf(p)} of ${p.owner}`;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  'string,array': 'a name or a list of names',
  'number,null': 'a number, or null to remove it',
  'object,null': 'a mapping, or null to remove it',
  'boolean,array': 'true, false or a list of names',
};

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length === 2 ? `${shown[0]} or ${shown[1]}` : `one of ${shown.join(', ')}`;
}

function patternMessage(label: string, pattern: string, value: unknown): string {
  if (pattern === KEBAB) {
    const example = String(value).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return `${label} ${describeValue(value)} must be kebab-case: lowercase letters and digits joined by single hyphens${example ? ` (e.g. ${quoted(example)})` : ''}`;
  }
  if (pattern === ONE_LINE) return `${label} must be one line`;
  if (pattern === DURATION) return `${label} ${describeValue(value)} is not a duration; write a number with a unit (ms, s, m, h, d), e.g. 10m or 1h30m`;
  return `${label} ${describeValue(value)} is not a metric name; use a dotted name such as coverage.line`;
}

function limitMessage(keyword: string, label: string, limit: number, value: unknown): string {
  if (keyword === 'minLength') return `${label} must not be empty`;
  if (keyword === 'maxLength') return `${label} is longer than ${limit} characters`;
  if (keyword === 'minItems') return `${label} must list at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
  return `${label} must be at ${keyword === 'minimum' ? 'least' : 'most'} ${limit} (got ${describeValue(value)})`;
}

type Located = { message: string; at?: string[]; key?: boolean };

function unknownKey(e: ErrorObject, segs: string[], place: Place): Located {
  const key = String(e.params.additionalProperty);
  const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const at = [...segs, key];
  if (segs.length === 1 && segs[0] === 'phases') {
    return { message: `unknown phase ${quoted(key)}${didYouMean(key, PHASES, ` (phases: ${PHASES.join(', ')})`)}`, at, key: true };
  }
  return { message: `unknown key ${quoted(key)} ${whereOf(place)}${didYouMean(key, allowed, ` (allowed: ${allowed.join(', ')})`)}`, at, key: true };
}

function kindClash(segs: string[], place: Place, value: unknown): Located {
  const present = KINDS.filter((k) => value !== null && typeof value === 'object' && k in value);
  return { message: `${place.owner} has ${present.join(' and ')}; a rule has exactly one kind, so split it into separate rules`, at: [...segs, present[1] ?? ''], key: true };
}

function describeError(e: ErrorObject, segs: string[], data: unknown): Located {
  const place = placeOf(segs, data);
  const label = labelOf(place);
  const value = valueAt(data, segs);
  const isDate = (e.parentSchema as { format?: string } | undefined)?.format === 'date';
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(e, segs, place);
    case 'required': {
      const missing = String(e.params.missingProperty);
      const fix = missing === 'schemaVersion' ? ' (add schemaVersion: 1)' : '';
      return { message: `missing required key "${missing}" ${whereOf(place)}${fix}` };
    }
    case 'format':
      return { message: `invalid date ${describeValue(value)} for ${label} (use YYYY-MM-DD)` };
    case 'type':
      if (isDate) return { message: `invalid date ${describeValue(value)} for ${label} (use YYYY-MM-DD)` };
      // The whole file as a scalar could be a token file: say what it is, never what it says.
      return { message: `${label} must be ${TYPE_WORDS[String(e.params.type)] ?? String(e.params.type)} (got ${segs.length === 0 && typeof value === 'string' ? 'text' : describeValue(value)})` };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      // `=>` is a reversed `>=` more often than a typo of `==`.
      const reversed = typeof value === 'string' ? [...value].reverse().join('') : '';
      const guess = allowed.includes(reversed) ? reversed : typeof value === 'string' ? closest(value, allowed) : undefined;
      return { message: `${label} must be ${oneOf(allowed)} (got ${describeValue(value)}${guess ? `; did you mean "${guess}"?` : ''})` };
    }
    case 'const':
      return { message: `${label} must be ${JSON.stringify(e.params.allowedValue)} (got ${describeValue(value)})` };
    case 'pattern':
      return { message: patternMessage(label, String(e.params.pattern), value) };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'minimum':
    case 'maximum':
      return { message: limitMessage(e.keyword, label, e.params.limit as number, value) };
    case 'uniqueItems': {
      const repeat = String(Math.max(e.params.i as number, e.params.j as number));
      return { message: `${label} lists ${describeValue(valueAt(value, [repeat]))} twice; remove one`, at: [...segs, repeat] };
    }
    case 'not':
      return kindClash(segs, place, value);
    case 'exclusiveMinimum':
      return { message: `${label} must be more than ${String(e.params.limit)} (got ${describeValue(value)})` };
    case 'minProperties':
      return { message: `${label} must set at least one of ${Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).join(', ')}` };
    default:
      return { message: `${label} ${e.message ?? 'is invalid'}` };
  }
}

/** One located diagnostic per ajv error. */
export function schemaDiagnostics(file: PolicyFile, errors: readonly ErrorObject[]): Diagnostic[] {
  return errors.map((e) => {
    const segs = pointerSegments(e.instancePath);
    const d = describeError(e, segs, file.data);
    const { line, col } = locate(file, d.at ?? segs, d.key ?? false);
    return { file: file.display, line, col, message: d.message };
  });
}
