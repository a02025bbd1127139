/** Reads what the KPI commands need: the project's history, the plan and the defects file. */
import { existsSync } from 'node:fs';
import { readProjectHistory, type ProjectHistory } from '../core/history.js';
import { loadDefectsFile, loadPlanFile } from '../metrics/index.js';
import { openStore } from '../store/open.js';
import type { StoreWarning } from '../store/port.js';

export interface HistoryFlags {
  store: string;
  project: string;
  plan?: string;
  defects?: string;
}

/** The plan named by --plan, else .phasegate/plan.yaml when it exists. */
function planFile(flag: string | undefined): string | undefined {
  if (flag) return flag;
  return existsSync('.phasegate/plan.yaml') ? '.phasegate/plan.yaml' : undefined;
}

/** Loads plan and defects first (cheap, and their errors name lines), then the history (core/history.ts). */
export async function readHistory(f: HistoryFlags): Promise<ProjectHistory & { warnings: StoreWarning[] }> {
  const file = planFile(f.plan);
  const plan = file ? loadPlanFile(file) : undefined;
  const defects = f.defects ? loadDefectsFile(f.defects) : undefined;
  const store = await openStore(f.store);
  try {
    return await readProjectHistory(store, f.project, { ...(plan ? { plan } : {}), ...(defects ? { defects } : {}) });
  } finally {
    await store.close();
  }
}

/** Store warnings (torn or corrupt lines skipped) go to stderr: reported, never fatal. */
export function reportStoreWarnings(warnings: readonly StoreWarning[]): void {
  for (const w of warnings) process.stderr.write(`phasegate: warning: ${w.where}: ${w.message}\n`);
}
