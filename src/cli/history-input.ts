/** Reads what the KPI commands need: the project's history, the plan and the defects file. */
import { existsSync } from 'node:fs';
import { readProjectHistory, type ProjectHistory } from '../core/history.js';
import { loadDefectsFile, loadPlanFile } from '../metrics/index.js';
import { didYouMean } from '../policy/suggest.js';
import { openStore } from '../store/open.js';
import type { HistoryStore, StoreWarning } from '../store/port.js';
import { usage } from './options.js';

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

/** How many project names an unknown-project message lists at most. */
const LISTED_PROJECTS = 5;

/**
 * A --project with no records in the store is a mistake (a typo, the wrong --store), not an
 * empty project: a usage error naming the closest project the store holds, or the ones it holds.
 */
export async function unknownProject(store: HistoryStore, project: string, url: string): Promise<Error> {
  // A database URL may carry a password: only a file store is named by its URL.
  const where = url.startsWith('file:') ? url : '(--store)';
  const known = await store.projects();
  const listed = known.length === 0
    ? `; the store ${where} holds no records yet: record a run first (phasegate record run --project ${project} …)`
    : didYouMean(project, known, `; the store ${where} holds ${known.slice(0, LISTED_PROJECTS).map((p) => `"${p}"`).join(', ')}${known.length > LISTED_PROJECTS ? `, and ${known.length - LISTED_PROJECTS} more` : ''}`);
  return usage(`--project "${project}" has no records in the store ${where}${listed}`);
}

/** Loads plan and defects first (cheap, and their errors name lines), then the history (core/history.ts). */
export async function readHistory(f: HistoryFlags): Promise<ProjectHistory & { warnings: StoreWarning[] }> {
  const file = planFile(f.plan);
  const plan = file ? loadPlanFile(file) : undefined;
  const defects = f.defects ? loadDefectsFile(f.defects) : undefined;
  const store = await openStore(f.store);
  try {
    const history = await readProjectHistory(store, f.project, { ...(plan ? { plan } : {}), ...(defects ? { defects } : {}) });
    if (history.records.length === 0) throw await unknownProject(store, f.project, f.store);
    return history;
  } finally {
    await store.close();
  }
}

/** Store warnings (torn or corrupt lines skipped) go to stderr: reported, never fatal. */
export function reportStoreWarnings(warnings: readonly StoreWarning[]): void {
  for (const w of warnings) process.stderr.write(`phasegate: warning: ${w.where}: ${w.message}\n`);
}
