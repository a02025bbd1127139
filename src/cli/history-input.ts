/** Reads what the KPI commands need: the project's history, the plan and the defects file. */
import { existsSync } from 'node:fs';
import { loadDefectsFile, loadPlanFile, type Defect, type Plan } from '../metrics/index.js';
import { openStore } from '../store/open.js';
import type { HistoryRecord } from '../store/records.js';
import type { StoreWarning } from '../store/port.js';

export interface HistoryFlags {
  store: string;
  project: string;
  plan?: string;
  defects?: string;
}

export interface HistoryInput {
  records: HistoryRecord[];
  plan?: Plan;
  defects?: Defect[];
  warnings: StoreWarning[];
}

/** The plan named by --plan, else .phasegate/plan.yaml when it exists. */
function planFile(flag: string | undefined): string | undefined {
  if (flag) return flag;
  return existsSync('.phasegate/plan.yaml') ? '.phasegate/plan.yaml' : undefined;
}

/** The plan of the latest `record plan` snapshot, when no plan file is given. */
export function latestPlan(records: readonly HistoryRecord[]): Plan | undefined {
  const plans = records.filter((r) => r.kind === 'plan');
  return plans.at(-1)?.plan as Plan | undefined;
}

/** Loads plan and defects first (cheap, and their errors name lines), then the history. */
export async function readHistory(f: HistoryFlags): Promise<HistoryInput> {
  const file = planFile(f.plan);
  const plan = file ? loadPlanFile(file) : undefined;
  const defects = f.defects ? loadDefectsFile(f.defects) : undefined;
  const store = await openStore(f.store);
  try {
    const records = await store.query({ project: f.project });
    return { records, plan: plan ?? latestPlan(records), defects, warnings: store.warnings() };
  } finally {
    await store.close();
  }
}

/** Store warnings (torn or corrupt lines skipped) go to stderr: reported, never fatal. */
export function reportStoreWarnings(warnings: readonly StoreWarning[]): void {
  for (const w of warnings) process.stderr.write(`phasegate: warning: ${w.where}: ${w.message}\n`);
}
