/**
 * The metrics engine's public model: what goes in (history records, a plan, defects, evidence
 * metrics) and the KPI report that comes out. Every KPI is optional: absent (never 0 or NaN)
 * when it cannot be computed, and then listed in `notMeasured` with the reason.
 */
import type { HistoryRecord } from '../store/records.js';
import type { Phase } from '../policy/types.js';

export type { Phase };
export type DefectSeverity = 'critical' | 'high' | 'medium' | 'low';
export const DEFECT_SEVERITIES: readonly DefectSeverity[] = ['critical', 'high', 'medium', 'low'];

/** How an element earns its budget (docs/metrics.md "Earned value methods"). */
export type EvMethod = '0/100' | '50/50' | 'percent' | 'milestones';

/** A weighted milestone: reached when the work item `id` is done in the history. */
export interface PlanMilestone {
  id: string;
  weight: number;
}

/** A phase of the plan: its planned window (dates YYYY-MM-DD, both inclusive) and optional budget. */
export interface PlanPhase {
  start: string;
  finish: string;
  budget?: number;
  /** The earning method of the phase (without work items) and the default of its work items. */
  ev?: EvMethod;
  milestones?: PlanMilestone[];
}

/** A planned work item; its id matches WorkItemRecord.itemId. Window defaults to its phase's. */
export interface PlanWorkItem {
  id: string;
  phase?: Phase;
  start?: string;
  finish?: string;
  /** Money; items without one share their phase's (or the project's) unallocated budget by weight. */
  budget?: number;
  /** Relative size when no budget is given; 1 when absent. */
  weight?: number;
  /** How it earns its budget; default its phase's, else 0/100. */
  ev?: EvMethod;
  milestones?: PlanMilestone[];
}

/** Cost booked for a month (`YYYY-MM`) or a day (`YYYY-MM-DD`), optionally for one phase. */
export interface PlanActual {
  period: string;
  cost: number;
  phase?: Phase;
}

/** The project plan (`.phasegate/plan.yaml`, schemas/plan.schema.json). */
export interface Plan {
  project: string;
  /** Budget at completion (BAC). */
  budget: number;
  currency?: string;
  /** Planned start (YYYY-MM-DD); defaults to the earliest planned window. */
  start?: string;
  /** Due date (YYYY-MM-DD, inclusive). */
  due: string;
  /** Requirements freeze date (YYYY-MM-DD): requirement changes after it are churn. */
  freeze?: string;
  phases?: Partial<Record<Phase, PlanPhase>>;
  workItems?: PlanWorkItem[];
  actuals?: PlanActual[];
  /** The file the plan was read from, as shown in messages and warnings. */
  file?: string;
}

/** One defect from a tracker export. Dates are ISO-8601 UTC. */
export interface Defect {
  id: string;
  severity?: DefectSeverity;
  opened?: string;
  closed?: string;
  /** Tracker status and resolution, lower-cased (e.g. `closed`, `duplicate`). */
  status?: string;
  resolution?: string;
  commits: string[];
  files: string[];
}

/** Tuning of computeKpis; every field has a documented default. */
export interface KpiOptions {
  /** Trend period: ISO weeks (Monday, UTC) or calendar months. Default `week`. */
  period?: 'week' | 'month';
  /** How many recent periods trends list. Default 12. */
  periods?: number;
  /** DORA environment. Default `production`. */
  environment?: string;
  /** DORA and test-analytics window, days back from asOf. Default 30. */
  windowDays?: number;
  /** The base branch whose last run new failures are compared with. Default `main`. */
  baseBranch?: string;
  /** SPI below this for two consecutive periods warns. Default 0.9. */
  spiThreshold?: number;
  /** Consecutive rises that make a trend warning. Default 3. */
  risingPeriods?: number;
  /** Evidence count metrics added to the confirmed defects (e.g. `tests.failed`, `security.high`). */
  countEvidence?: string[];
  /** The change under review, for defects.newDensity: its commits, changed files and first commit time (`since`, ISO; file ties need it). */
  change?: { commits?: string[]; files?: string[]; since?: string };
  /** Monte Carlo trials (default 10,000), seed (default 1), weeks of throughput history (default 12). */
  trials?: number;
  seed?: number;
  throughputWeeks?: number;
}

/** What computeKpis reads. */
export interface KpiInput {
  project: string;
  asOf: Date;
  records: readonly HistoryRecord[];
  plan?: Plan;
  defects?: readonly Defect[];
  /** Metrics of the evidence bundle (size.kloc, size.newKloc, counts). */
  evidence?: Record<string, number>;
  options?: KpiOptions;
}

/** A fact a warning rests on: a KPI value, a record, a defect or a plan entry. */
export interface WarningEvidence {
  kind: 'kpi' | 'record' | 'defect' | 'plan';
  /** KPI name, record id, defect id or plan file. */
  ref: string;
  time?: string;
  value?: number;
  note?: string;
}

export interface KpiWarning {
  code: 'spi-low' | 'requirement-churn' | 'defect-density-rising' | 'flaky-rate-rising' | 'forecast-late';
  message: string;
  evidence: WarningEvidence[];
}

export interface NotMeasured {
  kpi: string;
  reason: string;
}
