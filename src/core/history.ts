/**
 * A project's history as every edge reads it: the records of one project from an open store,
 * with the plan (a given one, else the latest `record plan` snapshot) and the defects export.
 * The caller opens and closes the store (file, PostgreSQL, or whatever an edge supplies).
 */
import type { Defect, Plan } from '../metrics/types.js';
import type { HistoryStore, StoreWarning } from '../store/port.js';
import type { HistoryRecord, RunRecord } from '../store/records.js';
import { runRecordId } from './records.js';

export interface ProjectHistory {
  project: string;
  records: HistoryRecord[];
  plan?: Plan;
  defects?: Defect[];
}

/** A pipeline run as `record run` and collect-metrics record it; with the project, its record's id (runRecordId). */
export interface RunRef {
  pipeline: string;
  build: string;
}

/** The record of `run` in the project's history, when the run was recorded. */
export function recordedRun(history: Pick<ProjectHistory, 'project' | 'records'>, run: RunRef): RunRecord | undefined {
  const id = runRecordId(history.project, run.pipeline, run.build);
  return history.records.find((r): r is RunRecord => r.kind === 'run' && r.id === id);
}

/** The plan of the latest `record plan` snapshot, when no plan file is given. */
export function latestPlan(records: readonly HistoryRecord[]): Plan | undefined {
  const plans = records.filter((r) => r.kind === 'plan');
  return plans.at(-1)?.plan as Plan | undefined;
}

/** Reads `project` from `store`; `given` plan and defects win over what the store holds. */
export async function readProjectHistory(
  store: HistoryStore,
  project: string,
  given: { plan?: Plan; defects?: Defect[] } = {},
): Promise<ProjectHistory & { warnings: StoreWarning[] }> {
  const records = await store.query({ project });
  const plan = given.plan ?? latestPlan(records);
  return { project, records, ...(plan ? { plan } : {}), ...(given.defects ? { defects: given.defects } : {}), warnings: store.warnings() };
}
