/** Public API of decision records: build, hash, append to and read from the history store, verify chains. */
export { buildDecisionRecord, type RecordContext } from './build.js';
export { recordHash } from './hash.js';
export { MAX_REASON_CHARS, redactDecision } from './redact.js';
export { appendDecision, decisionHistoryRecord, decisionProblems, readDecisions } from './store.js';
export { verifyChain, type ChainAnchor, type ChainReport } from './verify.js';
export { DECISION_SCHEMA_VERSION, type ChainProblem, type DecisionRecord } from './types.js';
