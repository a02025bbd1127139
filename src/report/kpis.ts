/**
 * The report's KPI table: the headline KPIs and every metric a policy rule reads, each with
 * its value (evidence bundle first, then the KPI report), previous value, trend series and
 * status. A KPI without a value is "not measured" with the reason and how to measure it.
 */
import { metricInfo } from '../catalog/metrics.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { KpiReport } from '../metrics/index.js';
import type { EffectivePolicy } from '../policy/types.js';
import type { HistoryRecord, RunRecord } from '../store/records.js';
import { resolvedMetric } from '../gate/rules/metric.js';
import { kpiStatus, rulesOn } from './kpi-status.js';
import type { ReportKpi } from './types.js';

/** The KPIs every report lists, in this order, measured or not. */
export const HEADLINE_KPIS: readonly string[] = [
  'tests.passRate', 'tests.flakyRate', 'tests.newFailures', 'coverage.line', 'coverage.newLine',
  'security.critical', 'security.high', 'defects.density', 'defects.newDensity',
  'schedule.spi', 'schedule.spiT', 'cost.cpi', 'schedule.deviationRate', 'cost.overrunRate',
  'dora.deploymentFrequency', 'dora.leadTime', 'dora.changeFailureRate', 'dora.timeToRestore',
  'forecast.onTimeProbability',
];

/** How many points a trend series holds at most (the current value included). */
export const TREND_POINTS = 12;

/** The inputs the KPI table reads (a subset of ReportInput). */
export interface KpiSources {
  project: string;
  asOf: Date;
  policy?: EffectivePolicy;
  evidence?: EvidenceBundle;
  kpis?: KpiReport;
  history?: readonly HistoryRecord[];
}

const HOW: ReadonlyArray<[string, string]> = [
  ['tests.', 'give test reports (--junit) and a history of runs'],
  ['coverage.', 'give coverage reports (--coverage; --base for new code)'],
  ['security.', "give a security scanner's SARIF (--sarif)"],
  ['analysis.', "give a linter's or static analyser's SARIF (--sarif)"],
  ['perf.', 'give performance-test results (--perf)'],
  ['size.', 'give the source tree (--source)'],
  ['defects.', 'give the defects file and the source tree to phasegate metrics'],
  ['dora.', 'record production deployments and incidents (phasegate record)'],
];

/** How to get `name` measured, for a metric nothing gave: the input that provides it. */
export function howToMeasure(name: string): string {
  return HOW.find(([prefix]) => name.startsWith(prefix))?.[1] ?? 'give the plan, defects and history to phasegate metrics';
}

function notMeasuredHint(name: string, kpis?: KpiReport, evidence?: EvidenceBundle): string {
  const na = evidence?.notApplicable;
  if (na && Object.hasOwn(na, name)) return `nothing to judge: ${na[name]}`;
  const reason = kpis?.notMeasured.find((n) => n.kpi === name)?.reason;
  if (reason) return reason;
  return `no input gives ${name}: ${howToMeasure(name)}`;
}

/** Run records of the project at or before asOf, oldest first (ties by id). */
export function pastRuns(s: KpiSources): RunRecord[] {
  const until = s.asOf.getTime();
  return (s.history ?? [])
    .filter((r): r is RunRecord => r.kind === 'run' && r.project === s.project && Date.parse(r.time) <= until)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** KPIs whose series comes from the plan's trend (EvmReport.trend), by the trend's key. */
const PLAN_SERIES = new Map<string, 'spi' | 'spiT' | 'cpi'>([['schedule.spi', 'spi'], ['schedule.spiT', 'spiT'], ['cost.cpi', 'cpi']]);

function earlierValues(name: string, runs: readonly RunRecord[], kpis?: KpiReport): number[] {
  const fromRuns = runs.map((r) => r.metrics[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const key = PLAN_SERIES.get(name);
  if (fromRuns.length > 0 || key === undefined) return fromRuns;
  // SPI, SPI(t) and CPI are no run metrics: their series is the plan's period ends, the current period left out.
  return (kpis?.evm?.trend.slice(0, -1) ?? []).map((p) => p[key]).filter((v): v is number => v !== undefined);
}

function valueOf(name: string, s: KpiSources): number | null {
  const v = s.evidence?.metrics[name] ?? s.kpis?.kpis[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function kpiRow(name: string, s: KpiSources, runs: readonly RunRecord[]): ReportKpi {
  const info = metricInfo(name);
  const rules = rulesOn(s.policy?.rules ?? [], name);
  const value = valueOf(name, s);
  const earlier = earlierValues(name, runs, s.kpis);
  const trend = (value === null ? earlier : [...earlier, value]).slice(-TREND_POINTS);
  return {
    name,
    unit: info?.unit ?? 'count',
    better: info?.better ?? 'neither',
    value,
    previous: earlier.at(-1) ?? null,
    trend,
    status: kpiStatus(value, rules),
    rules: rules.map((r) => r.id),
    notMeasured: value === null ? notMeasuredHint(name, s.kpis, s.evidence) : null,
  };
}

/** The KPI rows: HEADLINE_KPIS first, then other metrics policy rules read, by name. */
export function reportKpis(s: KpiSources): ReportKpi[] {
  const fromRules = new Set<string>();
  for (const r of s.policy?.rules ?? []) {
    if (r.kind === 'metric' && !HEADLINE_KPIS.includes(resolvedMetric(r))) fromRules.add(resolvedMetric(r));
  }
  const names = [...HEADLINE_KPIS, ...[...fromRules].sort()];
  const runs = pastRuns(s);
  return names.map((n) => kpiRow(n, s, runs));
}
