/** Public API of the release decision: decideStep, the Judge contract and its default, the rollout state machine. */
export { decideStep } from './decide.js';
export { INITIAL_STATE, replay, stepStartOf, transition, type RolloutState, type Transition } from './state.js';
export { judgeApprovals, type ApprovalResult } from './approvals.js';
export { REASON_CODES } from './types.js';
export type { Approval, CheckOutcome, Classification, DataFailure, DecideInput, Judge, MetricData, MetricInput, MetricJudgement, MetricRow, Reason, ReasonCode, StepDecision } from './types.js';
export { describeLook, formatDuration, planLook, type LookPlan } from './look.js';
