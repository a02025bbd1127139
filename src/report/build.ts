/**
 * buildReport: the project health report from gate verdicts, the evidence bundle, the KPI
 * report, the policy and the run history. Pure and deterministic: it reads only its input
 * (never the clock or the file system) and returns equal reports for equal inputs.
 */
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import type { KpiReport } from '../metrics/index.js';
import type { EffectivePolicy, Tier } from '../policy/types.js';
import type { HistoryRecord } from '../store/records.js';
import { phasesSection, waiversSection, warningsSection } from './governance.js';
import { healthOf } from './health.js';
import { reportKpis } from './kpis.js';
import { performanceSection } from './performance.js';
import { coverageSection, defectsSection, doraSection, forecastSection, releaseDecisionsSection, scheduleSection, securitySection, testsSection } from './sections.js';
import { REPORT_SCHEMA_VERSION, type Report } from './types.js';

/** What buildReport reads; only the project, tier, status date and verdicts are required. */
export interface ReportInput {
  project: string;
  tier: Tier | null;
  /** The report's status date: waivers, history and trends are taken as of then. */
  asOf: Date;
  policy?: EffectivePolicy;
  verdicts: Verdict[];
  evidence?: EvidenceBundle;
  kpis?: KpiReport;
  /** Earlier records (runs give the previous values and trend series of run metrics; decisions the release decisions). */
  history?: HistoryRecord[];
}

/**
 * Builds the health report. Every section is present; what no input measures is null (or
 * a KPI with status `not-measured` and the reason), never 0 or NaN.
 */
export function buildReport(input: ReportInput): Report {
  const { evidence, kpis } = input;
  const phases = phasesSection(input.verdicts, kpis);
  const kpiRows = reportKpis(input);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    project: input.project,
    tier: input.tier,
    asOf: input.asOf.toISOString(),
    policy: input.policy?.name ?? input.verdicts[0]?.policy ?? null,
    health: healthOf(phases, kpiRows),
    phases,
    kpis: kpiRows,
    tests: testsSection(evidence, kpis),
    coverage: coverageSection(evidence),
    security: securitySection(evidence),
    performance: performanceSection(evidence),
    defects: defectsSection(kpis, evidence),
    schedule: scheduleSection(kpis),
    dora: doraSection(kpis),
    forecast: forecastSection(kpis),
    warnings: warningsSection(kpis),
    waivers: waiversSection(input.policy, input.asOf),
    releaseDecisions: releaseDecisionsSection(input.history, input.project, input.asOf),
  };
}
