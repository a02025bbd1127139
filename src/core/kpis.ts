/**
 * The one place a project's KPIs are computed, for every view: the gate (`gate --project`),
 * the project report, the portfolio and `phasegate metrics`. Every view resolves its inputs
 * the same way, so the same project at the same as-of time gets the same values and the same
 * health score wherever it is shown:
 * - evidence: the given bundle, else the metrics of the latest run recorded at or before asOf;
 * - plan and defects: the given ones, else the latest `record plan` snapshot (history.ts);
 * - settings: the window of DORA and test analytics and the base branch, from the flags, else
 *   the policy's `settings.doraWindowDays` and `settings.baseBranch`, else 30 days and `main`.
 */
import { EVIDENCE_SCHEMA_VERSION, type EvidenceBundle } from '../evidence/types.js';
import { computeKpis } from '../metrics/kpis.js';
import type { KpiReport } from '../metrics/kpis.js';
import type { KpiOptions } from '../metrics/types.js';
import type { EffectivePolicy } from '../policy/types.js';
import type { RunRecord } from '../store/records.js';
import type { ProjectHistory } from './history.js';

/** Default window of DORA and test analytics, in days back from the as-of time. */
export const DEFAULT_WINDOW_DAYS = 30;
/** Default base branch (new failures are compared with its last run). */
export const DEFAULT_BASE_BRANCH = 'main';

/** KPI settings given on the command line (--dora-window, --base-branch); they win over the policy's. */
export interface KpiSettings {
  doraWindowDays?: number;
  baseBranch?: string;
}

/** What every view computes the KPIs from. */
export interface KpiRequest {
  history: ProjectHistory;
  asOf: Date;
  policy?: EffectivePolicy;
  /** This run's evidence; without it, the latest recorded run's metrics stand for it. */
  evidence?: EvidenceBundle;
  settings?: KpiSettings;
  /** Evidence count metrics that also count as defects (`metrics --count-as-defects`). */
  countAsDefects?: string[];
}

/** The latest run of the project recorded at or before asOf (ties by id), if any. */
export function latestRun(history: Pick<ProjectHistory, 'project' | 'records'>, asOf: Date): RunRecord | undefined {
  const until = asOf.getTime();
  let best: RunRecord | undefined;
  let bestMs = -Infinity;
  for (const r of history.records) {
    if (r.kind !== 'run' || r.project !== history.project) continue;
    const ms = Date.parse(r.time);
    if (ms > until) continue;
    if (!best || ms > bestMs || (ms === bestMs && r.id > best.id)) [best, bestMs] = [r, ms];
  }
  return best;
}

/** A recorded run's metrics as an evidence bundle (no items, documents or sources: the store keeps only metrics). */
export function runEvidence(run: RunRecord): EvidenceBundle {
  return { schemaVersion: EVIDENCE_SCHEMA_VERSION, metrics: { ...run.metrics }, items: [], documents: [], sources: [] };
}

/**
 * The evidence every view reads: the given bundle, else the latest recorded run's metrics
 * (`fromRun` is that run, so the trends do not count it twice); none when nothing was recorded.
 */
export function currentEvidence(req: Pick<KpiRequest, 'history' | 'asOf' | 'evidence'>): { evidence?: EvidenceBundle; fromRun?: RunRecord } {
  if (req.evidence) return { evidence: req.evidence };
  const run = latestRun(req.history, req.asOf);
  return run ? { evidence: runEvidence(run), fromRun: run } : {};
}

/** The window and base branch: the flags, else the policy's settings, else the defaults. */
export function resolvedSettings(policy: EffectivePolicy | undefined, given: KpiSettings = {}): Required<KpiSettings> {
  return {
    doraWindowDays: given.doraWindowDays ?? policy?.settings.doraWindowDays ?? DEFAULT_WINDOW_DAYS,
    baseBranch: given.baseBranch ?? policy?.settings.baseBranch ?? DEFAULT_BASE_BRANCH,
  };
}

/** computeKpis's options for a request: window, base branch, the change under review, counted evidence. */
export function kpiOptions(req: Pick<KpiRequest, 'policy' | 'settings' | 'countAsDefects'>, evidence: EvidenceBundle | undefined): KpiOptions {
  const s = resolvedSettings(req.policy, req.settings);
  // The bundle's changed files (collected with --base) tie defects to the change: defects.newDensity.
  const change = evidence?.changes ? { files: evidence.changes.files.map((f) => f.path), ...(evidence.changes.since ? { since: evidence.changes.since } : {}) } : undefined;
  return { windowDays: s.doraWindowDays, baseBranch: s.baseBranch, ...(req.countAsDefects?.length ? { countEvidence: req.countAsDefects } : {}), ...(change ? { change } : {}) };
}

/** The project's KPIs, computed from `evidence` (as currentEvidence resolves it). */
export function projectKpis(req: KpiRequest, evidence: EvidenceBundle | undefined = currentEvidence(req).evidence): KpiReport {
  const { project, records, plan, defects } = req.history;
  return computeKpis({ project, asOf: req.asOf, records, plan, defects, evidence: evidence?.metrics, options: kpiOptions(req, evidence) });
}

/** The value every view shows for a metric: the evidence's, else the KPI report's; null when neither measures it. */
export function metricValue(name: string, evidence: EvidenceBundle | undefined, kpis: KpiReport | undefined): number | null {
  const v = evidence?.metrics[name] ?? kpis?.kpis[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
