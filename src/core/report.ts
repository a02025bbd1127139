/**
 * The health report of a project, and the portfolio of every project in a store, built the
 * same way by every edge from the history, the current evidence and verdicts, and the policy.
 */
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import type { EffectivePolicy } from '../policy/types.js';
import { buildReport } from '../report/build.js';
import type { Report } from '../report/types.js';
import { portfolioRow, type PortfolioRow } from '../report/portfolio.js';
import { recordedTier, recordedVerdicts } from '../report/recorded-verdicts.js';
import type { HistoryStore, StoreWarning } from '../store/port.js';
import type { HistoryRecord, RunRecord } from '../store/records.js';
import { latestPlan, recordedRun, type ProjectHistory, type RunRef } from './history.js';
import { currentEvidence, latestRun, projectKpis, type KpiSettings } from './kpis.js';

export interface ReportRequest {
  history: ProjectHistory;
  asOf: Date;
  policy?: EffectivePolicy;
  /** This run's evidence; without it, the latest recorded run's metrics stand for it (core/kpis.ts). */
  evidence?: EvidenceBundle;
  /** Verdicts of this run; they win over the recorded verdict of the same phase. */
  verdicts?: Verdict[];
  /** This run as it was recorded (`record run`, collect-metrics): with `evidence`, see earlierRuns. */
  run?: RunRef;
  /** The KPI window and base branch given on the command line (they win over the policy's settings). */
  settings?: KpiSettings;
}

/** The latest instant a Date holds: without an as-of time, every recorded run counts. */
const LATEST = new Date(8.64e15);

/**
 * The records the report's trends and previous values come from, and this run's own record
 * when it is among them. The evidence gives the current values; the run recorded under this
 * run's project, pipeline and build holds the same values, so counted as an earlier run it
 * would count twice (a trend ending `…, v, v`, and `v` as its own previous value). It is left
 * out of the earlier runs only: the KPIs computed from the history (the latest run's new
 * failures, flaky tests) still see it, as the latest run. Without evidence, the latest
 * recorded run is the evidence (currentEvidence), and it is the run left out.
 */
export function earlierRuns(req: Pick<ReportRequest, 'history' | 'evidence' | 'run'> & { asOf?: Date }): { records: HistoryRecord[]; thisRun?: RunRecord } {
  const { records } = req.history;
  const thisRun = req.evidence ? (req.run ? recordedRun(req.history, req.run) : undefined) : latestRun(req.history, req.asOf ?? LATEST);
  return thisRun ? { records: records.filter((r) => r !== thisRun), thisRun } : { records };
}

/**
 * The project's health report: the one function every view's values and score come from (the
 * report, the portfolio row, and the gate's metrics through projectKpis).
 */
export function projectReport(req: ReportRequest): Report {
  const { history, asOf, policy } = req;
  const given = req.verdicts ?? [];
  const { evidence } = currentEvidence(req);
  const kpis = projectKpis(req, evidence);
  const { project, records } = history;
  const recorded = recordedVerdicts(records, asOf).filter((v) => !given.some((g) => g.phase === v.phase));
  const tier = policy?.tier ?? given.find((v) => v.tier)?.tier ?? recordedTier(records);
  return buildReport({ project, tier, asOf, policy, verdicts: [...given, ...recorded], evidence, kpis, history: earlierRuns(req).records });
}

/** What the portfolio rates every project against. */
export interface PortfolioOptions {
  policy?: EffectivePolicy;
  settings?: KpiSettings;
}

/**
 * One portfolio row per project of the store, and what the store warned of while reading.
 * Each row is the project's report (projectReport) from the store alone: the latest recorded
 * run's metrics, the latest recorded plan, the given policy.
 */
export async function portfolio(store: HistoryStore, asOf: Date, opts: PortfolioOptions = {}): Promise<{ rows: PortfolioRow[]; warnings: StoreWarning[] }> {
  const rows: PortfolioRow[] = [];
  for (const project of await store.projects()) {
    const records = await store.query({ project });
    const plan = latestPlan(records);
    const history: ProjectHistory = { project, records, ...(plan ? { plan } : {}) };
    const report = projectReport({ history, asOf, ...(opts.policy ? { policy: opts.policy } : {}), ...(opts.settings ? { settings: opts.settings } : {}) });
    rows.push(portfolioRow({ report, hasPlan: plan !== undefined }));
  }
  return { rows, warnings: store.warnings() };
}
