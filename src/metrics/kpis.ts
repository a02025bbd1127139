/**
 * computeKpis: the one entry point of the metrics core. Pure and deterministic: it reads the
 * records, plan, defects and evidence it is given and the `asOf` it is told, never the clock
 * or the file system, and returns the same report for the same input.
 */
import { defectKpis, type DefectReport } from './defects.js';
import { doraKpis, type DoraReport } from './dora.js';
import { evmKpis, type EvmReport } from './evm-report.js';
import { forecastFrom, onTimeAbsence, type ForecastResult } from './forecast.js';
import { partition, timelines } from './history.js';
import { Tally } from './measure.js';
import { testKpis, type TestReport } from './test-analytics.js';
import type { KpiInput, KpiOptions, KpiWarning, NotMeasured } from './types.js';
import { churnWarning, defectWarning, flakyWarning, forecastWarning, spiWarning } from './warnings.js';

export const KPI_REPORT_SCHEMA_VERSION = 1;

export interface KpiReport {
  schemaVersion: typeof KPI_REPORT_SCHEMA_VERSION;
  project: string;
  asOf: string;
  /** Flat, catalogued metric names (src/catalog/metrics.ts) → values; sorted by name. */
  kpis: Record<string, number>;
  defects: DefectReport | null;
  evm: EvmReport | null;
  dora: DoraReport | null;
  tests: TestReport | null;
  forecast: ForecastResult | null;
  warnings: KpiWarning[];
  /** Every KPI that could not be computed, with why; sorted by name. */
  notMeasured: NotMeasured[];
}

/** Options with their documented defaults. */
export function kpiSettings(o: KpiOptions = {}): Required<Omit<KpiOptions, 'change'>> & Pick<KpiOptions, 'change'> {
  return {
    period: o.period ?? 'week',
    periods: o.periods ?? 12,
    environment: o.environment ?? 'production',
    windowDays: o.windowDays ?? 30,
    baseBranch: o.baseBranch ?? 'main',
    spiThreshold: o.spiThreshold ?? 0.9,
    risingPeriods: o.risingPeriods ?? 3,
    countEvidence: o.countEvidence ?? [],
    trials: o.trials ?? 10_000,
    seed: o.seed ?? 1,
    throughputWeeks: o.throughputWeeks ?? 12,
    ...(o.change ? { change: o.change } : {}),
  };
}

const sortedKeys = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Computes every KPI of the project at `asOf`: defect density, EVM and earned schedule,
 * schedule deviation, cost overrun, test analytics, DORA with bands, the Monte Carlo forecast
 * and early warnings. A KPI that cannot be computed is absent and listed in `notMeasured`.
 * Throws a PhasegateError only for a plan that contradicts itself.
 */
export function computeKpis(input: KpiInput): KpiReport {
  const s = kpiSettings(input.options);
  const asOf = input.asOf.getTime();
  const history = partition(input.records, input.project, asOf);
  const items = timelines(history.workItems);
  const tally = new Tally();
  const defects = defectKpis({ defects: input.defects, asOf, evidence: input.evidence ?? {}, runs: history.runs, countEvidence: s.countEvidence, change: s.change, unit: s.period, periods: s.periods });
  const evm = evmKpis(input.plan, history, asOf, s.period, s.periods, items);
  const tests = testKpis({ runs: history.runs, asOf, windowDays: s.windowDays, unit: s.period, periods: s.periods, baseBranch: s.baseBranch });
  const dora = doraKpis({ deployments: history.deployments, incidents: history.incidents, asOf, windowDays: s.windowDays, environment: s.environment });
  for (const part of [defects, evm, tests, dora]) tally.merge(part.tally);
  const fc = forecastFrom(items, asOf, { plan: input.plan, trials: s.trials, seed: s.seed, throughputWeeks: s.throughputWeeks });
  const forecast = 'reason' in fc ? null : fc;
  tally.set('forecast.onTimeProbability', forecast?.onTimeProbability, 'reason' in fc ? fc.reason : (onTimeAbsence(fc) ?? ''));
  const warnings = [
    evm.report && spiWarning(evm.report.trend, s.spiThreshold, input.plan?.file),
    input.plan?.freeze && churnWarning(items, input.plan.freeze, input.plan.file),
    defects.report && defectWarning(defects.report, s.risingPeriods),
    tests.report && flakyWarning(tests.report, s.risingPeriods),
    forecast && forecastWarning(forecast),
  ].filter((w): w is KpiWarning => !!w);
  return {
    schemaVersion: KPI_REPORT_SCHEMA_VERSION,
    project: input.project,
    asOf: input.asOf.toISOString(),
    kpis: sortedKeys(tally.kpis),
    defects: defects.report,
    evm: evm.report,
    dora: dora.report,
    tests: tests.report,
    forecast,
    warnings,
    notMeasured: [...tally.notMeasured].sort((a, b) => (a.kpi < b.kpi ? -1 : a.kpi > b.kpi ? 1 : 0)),
  };
}
