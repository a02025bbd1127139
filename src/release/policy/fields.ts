/**
 * The settings of the `release` section as layers see them, part by part (steps, metrics,
 * approvers, score, limits): flat field names (`minDuration`, `limit.max`), their defaults,
 * the name a `locked` list gives each, what a new entry must state, and when a new value
 * loosens the old one. Locks on the section are enforced from this one table.
 */
import { DEFAULT_APPROVER_ROLE, parseDuration } from './types.js';

/** The parts of the section, in the order the section is written and explained. */
export const PARTS = ['steps', 'metrics', 'approvers', 'score', 'limits'] as const;
export type Part = (typeof PARTS)[number];
/** Parts that are lists of entries, each with a key. */
export type ListPart = Extract<Part, 'steps' | 'metrics' | 'approvers'>;

/** How layering treats one field. */
export interface ReleaseField {
  /** The name a `locked: [...]` list gives the field (`limit` for limit.max and limit.min). */
  group: string;
  /**
   * True when changing `prev` to `next` (null: removed) lets through a canary the old value
   * held back. Absent: the field has no "tighter", so a lock keeps it as it is.
   */
  loosens?: (prev: unknown, next: unknown) => boolean;
}

/** One part of the section. */
export interface PartSpec {
  part: Part;
  /** What an entry is called in messages. */
  noun: string;
  /** The key that names an entry of a list part. */
  key?: 'id' | 'name';
  /** Keys of nested blocks: block name to its keys (`approvals` to min, of, role). */
  blocks: Readonly<Record<string, readonly string[]>>;
  fields: Readonly<Record<string, ReleaseField>>;
  /** Fields a new entry must state. */
  required: readonly string[];
  /** Names a `locked` list may give on an entry; empty: only `locked: true`. */
  lockable: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
/** Lower is looser (a score, a minimum); a value that was not set cannot be loosened. */
const lowered = (prev: unknown, next: unknown): boolean => num(prev) !== undefined && (num(next) ?? -Infinity) < num(prev)!;
/** Higher is looser (a tolerance, a maximum, a count tolerated); removing it is the loosest. */
const raised = (prev: unknown, next: unknown): boolean => num(prev) !== undefined && (num(next) ?? Infinity) > num(prev)!;
/** Later in `order` is stricter. */
const rank = (order: readonly unknown[]) => (prev: unknown, next: unknown) => order.indexOf(next) < order.indexOf(prev);
const shorter = (prev: unknown, next: unknown): boolean => (parseDuration(String(next)) ?? 0) < (parseDuration(String(prev)) ?? 0);
const enabled = rank([false, true]);

/** Effective approvals of a step, as the combined check below reads them. */
export interface ApprovalsView {
  min?: number;
  of?: string[];
  role?: string;
}

/**
 * Approvals are judged as one requirement: removing them, fewer of them, anyone added to
 * `of`, or a change between `of` and `role` or of the role loosens them (a role's holders are
 * not comparable with named people). Approvals where there were none tighten.
 */
export function approvalsLoosen(prev: ApprovalsView | undefined, next: ApprovalsView | undefined): boolean {
  if (!prev?.min) return false;
  if (!next?.min || next.min < prev.min) return true;
  if (prev.of) return !next.of || next.of.some((who) => !prev.of!.includes(who));
  return next.of !== undefined || (next.role ?? DEFAULT_APPROVER_ROLE) !== (prev.role ?? DEFAULT_APPROVER_ROLE);
}

const STEP: PartSpec = {
  part: 'steps',
  noun: 'step',
  key: 'id',
  blocks: { approvals: ['min', 'of', 'role'] },
  fields: {
    weight: { group: 'weight' },
    minDuration: { group: 'minDuration', loosens: shorter },
    minSamples: { group: 'minSamples', loosens: lowered },
    // Judged together by approvalsLoosen.
    'approvals.min': { group: 'approvals' },
    'approvals.of': { group: 'approvals' },
    'approvals.role': { group: 'approvals' },
    enabled: { group: 'enabled', loosens: enabled },
  },
  required: ['weight'],
  lockable: ['weight', 'minDuration', 'minSamples', 'approvals'],
};

const METRIC: PartSpec = {
  part: 'metrics',
  noun: 'metric',
  key: 'name',
  blocks: { limit: ['max', 'min'] },
  fields: {
    provider: { group: 'provider' },
    query: { group: 'query' },
    kind: { group: 'kind' },
    harmful: { group: 'harmful' },
    'limit.max': { group: 'limit', loosens: raised },
    'limit.min': { group: 'limit', loosens: lowered },
    tolerance: { group: 'tolerance', loosens: raised },
    critical: { group: 'critical', loosens: rank([false, true]) },
    onNoData: { group: 'onNoData', loosens: rank(['pass', 'hold', 'fail']) },
    enabled: { group: 'enabled', loosens: enabled },
  },
  required: ['provider', 'query', 'kind'],
  lockable: ['provider', 'query', 'kind', 'harmful', 'limit', 'tolerance', 'critical', 'onNoData'],
};

const APPROVER: PartSpec = {
  part: 'approvers',
  noun: 'approver',
  key: 'name',
  blocks: {},
  // Taking someone off the list or giving them another role is no tighter: the list says who holds which role.
  fields: { role: { group: 'role' }, enabled: { group: 'enabled', loosens: (a, b) => !same(a, b) } },
  required: ['role'],
  lockable: [],
};

const SCORE: PartSpec = { part: 'score', noun: 'score', blocks: {}, fields: { pass: { group: 'pass', loosens: lowered }, marginal: { group: 'marginal', loosens: lowered } }, required: [], lockable: [] };

const LIMITS: PartSpec = {
  part: 'limits',
  noun: 'limits',
  blocks: {},
  fields: { failed: { group: 'failed', loosens: raised }, inconclusive: { group: 'inconclusive', loosens: raised }, consecutiveErrors: { group: 'consecutiveErrors', loosens: raised } },
  required: [],
  lockable: [],
};

/** Every part by name. */
export const SPECS: Readonly<Record<Part, PartSpec>> = { steps: STEP, metrics: METRIC, approvers: APPROVER, score: SCORE, limits: LIMITS };

/** Values a field has when no layer sets it (`harmful` depends on the kind: see fieldDefault). */
const DEFAULTS: Readonly<Record<Part, Readonly<Record<string, unknown>>>> = {
  steps: { minDuration: '0s', minSamples: 0, enabled: true },
  metrics: { critical: false, onNoData: 'hold', enabled: true },
  approvers: { enabled: true },
  score: { pass: 95, marginal: 75 },
  limits: { failed: 0, inconclusive: 2, consecutiveErrors: 3 },
};

/** The default of `field` in `part`, given the entry's other fields. */
export function fieldDefault(part: Part, field: string, fields: ReadonlyMap<string, unknown>): unknown {
  if (part === 'metrics' && field === 'harmful') return fields.get('kind') === 'business' ? 'decrease' : 'increase';
  return DEFAULTS[part][field];
}

/** A value as messages show it. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return String(v);
}
