/**
 * The inputs and output of one step decision of the gray-release gate. Everything is plain
 * data: the metrics come already fetched (and hashed) by a provider, the time is passed in.
 */
import type { ReleaseMetric, ReleasePolicy } from '../policy/types.js';

/** Why a provider gave no usable series (the MetricProvider failure reasons). */
export type DataFailure = 'no-data' | 'unreachable' | 'timeout' | 'bad-response' | 'clock-skew' | 'nan';

/** One fetched series: its samples and the provider's digest of the data, or why there is none. */
export type MetricData =
  | {
      ok: true;
      samples: readonly number[];
      /** sha256 (or another stable digest) of the data as fetched, recorded in the decision record. */
      digest: string;
      /** Where it came from (query URL, file path), for the record. */
      source?: string;
      /** Observations behind the samples (e.g. requests behind a ratio); default samples.length. */
      count?: number;
    }
  | { ok: false; reason: DataFailure; message: string };

/** The data of one policy metric, for the canary and the baseline. */
export interface MetricInput {
  name: string;
  canary: MetricData;
  baseline: MetricData;
}

/**
 * What a judge concluded about one metric. `no-data` is for series too short or empty to compare.
 * (Records written before issue 12 may also hold `marginal`.)
 */
export type Classification = 'pass' | 'fail' | 'inconclusive' | 'no-data';

/** A judge's verdict on one metric, with the statistics behind it (null where not computed). */
export interface MetricJudgement {
  classification: Classification;
  /** The canary's and the baseline's summary value (mean, ratio, percentile: the judge's choice). */
  canary: number | null;
  baseline: number | null;
  /** Relative change of the canary against the baseline (0.1 = 10 % higher). */
  effect: number | null;
  /** The effect's interval, valid at every look, on the same scale: [low, high] (null: not bounded yet). */
  interval: [number, number] | null;
  /** Always-valid p-value that the harm is within the tolerance (adjusted); null without a tolerance. */
  pValue: number | null;
  /** One line saying why. */
  reason: string;
}

/**
 * Compares canary with baseline for one metric. Called only with non-empty series without NaN;
 * ±Infinity only for kinds that judge it (src/release/judge/kinds.ts: latency). `counts` are the
 * observations behind each series (MetricData.count, default the sample count). Must be pure and
 * deterministic. The interval judge (src/release/judge) is the default.
 */
export type Judge = (metric: ReleaseMetric, canary: readonly number[], baseline: readonly number[], counts: { canary: number; baseline: number }) => MetricJudgement;

/** An approval given for a rollout. Who it is and their role come from the policy's approvers. */
export interface Approval {
  who: string;
  /** ISO-8601 time it was given. */
  time: string;
  /** The commit approved; must be the rollout's commit when the input names one. */
  commit: string;
  /** The step approved (0-based); undefined: any step. */
  step?: number;
}

/** Every reason code a decision may give. */
export const REASON_CODES = [
  'rolled-back', 'completed', 'step-mismatch', 'clock-skew',
  'critical-metric-failed', 'metric-failed', 'failed-limit', 'consecutive-errors', 'inconclusive-limit',
  'no-data', 'provider-error', 'insufficient-samples', 'min-duration', 'metric-inconclusive',
  'approval-missing', 'approval-not-release-manager', 'approval-duplicate', 'approval-wrong-commit', 'approval-wrong-step',
  'no-data-passed', 'look', 'all-checks-passed',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** One reason; `effect` says what it did: forced a rollback, held the step, or only informs. */
export interface Reason {
  code: ReasonCode;
  effect: 'rollback' | 'hold' | 'info';
  message: string;
  metric?: string;
}

/** A row of the per-metric table. */
export interface MetricRow extends Omit<MetricJudgement, 'classification'> {
  metric: string;
  critical: boolean;
  /** `error`: the provider gave no usable data for a reason other than an empty series. */
  classification: Classification | 'error';
  samples: { canary: number; baseline: number };
  /** Provider digests of the data used (null when there was none). */
  data: { canary: string | null; baseline: string | null };
}

/** How a check went as a whole, for the per-step and consecutive limits. */
export type CheckOutcome = 'passed' | 'failed' | 'inconclusive' | 'error' | 'waiting';

/** The decision on the current step. */
export interface StepDecision {
  decision: 'promote' | 'hold' | 'rollback';
  reasons: Reason[];
  metrics: MetricRow[];
  /** Percent of the metrics judged on enough data that passed (0-100); null when none was. Informative only. */
  score: number | null;
  step: number;
  /** The step after a promote (null: the rollout completes); the same step on hold; null on rollback. */
  nextStep: number | null;
  check: CheckOutcome;
  /** ISO time of the decision (the `now` passed in). */
  time: string;
  /** Approvals as judged: who, the role the policy gives them, and whether each counted. */
  approvals: (Approval & { role: string | null; counted: boolean })[];
}

/** Everything one decision needs. */
export interface DecideInput {
  policy: ReleasePolicy;
  /** The step being judged (0-based). */
  step: number;
  metrics: readonly MetricInput[];
  approvals: readonly Approval[];
  /** Milliseconds since the epoch. */
  now: number;
  /** When the rollout started (ms); the first step's start. */
  startedAt: number;
  /** This rollout's earlier decisions, oldest first. */
  history: readonly StepDecision[];
  /** The rollout's commit; approvals for another commit do not count. */
  commit?: string;
  /** The step's error rate for the default judge (default 0.05). */
  alpha?: number;
  /** With windowed looks, the window (0-based) this look is in, for the default judge's levels. */
  window?: number;
}
