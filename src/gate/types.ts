/** The verdict: what `phasegate gate` decides for one phase. Schema: schemas/verdict.schema.json. */
import type { Operator, Phase, Rule, SourceRef, Tier } from '../policy/types.js';

export const VERDICT_SCHEMA_VERSION = 1;

/**
 * A rule's outcome. `n/a`: there was nothing to judge (a new-code metric over zero new lines);
 * it passes with the reason as its message, like `pass` for the gate and the exit code.
 */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'waived' | 'error' | 'n/a';
/** Every rule status, in the order the verdict's `summary` lists them. */
export const RULE_STATUSES: readonly RuleStatus[] = ['pass', 'warn', 'fail', 'waived', 'error', 'n/a'];

/** True for the statuses that pass without a waiver: `pass` and `n/a`. */
export const passes = (s: RuleStatus): boolean => s === 'pass' || s === 'n/a';

/** A summary with every status counted as 0. */
export function emptySummary(): Record<RuleStatus, number> {
  return { pass: 0, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 0 };
}
export type GateStatus = 'pass' | 'warn' | 'fail';

export interface AppliedWaiver {
  rule: string;
  finding?: string;
  reason: string;
  owner: string;
  approvers: string[];
  expires: string;
  source: string;
}

/** An evidence item behind a rule's outcome: a failed test, a finding. */
export interface EvidenceRef {
  id: string;
  title: string;
  level: string;
  file?: string;
  line?: number;
  message?: string;
}

/** At most this many evidence items are listed per rule; `evidenceCount` gives the total. */
export const MAX_EVIDENCE_REFS = 10;

export interface RuleResult {
  id: string;
  kind: Rule['kind'];
  status: RuleStatus;
  severity: Rule['severity'];
  /** The metric read (metric rules), after scope resolution. */
  metric: string | null;
  /** The measured value; null when the evidence was missing or the rule is not numeric. */
  actual: number | string | null;
  operator: Operator | null;
  threshold: number | string | null;
  /** `file:line:col` and layer of the policy text that set the rule. */
  source: SourceRef;
  waiver: AppliedWaiver | null;
  /** What happened, in one sentence. */
  message: string;
  /** How to fix it, in one line (null on pass and n/a). */
  hint: string | null;
  /** For a metric rule that did not pass: the items counted in its metric (failed tests, findings), first few. */
  evidence: EvidenceRef[];
  /** How many items count in the metric in all (may exceed `evidence.length`). */
  evidenceCount: number;
}

export interface WaiverNotice {
  level: 'warn' | 'info';
  rule: string;
  finding?: string;
  state: 'expired' | 'expiring' | 'unused' | 'unapproved';
  expires: string;
  message: string;
  source: string;
}

export interface Verdict {
  schemaVersion: typeof VERDICT_SCHEMA_VERSION;
  phase: Phase;
  tier: Tier | null;
  policy: string;
  /** The evaluation time the verdict was computed for (ISO-8601). */
  now: string;
  status: GateStatus;
  /**
   * How many rules ended in each status; the `n/a` count is the key `"n/a"`, spelled as the
   * status is. Verdicts written before `n/a` existed lack that key (read as 0).
   */
  summary: Record<RuleStatus, number>;
  rules: RuleResult[];
  notices: WaiverNotice[];
}
