/**
 * The health report of a project, and the portfolio of every project in a store, built the
 * same way by every edge from the history, the current evidence and verdicts, and the policy.
 */
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import { computeKpis } from '../metrics/kpis.js';
import type { EffectivePolicy } from '../policy/types.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/types.js';
import { portfolioRow, type PortfolioRow } from '../report/portfolio.js';
import { recordedTier, recordedVerdicts } from '../report/recorded-verdicts.js';
import type { HistoryStore, StoreWarning } from '../store/port.js';
import type { HistoryRecord, RunRecord } from '../store/records.js';
import { latestPlan, recordedRun, type ProjectHistory, type RunRef } from './history.js';

export interface ReportRequest {
  history: ProjectHistory;
  asOf: Date;
  policy?: EffectivePolicy;
  evidence?: EvidenceBundle;
  /** Verdicts of this run; they win over the recorded verdict of the same phase. */
  verdicts?: Verdict[];
  /** This run as it was recorded (`record run`, collect-metrics): with `evidence`, see earlierRuns. */
  run?: RunRef;
}

/**
 * The records the report's trends and previous values come from, and this run's own record
 * when it is among them. The evidence gives the current values; the run recorded under this
 * run's project, pipeline and build holds the same values, so counted as an earlier run it
 * would count twice (a trend ending `…, v, v`, and `v` as its own previous value). It is left
 * out of the earlier runs only: the KPIs computed from the history (the latest run's new
 * failures, flaky tests) still see it, as the latest run. Without evidence or `run`, nothing
 * is left out.
 */
export function earlierRuns(req: Pick<ReportRequest, 'history' | 'evidence' | 'run'>): { records: HistoryRecord[]; thisRun?: RunRecord } {
  const { records } = req.history;
  const thisRun = req.evidence && req.run ? recordedRun(req.history, req.run) : undefined;
  return thisRun ? { records: records.filter((r) => r !== thisRun), thisRun } : { records };
}

/** The project's health report. */
export function projectReport(req: ReportRequest): Report {
  const { history, asOf, policy, evidence } = req;
  const given = req.verdicts ?? [];
  const { project, records, plan, defects } = history;
  const kpis = computeKpis({ project, asOf, records, plan, defects, evidence: evidence?.metrics });
  const recorded = recordedVerdicts(records, asOf).filter((v) => !given.some((g) => g.phase === v.phase));
  const tier = policy?.tier ?? given.find((v) => v.tier)?.tier ?? recordedTier(records);
  return buildReport({ project, tier, asOf, policy, verdicts: [...given, ...recorded], evidence, kpis, history: earlierRuns(req).records });
}

/** One portfolio row per project of the store, and what the store warned of while reading. */
export async function portfolio(store: HistoryStore, asOf: Date): Promise<{ rows: PortfolioRow[]; warnings: StoreWarning[] }> {
  const rows: PortfolioRow[] = [];
  for (const project of await store.projects()) {
    const records = await store.query({ project });
    rows.push(portfolioRow({ project, records, plan: latestPlan(records), asOf }));
  }
  return { rows, warnings: store.warnings() };
}
