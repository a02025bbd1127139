/**
 * The rollout policy of the gray-release gate: the `release` section of a policy file
 * (schemas/policy.schema.json), after defaults are applied. Reference: docs/release-gate.md.
 */

/** What a metric measures; decides the default harmful direction. */
export type ReleaseMetricKind = 'error-ratio' | 'latency' | 'count' | 'business';
/** What no usable data (empty series, provider down, NaN, clock skew) means for a metric. */
export type OnNoData = 'hold' | 'fail' | 'pass';

/** One metric compared between canary and baseline. */
export interface ReleaseMetric {
  name: string;
  provider: 'prometheus' | 'file';
  query: string;
  kind: ReleaseMetricKind;
  /** The harmful direction of change. */
  harmful: 'increase' | 'decrease';
  /** Absolute limits on the canary value (e.g. error ratio max 0.01, p99 max 500). */
  limit: { max?: number; min?: number };
  /** Tolerated relative change against the baseline in the harmful direction (0.1 = 10 %); undefined: not checked. */
  tolerance?: number;
  /** A failing critical metric rolls the rollout back at once. */
  critical: boolean;
  onNoData: OnNoData;
}

/** Approvals needed to promote out of a step: `min` of the people in `of`, or of approvers holding `role`. */
export interface StepApprovals {
  min: number;
  /** Named approvers; when set, only they count. */
  of?: string[];
  /** The role an approver must hold (default `release-manager`) when `of` is not set. */
  role: string;
}

/** One traffic step. */
export interface ReleaseStep {
  /** The step's id, when the policy names it (a later layer changes a step by its id). */
  id?: string;
  /** Percent of traffic on the canary. */
  weight: number;
  /** Milliseconds the step must last before it may be promoted. */
  minDurationMs: number;
  /** Fewest observations per series (canary and baseline) before the step may be promoted. */
  minSamples: number;
  approvals?: StepApprovals;
}

/** The effective rollout policy. */
export interface ReleasePolicy {
  steps: ReleaseStep[];
  metrics: ReleaseMetric[];
  score: { pass: number; marginal: number };
  /** How many failed or inconclusive checks per step, and consecutive checks without data, are tolerated. */
  limits: { failed: number; inconclusive: number; consecutiveErrors: number };
  approvers: { name: string; role: string }[];
}

/** The role approvals need when a step names no `of` and no `role`. */
export const DEFAULT_APPROVER_ROLE = 'release-manager';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a duration such as `10m`, `1h30m`, `500ms`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT_MS[unit!]!;
  return total;
}
