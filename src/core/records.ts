/**
 * History records built from what a pipeline knows: a run with its evidence and verdicts, a
 * deployment, an incident, a work item's state change, a plan snapshot. Ids are derived from
 * what identifies each fact, so recording the same build twice (a retried step) never
 * duplicates it. Pure: the edge appends what these return to its store.
 */
import { createHash } from 'node:crypto';
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import { stableJson } from '../io/json.js';
import type { Plan } from '../metrics/types.js';
import { recordId } from '../store/id.js';
import { RECORD_SCHEMA_VERSION, type HistoryRecord, type RunRecord, type TestRun, type VerdictRecord } from '../store/records.js';

export interface RunFacts {
  project: string;
  time: Date;
  pipeline: string;
  build: string;
  commit: string;
  branch: string;
}

/** Failed, errored and flaky tests of the bundle: passes are implied by tests.total. */
function testRuns(bundle: EvidenceBundle): TestRun[] {
  const outcome = (level: string): TestRun['outcome'] | null => (level === 'failed' || level === 'errored' || level === 'flaky' ? level : null);
  return bundle.items.flatMap((i) => {
    const o = i.kind === 'test' ? outcome(i.level) : null;
    return o ? [{ id: i.id, outcome: o }] : [];
  });
}

/** The id of a pipeline run's record: the same project, pipeline and build is the same run. */
export function runRecordId(project: string, pipeline: string, build: string): string {
  return recordId(project, 'run', pipeline, build);
}

/** A pipeline run with its evidence metrics, and one record per gate verdict of the run. */
export function runRecords(facts: RunFacts, evidence?: EvidenceBundle, verdicts: readonly Verdict[] = []): [RunRecord, ...VerdictRecord[]] {
  const base = { schemaVersion: RECORD_SCHEMA_VERSION, project: facts.project, time: facts.time.toISOString() } as const;
  const run: RunRecord = {
    ...base,
    kind: 'run',
    id: runRecordId(facts.project, facts.pipeline, facts.build),
    pipeline: facts.pipeline,
    buildId: facts.build,
    commit: facts.commit,
    branch: facts.branch,
    metrics: evidence?.metrics ?? {},
    ...(evidence ? { tests: testRuns(evidence) } : {}),
  };
  const verdictRecords = verdicts.map((v): VerdictRecord => ({
    ...base,
    kind: 'verdict',
    id: recordId(facts.project, 'verdict', facts.pipeline, facts.build, v.phase),
    phase: v.phase,
    status: v.status,
    policy: v.policy,
    ...(v.tier ? { tier: v.tier } : {}),
    commit: facts.commit,
    buildId: facts.build,
    rules: Object.fromEntries(v.rules.map((r) => [r.id, r.status])),
  }));
  return [run, ...verdictRecords];
}

interface At {
  project: string;
  time: Date;
}

/** A deployment to an environment (DORA: frequency, lead time, change failure rate). */
export function deploymentRecord(f: At & { environment: string; version: string; commit: string; commitTime?: Date; commits?: readonly { sha: string; time: Date }[]; status: 'success' | 'failed' | 'rolled_back'; id?: string }): HistoryRecord {
  const time = f.time.toISOString();
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'deployment',
    id: f.id ?? recordId(f.project, 'deployment', f.environment, f.version, time),
    project: f.project,
    time,
    environment: f.environment,
    version: f.version,
    commit: f.commit,
    status: f.status,
    ...(f.commitTime ? { commitTime: f.commitTime.toISOString() } : {}),
    ...(f.commits?.length ? { commits: f.commits.map((c) => ({ sha: c.sha, time: c.time.toISOString() })) } : {}),
  };
}

/** An incident: when it started (`time`), when service was restored, which deployment caused it. */
export function incidentRecord(f: At & { severity: 'critical' | 'major' | 'minor'; resolved?: Date; deployment?: string; id?: string }): HistoryRecord {
  const time = f.time.toISOString();
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'incident',
    id: f.id ?? recordId(f.project, 'incident', time, f.severity),
    project: f.project,
    time,
    severity: f.severity,
    ...(f.resolved ? { resolved: f.resolved.toISOString() } : {}),
    ...(f.deployment ? { deployment: f.deployment } : {}),
  };
}

export interface WorkItemFacts extends At {
  item: string;
  type: 'feature' | 'requirement' | 'defect' | 'task';
  state: 'open' | 'in-progress' | 'done';
  title?: string;
  phase?: 'requirements' | 'design' | 'implementation' | 'testing' | 'release';
  weight?: number;
  /** Percent of the work done, 0 to 100. */
  percent?: number;
  severity?: 'critical' | 'high' | 'medium' | 'low';
}

/** One state change of a work item (the latest per item wins). */
export function workItemRecord(f: WorkItemFacts): HistoryRecord {
  const time = f.time.toISOString();
  const optional = { title: f.title, phase: f.phase, weight: f.weight, percentComplete: f.percent, severity: f.severity };
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'workitem',
    id: recordId(f.project, 'workitem', f.item, f.state, time),
    project: f.project,
    time,
    itemId: f.item,
    type: f.type,
    state: f.state,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  } as HistoryRecord;
}

/** A snapshot of the plan, identified by its content, so KPIs and portfolio reports can use it from the store. */
export function planRecord(f: At & { plan: Plan }): HistoryRecord & { digest: string } {
  const digest = createHash('sha256').update(stableJson(f.plan)).digest('hex');
  return { schemaVersion: RECORD_SCHEMA_VERSION, kind: 'plan', id: recordId(f.project, 'plan', digest), project: f.project, time: f.time.toISOString(), digest, plan: f.plan };
}
