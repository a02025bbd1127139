/** `phasegate metrics` and `phasegate forecast`: KPIs and delivery forecasts from the history store. */
import { projectKpis } from '../../core/kpis.js';
import { forecast, backtest } from '../../metrics/index.js';
import { stableJson } from '../../io/json.js';
import { readHistory, reportStoreWarnings, type HistoryFlags } from '../history-input.js';
import { backtestLines, forecastLines, renderKpiText } from '../kpi-text.js';
import { readEvidenceFile } from '../../evidence/index.js';
import { emit } from '../output.js';
import { kpiSettingsOf } from '../kpi-flags.js';

export interface MetricsOptions extends HistoryFlags {
  asOf?: Date;
  evidence?: string;
  /** Evidence count metrics that also count as defects (e.g. security.high, tests.failed). */
  countAsDefects?: string[];
  format: 'text' | 'json';
  out?: string;
  /** --dora-window and --base-branch (cli/kpi-flags.ts). */
  doraWindow?: number;
  baseBranch?: string;
}

/** Computes the KPIs of a project; 0 on success. */
export async function metricsCommand(opts: MetricsOptions): Promise<number> {
  const bundle = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const history = await readHistory(opts);
  reportStoreWarnings(history.warnings);
  // The same function as the report, the portfolio and the gate (core/kpis.ts): without
  // --evidence, the latest recorded run's metrics; the bundle's changed files give defects.newDensity.
  const report = projectKpis({
    history,
    asOf: opts.asOf ?? new Date(),
    settings: kpiSettingsOf(opts),
    ...(bundle ? { evidence: bundle } : {}),
    ...(opts.countAsDefects ? { countAsDefects: opts.countAsDefects } : {}),
  });
  emit(opts.format === 'json' ? stableJson(report) : renderKpiText(report), opts.out);
  return 0;
}

export interface ForecastOptions extends HistoryFlags {
  asOf?: Date;
  due?: Date;
  remaining?: number;
  trials?: number;
  seed?: number;
  backtest?: boolean;
  format: 'text' | 'json';
  out?: string;
}

/** Monte Carlo forecast of the finish date (and optionally a back-test); 0 on success. */
export async function forecastCommand(opts: ForecastOptions): Promise<number> {
  const history = await readHistory(opts);
  reportStoreWarnings(history.warnings);
  const asOf = opts.asOf ?? new Date();
  const common = { project: opts.project, asOf, records: history.records, plan: history.plan, trials: opts.trials, seed: opts.seed };
  const result = forecast({ ...common, remaining: opts.remaining, due: opts.due?.toISOString().slice(0, 10) });
  const back = opts.backtest ? backtest(common) : undefined;
  if (opts.format === 'json') {
    emit(stableJson(back ? { forecast: result, backtest: back } : { forecast: result }), opts.out);
  } else {
    emit([`${opts.project}: delivery forecast as of ${asOf.toISOString()}`, ...forecastLines(result), ...(back ? backtestLines(back) : [])].join('\n'), opts.out);
  }
  return 0;
}
