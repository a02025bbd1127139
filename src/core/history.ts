/**
 * A project's history as every edge reads it: the records of one project from an open store,
 * with the plan (a given one, else the latest `record plan` snapshot) and the defects export.
 * The caller opens and closes the store (file, PostgreSQL, or whatever an edge supplies).
 */
import type { Defect, Plan } from '../metrics/types.js';
import type { HistoryStore, StoreWarning } from '../store/port.js';
import type { HistoryRecord } from '../store/records.js';

export interface ProjectHistory {
  project: string;
  records: HistoryRecord[];
  plan?: Plan;
  defects?: Defect[];
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
