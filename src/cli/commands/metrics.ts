/** `phasegate metrics` and `phasegate forecast`: KPIs and delivery forecasts from the history store. */
import { computeKpis, forecast, backtest } from '../../metrics/index.js';
import { stableJson } from '../../io/json.js';
import { readHistory, reportStoreWarnings, type HistoryFlags } from '../history-input.js';
import { backtestLines, forecastLines, renderKpiText } from '../kpi-text.js';
import { readEvidenceFile } from '../../evidence/index.js';
import { emit } from '../output.js';

export interface MetricsOptions extends HistoryFlags {
  asOf?: Date;
  evidence?: string;
  /** Evidence count metrics that also count as defects (e.g. security.high, tests.failed). */
  countAsDefects?: string[];
  format: 'text' | 'json';
  out?: string;
}

/** Computes the KPIs of a project; 0 on success. */
export async function metricsCommand(opts: MetricsOptions): Promise<number> {
  const bundle = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const history = await readHistory(opts);
  reportStoreWarnings(history.warnings);
  // The bundle's changed files (collected with --base) tie defects to the change: defects.newDensity.
  const change = bundle?.changes ? { files: bundle.changes.files.map((f) => f.path) } : undefined;
  const report = computeKpis({
    project: opts.project,
    asOf: opts.asOf ?? new Date(),
    records: history.records,
    plan: history.plan,
    defects: history.defects,
    evidence: bundle?.metrics,
    options: { countEvidence: opts.countAsDefects ?? [], ...(change ? { change } : {}) },
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
