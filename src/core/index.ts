/**
 * The core every edge calls: the CLI, the GitHub Actions, the Jenkins steps and the GitHub
 * App each read their inputs, open what they must (files, stores, APIs), call these pure
 * functions, and write what comes back. No edge keeps a copy of this flow.
 */
export { exitCodeFor, gateMetrics, runGate, type GateRequest } from './gate.js';
export { latestPlan, readProjectHistory, type ProjectHistory, type RunRef } from './history.js';
export { deploymentRecord, incidentRecord, planRecord, runRecordId, runRecords, workItemRecord, type RunFacts, type WorkItemFacts } from './records.js';
export { earlierRuns, portfolio, projectReport, type ReportRequest } from './report.js';
export { evaluateRelease, RELEASE_EXIT, releaseRequestProblems, type LocateSetting, type ReleaseLook, type ReleaseLookRequest } from './release.js';
export { approvalRecord, rolloutStatus, type ApprovalFacts, type RolloutStatus } from './release-records.js';
