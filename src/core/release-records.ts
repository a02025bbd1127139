/**
 * The release records an edge writes or reads besides decisions: a release manager's approval
 * (whether it counts is decided at the next look, against the policy) and where a rollout
 * stands. Pure: the edge appends and reads through its store.
 */
import { replay, type RolloutState } from '../release/decision/index.js';
import type { DecisionRecord } from '../release/record/index.js';
import { recordId } from '../store/id.js';
import { RECORD_SCHEMA_VERSION, type ApprovalRecord } from '../store/records.js';

/** Who approved which step of which rollout, at which commit, when. */
export interface ApprovalFacts {
  project: string;
  rollout: string;
  step: number;
  by: string;
  /** The role claimed; the policy's approvers decide what counts. */
  role: string;
  commit: string;
  time: Date;
}

/** The approval's record; its id is the same for the same person, step and commit, so a repeat adds nothing. */
export function approvalRecord(f: ApprovalFacts): ApprovalRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'approval',
    id: recordId(f.project, 'approval', f.rollout, String(f.step), f.by, f.commit),
    project: f.project,
    time: f.time.toISOString(),
    rollout: f.rollout,
    step: f.step,
    who: f.by,
    role: f.role,
    commit: f.commit,
  };
}

/** Where a rollout stands after its decisions (oldest first): state, count, last decision, chain head. */
export interface RolloutStatus {
  state: RolloutState;
  decisions: number;
  last: Pick<DecisionRecord, 'decision' | 'step' | 'time' | 'reasons'>;
  head: string;
}

/** The status of a rollout with at least one decision; `steps` is the policy's step count when known. */
export function rolloutStatus(history: readonly DecisionRecord[], steps?: number): RolloutStatus | undefined {
  const last = history.at(-1);
  if (!last) return undefined;
  return { state: replay(history, steps ?? last.step + 2), decisions: history.length, last: { decision: last.decision, step: last.step, time: last.time, reasons: last.reasons }, head: last.hash };
}
