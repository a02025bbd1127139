/** Hand-built history records for the metrics tests. */
import type { DeploymentRecord, IncidentRecord, RunRecord, TestRun, VerdictRecord, WorkItemRecord } from '../../src/store/records.js';

export const PROJECT = 'acme-payments';
const base = (id: string, time: string) => ({ schemaVersion: 1 as const, id, project: PROJECT, time });

export function run(id: string, time: string, over: Partial<RunRecord> = {}): RunRecord {
  return { ...base(id, time), kind: 'run', pipeline: 'ci', buildId: id, commit: 'c0ffee0', branch: 'main', metrics: {}, ...over };
}

export const t = (id: string, outcome: TestRun['outcome'], duration?: number): TestRun => (duration === undefined ? { id, outcome } : { id, outcome, duration });

export function verdict(id: string, time: string, phase: VerdictRecord['phase'], status: VerdictRecord['status']): VerdictRecord {
  return { ...base(id, time), kind: 'verdict', phase, status, policy: PROJECT, rules: {} };
}

export function item(id: string, time: string, itemId: string, state: WorkItemRecord['state'], over: Partial<WorkItemRecord> = {}): WorkItemRecord {
  return { ...base(id, time), kind: 'workitem', itemId, type: 'task', state, ...over };
}

export function deploy(id: string, time: string, over: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return { ...base(id, time), kind: 'deployment', environment: 'production', version: id, commit: 'abc1234', status: 'success', ...over };
}

export function incident(id: string, time: string, over: Partial<IncidentRecord> = {}): IncidentRecord {
  return { ...base(id, time), kind: 'incident', severity: 'major', ...over };
}
