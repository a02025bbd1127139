/**
 * `phasegate record run|deployment|incident|workitem`: append facts to the history store.
 * Ids are derived from what identifies each fact, so recording the same build twice (a
 * retried pipeline step) never duplicates it.
 */
import { readEvidenceFile } from '../../evidence/index.js';
import type { EvidenceBundle } from '../../evidence/types.js';
import { openStore, recordId } from '../../store/open.js';
import { readVerdictFile } from '../verdict-input.js';
import { RECORD_SCHEMA_VERSION, type HistoryRecord, type RunRecord, type TestRun, type VerdictRecord } from '../../store/records.js';

export interface StoreOptions {
  store: string;
  project: string;
  time?: Date;
}

/** Appends records and reports how many were new. */
async function appendAll(opts: StoreOptions, records: HistoryRecord[], what: string): Promise<number> {
  const store = await openStore(opts.store);
  try {
    const added = await store.append(records);
    const dup = records.length - added;
    process.stdout.write(`recorded ${what} for ${opts.project}${dup ? ` (${dup} already recorded)` : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Failed, errored and flaky tests of the bundle: passes are implied by tests.total. */
function testRuns(bundle: EvidenceBundle): TestRun[] {
  const outcome = (level: string): TestRun['outcome'] | null =>
    level === 'failed' || level === 'errored' || level === 'flaky' ? level : null;
  return bundle.items.flatMap((i) => {
    const o = i.kind === 'test' ? outcome(i.level) : null;
    return o ? [{ id: i.id, outcome: o }] : [];
  });
}

export interface RunOptions extends StoreOptions {
  pipeline: string;
  build: string;
  commit: string;
  branch: string;
  evidence?: string;
  verdict?: string[];
}

/** `record run`: a pipeline run with its evidence metrics and any gate verdicts. */
export async function recordRun(opts: RunOptions): Promise<number> {
  const time = (opts.time ?? new Date()).toISOString();
  const bundle = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const base = { schemaVersion: RECORD_SCHEMA_VERSION, project: opts.project, time } as const;
  const run: RunRecord = {
    ...base,
    kind: 'run',
    id: recordId(opts.project, 'run', opts.pipeline, opts.build),
    pipeline: opts.pipeline,
    buildId: opts.build,
    commit: opts.commit,
    branch: opts.branch,
    metrics: bundle?.metrics ?? {},
  };
  if (bundle) run.tests = testRuns(bundle);
  const verdicts: VerdictRecord[] = (opts.verdict ?? []).map((file) => {
    const v = readVerdictFile(file);
    return {
      ...base,
      kind: 'verdict',
      id: recordId(opts.project, 'verdict', opts.pipeline, opts.build, v.phase),
      phase: v.phase,
      status: v.status,
      policy: v.policy,
      ...(v.tier ? { tier: v.tier } : {}),
      commit: opts.commit,
      buildId: opts.build,
      rules: Object.fromEntries(v.rules.map((r) => [r.id, r.status])),
    };
  });
  const what = `run ${opts.pipeline}#${opts.build}${verdicts.length ? ` and ${verdicts.length} verdict${verdicts.length === 1 ? '' : 's'}` : ''}`;
  return appendAll(opts, [run, ...verdicts], what);
}

export interface DeploymentOptions extends StoreOptions {
  environment: string;
  version: string;
  commit: string;
  commitTime?: Date;
  status: 'success' | 'failed' | 'rolled_back';
  id?: string;
}

/** `record deployment`. */
export async function recordDeployment(opts: DeploymentOptions): Promise<number> {
  const time = (opts.time ?? new Date()).toISOString();
  const id = opts.id ?? recordId(opts.project, 'deployment', opts.environment, opts.version, time);
  const rec: HistoryRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'deployment',
    id,
    project: opts.project,
    time,
    environment: opts.environment,
    version: opts.version,
    commit: opts.commit,
    status: opts.status,
    ...(opts.commitTime ? { commitTime: opts.commitTime.toISOString() } : {}),
  };
  return appendAll(opts, [rec], `deployment ${id} (${opts.environment} ${opts.version}, ${opts.status})`);
}

export interface IncidentOptions extends StoreOptions {
  severity: 'critical' | 'major' | 'minor';
  resolved?: Date;
  deployment?: string;
  id?: string;
}

/** `record incident`: when it started (`--time`), when service was restored, which deployment caused it. */
export async function recordIncident(opts: IncidentOptions): Promise<number> {
  const time = (opts.time ?? new Date()).toISOString();
  const id = opts.id ?? recordId(opts.project, 'incident', time, opts.severity);
  const rec: HistoryRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'incident',
    id,
    project: opts.project,
    time,
    severity: opts.severity,
    ...(opts.resolved ? { resolved: opts.resolved.toISOString() } : {}),
    ...(opts.deployment ? { deployment: opts.deployment } : {}),
  };
  return appendAll(opts, [rec], `incident ${id} (${opts.severity})`);
}

export interface WorkItemOptions extends StoreOptions {
  item: string;
  type: 'feature' | 'requirement' | 'defect' | 'task';
  state: 'open' | 'in-progress' | 'done';
  title?: string;
  phase?: 'requirements' | 'design' | 'implementation' | 'testing' | 'release';
  weight?: number;
  severity?: 'critical' | 'high' | 'medium' | 'low';
}

/** `record workitem`: one state change of a work item (the latest per item wins). */
export async function recordWorkItem(opts: WorkItemOptions): Promise<number> {
  const time = (opts.time ?? new Date()).toISOString();
  const optional = { title: opts.title, phase: opts.phase, weight: opts.weight, severity: opts.severity };
  const rec: HistoryRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'workitem',
    id: recordId(opts.project, 'workitem', opts.item, opts.state, time),
    project: opts.project,
    time,
    itemId: opts.item,
    type: opts.type,
    state: opts.state,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
  return appendAll(opts, [rec], `work item ${opts.item} (${opts.state})`);
}

export interface PlanOptions extends StoreOptions {
  plan: string;
}

/** `record plan`: a snapshot of the plan file, so KPIs and portfolio reports can use it from the store. */
export async function recordPlan(opts: PlanOptions): Promise<number> {
  const { loadPlanFile } = await import('../../metrics/index.js');
  const { stableJson } = await import('../../io/json.js');
  const { createHash } = await import('node:crypto');
  const plan = loadPlanFile(opts.plan);
  const digest = createHash('sha256').update(stableJson(plan)).digest('hex');
  const rec: HistoryRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'plan',
    id: recordId(opts.project, 'plan', digest),
    project: opts.project,
    time: (opts.time ?? new Date()).toISOString(),
    digest,
    plan,
  };
  return appendAll(opts, [rec], `plan ${opts.plan} (${digest.slice(0, 12)})`);
}
