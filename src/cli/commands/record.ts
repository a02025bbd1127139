/**
 * `phasegate record run|deployment|incident|workitem|plan`: append facts to the history store.
 * The records are built by core/records.ts (ids derived from what identifies each fact, so
 * recording the same build twice never duplicates it); this edge reads files and appends.
 */
import { deploymentRecord, incidentRecord, planRecord, runRecords, workItemRecord, type WorkItemFacts } from '../../core/records.js';
import { readEvidenceFile } from '../../evidence/index.js';
import { openStore } from '../../store/open.js';
import type { HistoryRecord } from '../../store/records.js';
import { readVerdictFile } from '../verdict-input.js';

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
  const bundle = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const verdicts = (opts.verdict ?? []).map(readVerdictFile);
  const records = runRecords({ ...opts, time: opts.time ?? new Date() }, bundle, verdicts);
  const what = `run ${opts.pipeline}#${opts.build}${verdicts.length ? ` and ${verdicts.length} verdict${verdicts.length === 1 ? '' : 's'}` : ''}`;
  return appendAll(opts, records, what);
}

export interface DeploymentOptions extends StoreOptions {
  environment: string;
  version: string;
  commit: string;
  commitTime?: Date;
  /** File listing the deployment's commits with their times (`SHA TIME` a line). */
  commits?: string;
  status: 'success' | 'failed' | 'rolled_back';
  id?: string;
}

/** `record deployment`. */
export async function recordDeployment(opts: DeploymentOptions): Promise<number> {
  const commits = opts.commits === undefined ? undefined : (await import('../../metrics/deploy-commits.js')).loadDeployCommits(opts.commits);
  const rec = deploymentRecord({ ...opts, commits, time: opts.time ?? new Date() });
  return appendAll(opts, [rec], `deployment ${rec.id} (${opts.environment} ${opts.version}, ${opts.status})`);
}

export interface IncidentOptions extends StoreOptions {
  severity: 'critical' | 'major' | 'minor';
  resolved?: Date;
  deployment?: string;
  id?: string;
}

/** `record incident`: when it started (`--time`), when service was restored, which deployment caused it. */
export async function recordIncident(opts: IncidentOptions): Promise<number> {
  const rec = incidentRecord({ ...opts, time: opts.time ?? new Date() });
  return appendAll(opts, [rec], `incident ${rec.id} (${opts.severity})`);
}

export type WorkItemOptions = StoreOptions & Omit<WorkItemFacts, 'project' | 'time'>;

/** `record workitem`: one state change of a work item (the latest per item wins). */
export async function recordWorkItem(opts: WorkItemOptions): Promise<number> {
  return appendAll(opts, [workItemRecord({ ...opts, time: opts.time ?? new Date() })], `work item ${opts.item} (${opts.state})`);
}

export interface PlanOptions extends StoreOptions {
  plan: string;
}

/** `record plan`: a snapshot of the plan file, so KPIs and portfolio reports can use it from the store. */
export async function recordPlan(opts: PlanOptions): Promise<number> {
  const { loadPlanFile } = await import('../../metrics/index.js');
  const rec = planRecord({ project: opts.project, time: opts.time ?? new Date(), plan: loadPlanFile(opts.plan) });
  return appendAll(opts, [rec], `plan ${opts.plan} (${rec.digest.slice(0, 12)})`);
}
