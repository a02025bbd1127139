/** Public API of decision records: build, hash, append to and read from the history store, verify chains. */
export { buildDecisionRecord, type RecordContext } from './build.js';
export { isKeyed, recordHash } from './hash.js';
export { MAX_REASON_CHARS, redactDecision } from './redact.js';
export { keyId, recordKeyFromEnv, recordKeyOf, type RecordKey } from './key.js';
export { appendDecision, decisionHistoryRecord, decisionProblems, readDecisions } from './store.js';
export { verifyChain, type ChainAnchor, type ChainReport, type VerifyOptions } from './verify.js';
export { DECISION_SCHEMA_VERSION, type ChainProblem, type DecisionRecord } from './types.js';
export { assertIntact, storeProblems, type IntactInput } from './intact.js';
