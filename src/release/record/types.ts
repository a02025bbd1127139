/**
 * The decision record (schemas/decision.schema.json): one step decision with everything needed
 * to audit it later — the policy digest, the digests of the data used, the statistics, the
 * approvals — hash-chained to the rollout's previous decision.
 */
import type { CheckOutcome, MetricRow, Reason, StepDecision } from '../decision/types.js';

/** Version of the decision record format. */
export const DECISION_SCHEMA_VERSION = 1;

/** One decision, as stored. */
export interface DecisionRecord {
  schemaVersion: typeof DECISION_SCHEMA_VERSION;
  /** `recordId(project, 'decision', rollout, seq)`: a retried append of the same decision is a no-op. */
  id: string;
  project: string;
  /** One hash chain per project and rollout. */
  rollout: string;
  /** Position in the chain, from 1. */
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  time: string;
  commit?: string;
  policy: { name: string; digest: string };
  step: number;
  /** Canary traffic weight of the step judged. */
  weight: number;
  nextStep: number | null;
  decision: StepDecision['decision'];
  check: CheckOutcome;
  score: number | null;
  reasons: Reason[];
  /** The statistics and the data digests, one row per metric. */
  metrics: MetricRow[];
  approvals: StepDecision['approvals'];
  /** `hash` of the previous record of the chain; null for the first. */
  prev: string | null;
  /** How `hash` is made: absent (records before keying) or `sha256` = plain sha256; `hmac-sha256` = keyed. */
  alg?: 'sha256' | 'hmac-sha256';
  /** Keyed records: the id of the record key (src/release/record/key.ts), never the key. */
  keyId?: string;
  /** sha256 or HMAC-SHA256 (hex, as `alg` says) of stableJson of this record without `hash`. */
  hash: string;
}

/** What verifyChain finds wrong with one record. */
export interface ChainProblem {
  /** The record's id (for `removed`: the record after the gap, or the anchor hash). */
  id: string;
  problem: 'edited' | 'removed' | 'reordered' | 'broken-link' | 'unkeyed' | 'store';
  message: string;
}
