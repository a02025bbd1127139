/** Builds the next decision record of a rollout's chain from a step decision (pure). */
import { PhasegateError } from '../../errors.js';
import { recordId } from '../../store/id.js';
import type { StepDecision } from '../decision/types.js';
import { recordHash } from './hash.js';
import { redactDecision } from './redact.js';
import type { RecordKey } from './key.js';
import { DECISION_SCHEMA_VERSION, type DecisionRecord } from './types.js';

/** What identifies a decision besides the decision itself. */
export interface RecordContext {
  project: string;
  rollout: string;
  /** The effective policy's name and `policyDigest`. */
  policy: { name: string; digest: string };
  /** Canary weight of the step judged. */
  weight: number;
  commit?: string;
  /** The record key: the record's hash is then an HMAC-SHA256 (`alg: hmac-sha256`, `keyId`). */
  key?: RecordKey;
}

/**
 * The record of `decision`, chained after `prev` (the rollout's latest record; undefined for
 * the first). Throws a PhasegateError when `prev` belongs to another chain or is later than
 * the decision (a clock running backwards would make the store's order disagree with the chain),
 * or when `prev` is keyed and `ctx.key` is not (a keyed chain never continues unkeyed).
 * Messages are stored as redacted excerpts (redactDecision); redact with the run's known
 * secrets first (the CLI does) to remove those too.
 */
export function buildDecisionRecord(ctx: RecordContext, given: StepDecision, prev?: DecisionRecord): DecisionRecord {
  const decision = redactDecision(given);
  if (prev && (prev.project !== ctx.project || prev.rollout !== ctx.rollout)) {
    throw new PhasegateError({ message: `previous decision ${prev.id} belongs to ${prev.project}/${prev.rollout}, not ${ctx.project}/${ctx.rollout}` });
  }
  if (prev && decision.time <= prev.time) {
    throw new PhasegateError({ message: `decision time ${decision.time} is not after the previous decision's ${prev.time} (clock skew?); pass a later time` });
  }
  if (prev?.alg === 'hmac-sha256' && !ctx.key) {
    throw new PhasegateError({ message: `the decisions of ${ctx.project}/${ctx.rollout} are keyed (key id ${prev.keyId ?? 'none'}) and no record key is set; set PHASEGATE_RECORD_KEY or PHASEGATE_RECORD_KEY_FILE` });
  }
  const seq = (prev?.seq ?? 0) + 1;
  const content: Omit<DecisionRecord, 'hash'> = {
    schemaVersion: DECISION_SCHEMA_VERSION,
    id: recordId(ctx.project, 'decision', ctx.rollout, String(seq)),
    project: ctx.project,
    rollout: ctx.rollout,
    seq,
    time: decision.time,
    ...(ctx.commit === undefined ? {} : { commit: ctx.commit }),
    policy: { ...ctx.policy },
    step: decision.step,
    weight: ctx.weight,
    nextStep: decision.nextStep,
    decision: decision.decision,
    check: decision.check,
    score: decision.score,
    reasons: decision.reasons.map((r) => ({ ...r })),
    metrics: decision.metrics.map((m) => ({ ...m })),
    approvals: decision.approvals.map((a) => ({ ...a })),
    prev: prev?.hash ?? null,
    ...(ctx.key ? { alg: 'hmac-sha256' as const, keyId: ctx.key.id } : { alg: 'sha256' as const }),
  };
  return { ...content, hash: recordHash(content, ctx.key) };
}
