/**
 * The measured sections of the report: tests, coverage, security, defects, schedule and
 * cost, DORA and the forecast. Each reads the evidence bundle and the KPI report; a number
 * neither gives is null.
 */
import type { EvidenceBundle, EvidenceItem } from '../evidence/types.js';
import type { KpiReport, PhaseRow } from '../metrics/index.js';
import type { HistoryRecord } from '../store/records.js';
import type { DoraMetric, EvmRow, ReportCoverage, ReportReleaseDecision, ReportDefects, ReportDora, ReportForecast, ReportItem, ReportSchedule, ReportSecurity, ReportTests } from './types.js';

type Numbers = Record<string, number> | undefined;

/** The first finite number among the sources for `name`, else null. */
export function pick(name: string, ...sources: Numbers[]): number | null {
  for (const s of sources) {
    const v = s?.[name];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function item(e: EvidenceItem): ReportItem {
  return { id: e.id, title: e.title, level: e.level, message: opt(e.message), file: opt(e.file), line: opt(e.line) };
}

/** Failed and errored tests with where they failed, flaky tests and new failures. */
export function testsSection(evidence?: EvidenceBundle, kpis?: KpiReport): ReportTests {
  const m = evidence?.metrics;
  const tests = (evidence?.items ?? []).filter((i) => i.kind === 'test');
  const flaky = new Set([...tests.filter((t) => t.level === 'flaky').map((t) => t.id), ...(kpis?.tests?.flaky ?? []).map((f) => f.id)]);
  return {
    total: pick('tests.total', m),
    passed: pick('tests.passed', m),
    failed: pick('tests.failed', m),
    passRate: pick('tests.passRate', m, kpis?.kpis),
    failures: tests.filter((t) => t.level === 'failed' || t.level === 'errored').map(item),
    flaky: [...flaky].sort(),
    newFailures: [...(kpis?.tests?.newFailures?.tests ?? [])],
  };
}

/** Line and branch coverage, overall and on new code. */
export function coverageSection(evidence?: EvidenceBundle): ReportCoverage {
  const m = evidence?.metrics;
  return { line: pick('coverage.line', m), branch: pick('coverage.branch', m), newLine: pick('coverage.newLine', m), newBranch: pick('coverage.newBranch', m) };
}

/** Security findings by severity and each open one with its location (static-analysis results are not security findings). */
export function securitySection(evidence?: EvidenceBundle): ReportSecurity {
  const m = evidence?.metrics;
  return {
    critical: pick('security.critical', m),
    high: pick('security.high', m),
    medium: pick('security.medium', m),
    low: pick('security.low', m),
    new: pick('security.new', m),
    findings: (evidence?.items ?? []).filter((i) => i.kind === 'finding' && i.counts.some((c) => c.startsWith('security.'))).map(item),
  };
}

/** Defect density overall and on new code, open and confirmed defects. */
export function defectsSection(kpis?: KpiReport, evidence?: EvidenceBundle): ReportDefects {
  const k = kpis?.kpis;
  const m = evidence?.metrics;
  return { density: pick('defects.density', k, m), newDensity: pick('defects.newDensity', k, m), open: pick('defects.open', k, m), confirmed: opt(kpis?.defects?.confirmed) };
}

function evmRow(r: PhaseRow): EvmRow {
  return {
    phase: r.phase, status: r.status, plannedStart: r.plannedStart, plannedFinish: r.plannedFinish,
    deviationRate: opt(r.deviationRate), deviationBasis: opt(r.deviationBasis), forecastDeviationRate: opt(r.forecastDeviationRate), elapsedDeviationRate: opt(r.elapsedDeviationRate), budget: r.budget, pv: r.pv, ev: r.ev, ac: opt(r.ac), sv: r.sv, spi: opt(r.spi), cpi: opt(r.cpi),
  };
}

/** The earned-value table per phase and the project's indices; null without a plan. */
export function scheduleSection(kpis?: KpiReport): ReportSchedule | null {
  const evm = kpis?.evm;
  if (!evm) return null;
  const k = kpis.kpis;
  const f = evm.status.forecasts;
  return {
    currency: opt(evm.currency), bac: evm.bac, due: evm.due,
    spi: pick('schedule.spi', k), spiT: pick('schedule.spiT', k), cpi: pick('cost.cpi', k),
    deviationRate: pick('schedule.deviationRate', k), overrunRate: pick('cost.overrunRate', k), eac: pick('cost.eac', k),
    svT: pick('schedule.svT', k), ieacT: opt(evm.status.ieacT), plannedDays: evm.status.plannedDays,
    eacAtypical: opt(f.eacAtypical), eacCpiSpi: opt(f.eacCpiSpi), etc: opt(f.etc), tcpiBac: opt(f.tcpiBac), tcpiEac: opt(f.tcpiEac),
    methods: evm.methods,
    table: evm.phases.map(evmRow),
  };
}

const band = (x?: { value: number; band: DoraMetric['band'] }): DoraMetric | null => (x ? { value: x.value, band: x.band } : null);

/** DORA's four keys with their bands; null without deployment history. */
export function doraSection(kpis?: KpiReport): ReportDora | null {
  const d = kpis?.dora;
  if (!d) return null;
  return {
    environment: d.environment, deployments: d.deployments,
    deploymentFrequency: band(d.deploymentFrequency), leadTime: band(d.leadTime), changeFailureRate: band(d.changeFailureRate), timeToRestore: band(d.timeToRestore),
    windowDays: d.window.days, deployDaysPerWeek: d.deploymentFrequency?.deployDaysPerWeek ?? null, source: d.source,
  };
}

/** P50/P85/P95 finish dates against the due date. */
export function forecastSection(kpis?: KpiReport): ReportForecast | null {
  const f = kpis?.forecast;
  if (!f) return null;
  return { unit: f.unit, remaining: f.remaining, p50: f.p50, p85: f.p85, p95: f.p95, due: opt(f.due), onTimeProbability: opt(f.onTimeProbability), trials: f.trials, finished: opt(f.finished) };
}

/**
 * The release decisions section: per rollout, the decisions `release evaluate` recorded at or
 * before asOf, the last one (by chain position) with its step, and the chain head.
 */
export function releaseDecisionsSection(records: readonly HistoryRecord[] | undefined, project: string, asOf: Date): ReportReleaseDecision[] {
  const cut = asOf.getTime();
  const byRollout = new Map<string, { count: number; last: Extract<HistoryRecord, { kind: 'decision' }>['record'] }>();
  for (const r of records ?? []) {
    if (r.kind !== 'decision' || r.project !== project || Date.parse(r.record.time) > cut) continue;
    const seen = byRollout.get(r.record.rollout);
    if (!seen) byRollout.set(r.record.rollout, { count: 1, last: r.record });
    else byRollout.set(r.record.rollout, { count: seen.count + 1, last: r.record.seq > seen.last.seq ? r.record : seen.last });
  }
  return [...byRollout.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rollout, { count, last }]) => ({
      rollout,
      decisions: count,
      decision: last.decision,
      step: last.step,
      weight: last.weight,
      nextStep: last.nextStep,
      time: last.time,
      seq: last.seq,
      head: last.hash,
      policy: last.policy.name,
    }));
}
