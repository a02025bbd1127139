/**
 * The fields of a rule as layers see them: flat names (`threshold`, `document.signoff`), the
 * kind each belongs to, whether it decides the outcome, and when a new value loosens an old one.
 * Locking is enforced from this one table.
 */
import type { Operator, Rule } from './types.js';

/** The four kinds of rule. */
export type RuleKind = Rule['kind'];

/** Rule kinds in the order messages list them. */
export const RULE_KINDS: readonly RuleKind[] = ['metric', 'document', 'freeze', 'approval'];

/** Keys inside each kind's block (`document: {...}` etc.). */
export const BLOCK_KEYS: Record<Exclude<RuleKind, 'metric'>, readonly string[]> = {
  document: ['kind', 'paths', 'signoff', 'newerThan'],
  freeze: ['paths', 'date', 'approvers', 'label'],
  approval: ['min', 'roles', 'teams'],
};

/** Top-level rule keys other than `id` and the kind blocks. */
export const TOP_KEYS = ['metric', 'operator', 'threshold', 'scope', 'severity', 'onMissing', 'onNothingToJudge', 'locked', 'waivable', 'enabled', 'description', 'hint'] as const;

/** How layering treats one field. */
export interface FieldSpec {
  /** The only kind of rule the field may appear on; undefined = any kind. */
  kind?: RuleKind;
  /** Whether setting it moves the rule's `source` (the value that decides pass or fail). */
  deciding: boolean;
  /** True when changing `prev` to `next` makes the rule easier to pass. */
  loosens?: (prev: unknown, next: unknown) => boolean;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const changed = (prev: unknown, next: unknown): boolean => !same(prev, next);
/** A list of requirements (roles, teams, kinds, frozen globs) loosens when it drops an entry. */
const drops = (prev: unknown, next: unknown): boolean => list(prev).some((x) => !list(next).includes(x));
/** Later in `order` = stricter. */
const rank = (order: readonly unknown[]) => (prev: unknown, next: unknown) => order.indexOf(next) < order.indexOf(prev);
const moreThan = (prev: unknown, next: unknown): boolean => (next as number | string) > (prev as number | string);
const lessThan = (prev: unknown, next: unknown): boolean => (next as number | string) < (prev as number | string);

/** Freeze approvers: any of them may approve, and none listed means anyone may. */
function approversLoosen(prev: unknown, next: unknown): boolean {
  const before = list(prev);
  const after = list(next);
  if (before.length === 0) return false;
  return after.length === 0 || after.some((x) => !before.includes(x));
}

/** A label is a way around the freeze: adding or changing one loosens it. */
const labelLoosens = (prev: unknown, next: unknown): boolean => next !== undefined && next !== prev;

/** Every rule field by flat name. */
export const FIELDS: Record<string, FieldSpec> = {
  metric: { kind: 'metric', deciding: true, loosens: changed },
  // operator and threshold are judged together, as one condition (see conditionLoosens).
  operator: { kind: 'metric', deciding: true },
  threshold: { kind: 'metric', deciding: true },
  scope: { kind: 'metric', deciding: true, loosens: changed },
  severity: { deciding: false, loosens: rank(['warn', 'fail']) },
  onMissing: { deciding: false, loosens: rank(['pass', 'warn', 'fail']) },
  onNothingToJudge: { kind: 'metric', deciding: false, loosens: rank(['pass', 'warn', 'fail']) },
  locked: { deciding: false, loosens: rank([false, true]) },
  waivable: { deciding: false, loosens: rank([true, false]) },
  enabled: { deciding: true, loosens: rank([false, true]) },
  description: { deciding: false },
  hint: { deciding: false },
  'document.kind': { kind: 'document', deciding: true, loosens: changed },
  'document.paths': { kind: 'document', deciding: true, loosens: changed },
  'document.signoff': { kind: 'document', deciding: true, loosens: drops },
  'document.newerThan': { kind: 'document', deciding: true, loosens: drops },
  'freeze.paths': { kind: 'freeze', deciding: true, loosens: drops },
  'freeze.date': { kind: 'freeze', deciding: true, loosens: moreThan },
  'freeze.approvers': { kind: 'freeze', deciding: true, loosens: approversLoosen },
  'freeze.label': { kind: 'freeze', deciding: true, loosens: labelLoosens },
  'approval.min': { kind: 'approval', deciding: true, loosens: lessThan },
  'approval.roles': { kind: 'approval', deciding: true, loosens: drops },
  'approval.teams': { kind: 'approval', deciding: true, loosens: drops },
};

function holds(op: Operator, threshold: number, x: number): boolean {
  switch (op) {
    case '>=':
      return x >= threshold;
    case '>':
      return x > threshold;
    case '<=':
      return x <= threshold;
    case '<':
      return x < threshold;
    case '==':
      return x === threshold;
    case '!=':
      return x !== threshold;
  }
}

/**
 * Whether every value passing `next` also passes `prev` (the new condition is at least as
 * strict). Both conditions are constant between their thresholds, so testing the thresholds,
 * the points between them and one point beyond each end decides it exactly.
 */
export function conditionImplies(next: [Operator, number], prev: [Operator, number]): boolean {
  const ts = [...new Set([next[1], prev[1]])].sort((a, b) => a - b);
  const lo = ts[0]!;
  const hi = ts.at(-1)!;
  // A step relative to the size: `1e20 - 1` would not leave 1e20.
  const probes = [lo - Math.max(1, Math.abs(lo)), ...ts, hi + Math.max(1, Math.abs(hi))];
  if (ts.length === 2) probes.push((ts[0]! + ts[1]!) / 2);
  return probes.every((x) => !holds(next[0], next[1], x) || holds(prev[0], prev[1], x));
}

/** Formats a field value for messages. */
export function showValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return v === undefined ? 'none' : String(v);
}

/** Values a rule has when no layer sets them. */
export const DEFAULTS: Readonly<Record<string, unknown>> = {
  severity: 'fail',
  scope: 'overall',
  onMissing: 'fail',
  onNothingToJudge: 'pass',
  locked: false,
  waivable: true,
  enabled: true,
  'document.paths': [],
  'document.signoff': [],
  'document.newerThan': [],
  'freeze.approvers': [],
  'approval.min': 1,
  'approval.roles': [],
  'approval.teams': [],
};

/** Fields a new rule of each kind must state (the rest have defaults). */
export const REQUIRED: Record<RuleKind, readonly string[]> = {
  metric: ['metric', 'operator', 'threshold'],
  document: ['document.kind'],
  freeze: ['freeze.paths', 'freeze.date'],
  approval: [],
};
