/**
 * The project health report model (DOMAIN.md §3): what `buildReport` returns and
 * `renderReportJson` writes. Its JSON Schema is schemas/report.schema.json; docs/report.md
 * explains every section, the KPI status rules and the health score formula. A value that
 * could not be measured is `null`, never 0 or NaN.
 */
import type { GateStatus, RuleStatus } from '../gate/types.js';
import type { KpiWarning, WarningEvidence } from '../metrics/types.js';
import type { Phase, Tier } from '../policy/types.js';
import type { ReportCoverage, ReportDefects, ReportDora, ReportForecast, ReportSchedule, ReportSecurity, ReportTests } from './measures.js';
import type { ReportPerformance } from './performance.js';

export type * from './measures.js';
export type { ReportPerfRow, ReportPerformance } from './performance.js';

/** Version of the report model and schemas/report.schema.json. */
export const REPORT_SCHEMA_VERSION = 1;

/** A KPI's rating against the policy's metric rules on it (docs/report.md, "KPI status"). */
export type KpiStatus = 'green' | 'amber' | 'red' | 'unrated' | 'not-measured';
/** The band of the health score: healthy ≥ 80, at-risk ≥ 60, else critical. */
export type HealthStatus = 'healthy' | 'at-risk' | 'critical';

/** One phase: its latest gate verdict and its planned and actual dates. */
export interface ReportPhase {
  phase: Phase;
  gate: GateStatus | 'not-evaluated';
  /** When the latest verdict was evaluated (ISO); null when none. */
  evaluatedAt: string | null;
  summary: Record<RuleStatus, number> | null;
  /** Ids of the rules that fail the gate. */
  failing: string[];
  plannedStart: string | null;
  plannedFinish: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  /** Percent: (actual − planned duration) / planned duration. */
  deviationRate: number | null;
}

/** One KPI: value, previous value, trend and status against the policy. */
export interface ReportKpi {
  name: string;
  unit: string;
  better: 'higher' | 'lower' | 'neither';
  value: number | null;
  /** The value of the last earlier run (or period) that measured it. */
  previous: number | null;
  /** Earlier values, oldest first, then the current value when measured. */
  trend: number[];
  status: KpiStatus;
  /** Ids of the policy's metric rules that rate this KPI. */
  rules: string[];
  /** Why it is not measured and how to measure it; null when measured. */
  notMeasured: string | null;
}

/** An early warning, the facts it rests on and what to do. */
export interface ReportWarning {
  code: KpiWarning['code'];
  message: string;
  evidence: WarningEvidence[];
  /** What to do about it, in one line. */
  action: string;
}

/** A waiver in force at the status date. */
export interface ReportWaiver {
  rule: string;
  finding: string | null;
  owner: string;
  reason: string;
  approvers: string[];
  expires: string;
  /** Whole days left until the end of the expiry day. */
  daysLeft: number;
  source: string;
}

/** The overall health score and its parts. */
export interface ReportHealth {
  /** 0–100, or null when there is nothing to score (docs/report.md, "Health score"). */
  score: number | null;
  status: HealthStatus | null;
  /** Mean gate score (pass 1, warn 0.5, fail 0) over evaluated gates; null when none. */
  gates: number | null;
  /** Mean KPI score (green 1, amber 0.5, red 0) over rated KPIs; null when none. */
  kpis: number | null;
}

/** The project health report. */
export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  project: string;
  tier: Tier | null;
  asOf: string;
  policy: string | null;
  health: ReportHealth;
  phases: ReportPhase[];
  kpis: ReportKpi[];
  tests: ReportTests;
  coverage: ReportCoverage;
  security: ReportSecurity;
  /** Performance-test results (`--perf`); null when the evidence has none. */
  performance: ReportPerformance | null;
  defects: ReportDefects;
  schedule: ReportSchedule | null;
  dora: ReportDora | null;
  forecast: ReportForecast | null;
  warnings: ReportWarning[];
  waivers: { inForce: ReportWaiver[]; expiring: ReportWaiver[] };
  /** Rollouts the gray-release gate decided on (`release evaluate`), by rollout name. */
  releaseDecisions: ReportReleaseDecision[];
}

/** One rollout's recorded decisions as of the report's date: how many, and the last one. */
export interface ReportReleaseDecision {
  rollout: string;
  /** Decisions recorded for the rollout at or before asOf (its hash chain's length then). */
  decisions: number;
  /** The last decision: promote, hold or rollback. */
  decision: 'promote' | 'hold' | 'rollback';
  /** The step it judged, its canary weight and the step it leads to (null: none). */
  step: number;
  weight: number;
  nextStep: number | null;
  time: string;
  /** Position of the last decision in the chain, and its hash: the chain head. */
  seq: number;
  head: string;
  policy: string;
}
