/**
 * History records: what the history store keeps (schemas/records.schema.json). Every record
 * has a client-made `id` so a retried write never duplicates it, a `project`, a `time`
 * (ISO-8601, UTC) and a `kind`.
 */
import type { DecisionRecord } from '../release/record/types.js';

export const RECORD_SCHEMA_VERSION = 1;

export const RECORD_KINDS = ['run', 'verdict', 'deployment', 'incident', 'workitem', 'plan', 'decision', 'approval'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

interface RecordBase {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  /** Unique and stable: a UUID, or a digest of what identifies the fact (e.g. project/pipeline/build). */
  id: string;
  project: string;
  /** When the fact happened (ISO-8601 UTC), not when it was recorded. */
  time: string;
}

/** The outcome of one test in one run, for test analytics across runs. */
export interface TestRun {
  /** Stable test id (`suite::classname::name`). */
  id: string;
  outcome: 'passed' | 'failed' | 'errored' | 'skipped' | 'flaky';
  /** Seconds. */
  duration?: number;
}

/** One pipeline run (build) with the metrics of its evidence. */
export interface RunRecord extends RecordBase {
  kind: 'run';
  pipeline: string;
  buildId: string;
  commit: string;
  branch: string;
  metrics: Record<string, number>;
  /** Per-test outcomes; optional (large suites may record only failures and flaky tests). */
  tests?: TestRun[];
}

/** A phase gate's verdict, as recorded after `phasegate gate`. */
export interface VerdictRecord extends RecordBase {
  kind: 'verdict';
  phase: 'requirements' | 'design' | 'implementation' | 'testing' | 'release';
  status: 'pass' | 'warn' | 'fail';
  policy: string;
  /** The policy's tier, when it has one (portfolio reports show it). */
  tier?: 'strategic' | 'operational' | 'innovation';
  commit?: string;
  buildId?: string;
  /** Rule id → outcome (`n/a`: nothing to judge; absent from records written before it existed). */
  rules: Record<string, 'pass' | 'warn' | 'fail' | 'waived' | 'error' | 'n/a'>;
}

/** A commit a deployment brought to its environment. */
export interface DeployedCommit {
  sha: string;
  /** When it was committed (ISO-8601 UTC). */
  time: string;
}

/** A deployment to an environment (production counts for DORA). */
export interface DeploymentRecord extends RecordBase {
  kind: 'deployment';
  environment: string;
  version: string;
  commit: string;
  /** When the earliest commit in this deployment was made (ISO); lead time from it when `commits` is absent (older records). */
  commitTime?: string;
  /** Every commit this deployment brought, with its time (ISO): lead time for changes is the median over them. */
  commits?: DeployedCommit[];
  status: 'success' | 'failed' | 'rolled_back';
}

/** A production incident; `deployment` names the deployment that caused it, if any. */
export interface IncidentRecord extends RecordBase {
  kind: 'incident';
  severity: 'critical' | 'major' | 'minor';
  /** `time` is when it started; `resolved` when service was restored. */
  resolved?: string;
  deployment?: string;
}

/** A work item's state change (the latest record per itemId wins). */
export interface WorkItemRecord extends RecordBase {
  kind: 'workitem';
  itemId: string;
  title?: string;
  type: 'feature' | 'requirement' | 'defect' | 'task';
  state: 'open' | 'in-progress' | 'done';
  phase?: 'requirements' | 'design' | 'implementation' | 'testing' | 'release';
  /** Relative size for throughput-based forecasts; 1 when absent. */
  weight?: number;
  /** Percent of the work done (0 to 100), for the percent-complete earning method. */
  percentComplete?: number;
  /** For defects: severity. */
  severity?: 'critical' | 'high' | 'medium' | 'low';
}

/** A snapshot of the plan file when it changed, so history shows re-baselines. */
export interface PlanRecord extends RecordBase {
  kind: 'plan';
  digest: string;
  plan: unknown;
}

/**
 * A release decision record (schemas/decision.schema.json), hash-chained per project and
 * rollout. `id`, `project` and `time` repeat the record's own; written by src/release/record.
 */
export interface DecisionHistoryRecord extends RecordBase {
  kind: 'decision';
  record: DecisionRecord;
}

/** A release manager's approval of a rollout step; the policy decides whether it counts. */
export interface ApprovalRecord extends RecordBase {
  kind: 'approval';
  rollout: string;
  step: number;
  who: string;
  /** The role the approver claimed; the policy's approvers list is what counts. */
  role: string;
  commit: string;
}

export type HistoryRecord = RunRecord | VerdictRecord | DeploymentRecord | IncidentRecord | WorkItemRecord | PlanRecord | DecisionHistoryRecord | ApprovalRecord;
