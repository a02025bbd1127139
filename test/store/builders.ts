/** Record builders for the store tests: valid records with only what a test cares about given. */
import type { DeploymentRecord, HistoryRecord, PlanRecord, RunRecord, VerdictRecord, WorkItemRecord } from '../../src/store/records.js';

const base = (id: string, project: string, time: string) => ({ schemaVersion: 1 as const, id, project, time });

/** A run record. */
export function run(id: string, time: string, project = 'acme', extra: Partial<RunRecord> = {}): RunRecord {
  return { ...base(id, project, time), kind: 'run', pipeline: 'ci', buildId: id, commit: 'abc123', branch: 'main', metrics: { 'tests.total': 10, 'coverage.line': 81.5 }, ...extra };
}

/** A verdict record. */
export function verdict(id: string, time: string, project = 'acme'): VerdictRecord {
  return { ...base(id, project, time), kind: 'verdict', phase: 'testing', status: 'fail', policy: 'p', rules: { 'tests-failed': 'fail', coverage: 'pass' } };
}

/** A deployment record. */
export function deployment(id: string, time: string, project = 'acme'): DeploymentRecord {
  return { ...base(id, project, time), kind: 'deployment', environment: 'production', version: '1.2.3', commit: 'abc', commitTime: '2026-01-01T00:00:00.000Z', status: 'success' };
}

/** A work item record. */
export function workitem(id: string, time: string, project = 'acme'): WorkItemRecord {
  return { ...base(id, project, time), kind: 'workitem', itemId: 'REQ-1', type: 'defect', state: 'open', weight: 2.5, severity: 'high', title: '中文 ✓ 😀' };
}

/** A plan record with a nested plan. */
export function plan(id: string, time: string, project = 'acme'): PlanRecord {
  return { ...base(id, project, time), kind: 'plan', digest: 'sha256:00', plan: { phases: [{ name: 'design', days: 5, nested: { ok: true, none: null } }] } };
}

/** One record of every kind, all valid, in `project`, all in January 2026. */
export function oneOfEach(project = 'acme'): HistoryRecord[] {
  return [
    run('r1', '2026-01-02T00:00:00.000Z', project, { tests: [{ id: 's::c::t', outcome: 'flaky', duration: 0.25 }] }),
    verdict('v1', '2026-01-03T00:00:00.000Z', project),
    deployment('d1', '2026-01-04T00:00:00.000Z', project),
    { ...base('i1', project, '2026-01-05T00:00:00.000Z'), kind: 'incident', severity: 'major', resolved: '2026-01-05T02:00:00.000Z', deployment: 'd1' },
    workitem('w1', '2026-01-06T00:00:00.000Z', project),
    plan('p1', '2026-01-07T00:00:00.000Z', project),
  ];
}

/** The ids of records, in order. */
export const ids = (rs: readonly HistoryRecord[]): string[] => rs.map((r) => r.id);
