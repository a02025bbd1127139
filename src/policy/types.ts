/**
 * The policy model after loading and layering. The YAML form is described by
 * schemas/policy.schema.json; this is what the gate engine consumes.
 */
import type { ReleasePolicy } from '../release/policy/types.js';

export type { ReleasePolicy };

export const PHASES = ['requirements', 'design', 'implementation', 'testing', 'release'] as const;
export type Phase = (typeof PHASES)[number];

export const TIERS = ['strategic', 'operational', 'innovation'] as const;
export type Tier = (typeof TIERS)[number];

export const OPERATORS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type Operator = (typeof OPERATORS)[number];

/** What a failing rule does to the gate. */
export type Severity = 'fail' | 'warn';
/** `new` evaluates the new-code counterpart of a metric (e.g. coverage.line → coverage.newLine). */
export type Scope = 'overall' | 'new';
/** What missing evidence means for a rule; `fail` (fail closed) is the default. */
export type OnMissing = 'fail' | 'warn' | 'pass';
/**
 * What a metric rule does when its metric has nothing to judge (the evidence lists it as not
 * applicable, e.g. new-code coverage of a change that adds no instrumented line): `pass` (the
 * default) gives the rule status `n/a`; `warn` a warning; `fail` counts the rule as not met,
 * so its severity applies.
 */
export type OnNothingToJudge = 'pass' | 'warn' | 'fail';

/** Where a value of the effective policy was set. */
export interface SourceRef {
  file: string;
  line: number;
  col: number;
  /** The layer that set it: `tier:strategic`, or the policy file's path for org/project layers. */
  layer: string;
}

interface RuleBase {
  id: string;
  phase: Phase;
  severity: Severity;
  scope: Scope;
  onMissing: OnMissing;
  /** A locked rule may be tightened by later layers but never loosened, disabled or removed. */
  locked: boolean;
  /** False when no waiver may ever apply to this rule (e.g. security on every tier). */
  waivable: boolean;
  description?: string;
  /** One line telling a developer how to make the rule pass. */
  hint?: string;
  /** Where the rule's deciding value (threshold, requirement) was last set. */
  source: SourceRef;
  /** Every layer that defined or changed this rule, outermost (built-in) first. */
  layers: string[];
}

export interface MetricRule extends RuleBase {
  kind: 'metric';
  metric: string;
  operator: Operator;
  threshold: number;
  onNothingToJudge: OnNothingToJudge;
}

export interface DocumentRule extends RuleBase {
  kind: 'document';
  /** Document kind, e.g. `requirements`, `design`, `security-assessment`, `rollback-plan`. */
  docKind: string;
  /** Globs (relative to the repository root) the documents must match. */
  paths: string[];
  /** Roles that must each have signed off every matching document. */
  signoff: string[];
  /** Document kinds this document answers: it must be newer than each of them. */
  newerThan: string[];
}

export interface FreezeRule extends RuleBase {
  kind: 'freeze';
  /** Globs of frozen files (usually the requirement documents). */
  paths: string[];
  /** ISO date (YYYY-MM-DD); changes on or after this day need an approved change request. */
  date: string;
  /** Roles any of whom may approve a change request; empty means any approver. */
  approvers: string[];
  /** A label on the change that also counts as an approved change request. */
  label?: string;
}

export interface ApprovalRule extends RuleBase {
  kind: 'approval';
  minApprovals: number;
  /** Each role must be held by at least one approver. */
  roles: string[];
  /** Each team must have at least one approving member. */
  teams: string[];
}

export type Rule = MetricRule | DocumentRule | FreezeRule | ApprovalRule;

export interface Waiver {
  rule: string;
  /** Optional: waive one finding (evidence item id) instead of the whole rule. */
  finding?: string;
  reason: string;
  owner: string;
  approvers: string[];
  /** ISO date (YYYY-MM-DD); the waiver applies through the end of that day (UTC). */
  expires: string;
  source: SourceRef;
}

/**
 * `settings.size` after layering: which languages count as code besides the defaults, and
 * which paths code size also leaves out (docs/evidence.md, Code size).
 */
export interface SizeSettings {
  languages: {
    /** cloc language names (cloc's spelling) counted although data or docs by default. */
    include: string[];
    /** cloc language names not counted although code by default. */
    exclude: string[];
  };
  /** Path globs, relative to the source root, left out besides the built-in ones. */
  exclude: string[];
}

export interface LayerInfo {
  /** `tier:strategic` or the policy file's path. */
  name: string;
  file: string;
}

/** A lock on the release section or on one of its entries. */
export interface ReleaseLock {
  /** `release` (the section; `fields` then names parts) or an entry: `release.metrics[0]`. */
  path: string;
  /** `all`, or the names the lock lists. */
  fields: 'all' | string[];
  source: SourceRef;
}

/** Where each setting of the effective release section was set, and the locks on it. */
export interface ReleaseSources {
  /**
   * By path, steps in their effective order and keys as written in YAML
   * (`release.steps[0].minDuration`, `release.score.pass`): where the value was last set. A
   * setting that is not listed has its default.
   */
  values: Record<string, SourceRef>;
  /** The locks in force: the section's, then each entry's (in effective order), each in the order set. */
  locks: ReleaseLock[];
}

export interface EffectivePolicy {
  /** Name of the outermost policy (the project's, usually). */
  name: string;
  tier: Tier | null;
  /** Layers in application order: built-in tier first, project last. */
  layers: LayerInfo[];
  rules: Rule[];
  waivers: Waiver[];
  settings: {
    /** A waiver expiring within this many days gives a warning. */
    waiverWarningDays: number;
    /** What code size counts; absent when no layer sets `settings.size`. */
    size?: SizeSettings;
    /** Window of DORA and test analytics, days back from the as-of time; absent when no layer sets it (30). */
    doraWindowDays?: number;
    /** The base branch new test failures are compared with; absent when no layer sets it (`main`). */
    baseBranch?: string;
  };
  /** The rollout policy of the gray-release gate, merged across the layers (docs/release-gate.md). */
  release?: ReleasePolicy;
  /** Where each release setting was set, and the locks on the section; present with `release`. */
  releaseSources?: ReleaseSources;
}
