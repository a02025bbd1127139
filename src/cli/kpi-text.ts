/** The terminal view of a KPI report (`phasegate metrics`) and of a forecast (`phasegate forecast`). */
import { metricInfo } from '../catalog/metrics.js';
import type { BacktestResult, ForecastResult, KpiReport } from '../metrics/index.js';
import { frequencyText } from '../metrics/dora.js';

/** A value with its unit, rounded for reading (JSON output keeps full precision). */
export function showKpi(name: string, value: number): string {
  const unit = metricInfo(name)?.unit;
  const digits = unit === 'ratio' ? 3 : unit === 'count' ? 0 : 2;
  const n = Number.isInteger(value) ? String(value) : value.toFixed(digits);
  const suffix: Record<string, string> = { percent: ' %', 'per-kloc': ' per KLOC', kloc: ' KLOC', hours: ' h', days: ' d', 'per-day': ' per day', milliseconds: ' ms', 'per-second': ' per s' };
  return n + (unit ? (suffix[unit] ?? '') : '');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function evmLines(r: KpiReport): string[] {
  if (!r.evm) return [];
  const e = r.evm;
  const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const rows = [['phase', 'planned', 'actual', 'status', 'deviation', 'PV', 'EV']];
  for (const p of e.phases) {
    const actual = p.actualStart ? `${p.actualStart} → ${p.actualFinish ?? '…'}` : '—';
    const dev = p.deviationRate === undefined ? '—' : `${p.deviationRate.toFixed(1)} %`;
    rows.push([p.phase, `${p.plannedStart} → ${p.plannedFinish}`, actual, p.status, dev, money(p.pv), money(p.ev)]);
  }
  return ['', `Earned value (BAC ${money(e.bac)}${e.currency ? ` ${e.currency}` : ''}, due ${e.due})`, ...table(rows)];
}

function doraLines(r: KpiReport): string[] {
  const d = r.dora;
  if (!d) return [];
  const rows: string[][] = [];
  const f = d.deploymentFrequency;
  if (f) {
    const days = f.deployDaysPerWeek === undefined ? '' : `; ${showNumber(f.deployDaysPerWeek)} deploy-days per week over ${f.weeks} weeks, Four Keys: ${f.fourKeys}`;
    rows.push(['deployment frequency', `${frequencyText(f.value)} (${showKpi('dora.deploymentFrequency', f.value)}${days})`, f.band]);
  }
  if (d.leadTime) rows.push(['lead time for changes', `${showKpi('dora.leadTime', d.leadTime.value)} (median of ${d.leadTime.commits} commits in ${d.leadTime.deployments} deployments)`, d.leadTime.band]);
  if (d.changeFailureRate) rows.push(['change-failure rate', showKpi('dora.changeFailureRate', d.changeFailureRate.value), d.changeFailureRate.band]);
  if (d.timeToRestore) {
    const t = d.timeToRestore;
    const left = t.notCaused ? `; ${t.notCaused} not caused by a recorded deployment left out` : '';
    rows.push(['time to restore', `${showKpi('dora.timeToRestore', t.value)} (from the causing deployment, ${t.incidents} incident${t.incidents === 1 ? '' : 's'}${left})`, t.band]);
  }
  const head = `DORA (${d.environment}, ${d.window.days}-day window ${d.window.from} to ${d.window.to}, ${d.deployments} deployments; bands: ${d.source})`;
  return rows.length ? ['', head, ...table(rows)] : [];
}

const showNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const UNIT_WORDS = { weight: 'weight (the plan\'s and records\' item weights)', items: 'items' } as const;
const round = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** Forecast lines shared by `metrics` and `forecast`. */
export function forecastLines(f: ForecastResult): string[] {
  const partial = f.coverage.length > 0 && f.coverage[0]! < 1 ? ` (oldest week ${Math.round(f.coverage[0]! * 7)} of 7 days observed, weighted by that)` : '';
  const head = `Forecast in ${UNIT_WORDS[f.unit]}: ${round(f.remaining)} left, weekly throughput ${f.throughput.map(round).join(' ')}${partial}`;
  if (f.finished !== undefined) {
    const due = f.due ? `; due ${f.due}` : '';
    return [head, `  all work done on ${f.finished}${due}; on-time chance not measured (nothing left to forecast)`];
  }
  const due = f.due && f.onTimeProbability !== undefined ? `; ${f.onTimeProbability.toFixed(1)} % of the trials finish by the due date ${f.due}` : '';
  return [head, `  ${f.trials.toLocaleString('en-US')} trials, seed ${f.seed}: P50 ${f.p50}   P85 ${f.p85}   P95 ${f.p95}${due}`];
}

const pct = (n: number | undefined, scored: number): string => (n === undefined ? 'not scored yet' : `${n.toFixed(0)} % of ${scored} cuts`);

/** The back-test as a table: each cut, its P50/P85, the real finish and the hits; then the hit rates and mean error. */
export function backtestLines(b: BacktestResult): string[] {
  const rows = [['cut', 'remaining', 'P50', 'P85', 'actual finish', 'P50 error', 'P50 hit', 'P85 hit']];
  const hit = (x: boolean | undefined) => (x === undefined ? 'not yet' : x ? 'hit' : 'miss');
  for (const p of b.points) {
    const err = p.errorDays === undefined ? (p.reason ?? '—') : `${p.censored ? '≤ ' : ''}${p.errorDays > 0 ? '+' : ''}${p.errorDays} d`;
    rows.push([p.cut, round(p.remaining), p.p50 ?? '—', p.p85 ?? '—', p.actual ?? (p.censored ? 'open' : '—'), err, p.p50 ? hit(p.withinP50) : '—', p.p85 ? hit(p.withinP85) : '—']);
  }
  const summary: string[] = [];
  if (b.forecasts === 0) summary.push('  no cut had a forecast');
  else {
    summary.push(`  ${b.forecasts} cuts forecast, ${b.censored} with work still open at ${b.asOf.slice(0, 10)} (censored); a date is scored once it has passed`);
    summary.push(`  finished by P50 in ${pct(b.p50HitRate, b.scored.p50)}, by P85 in ${pct(b.p85HitRate, b.scored.p85)}, by P95 in ${pct(b.p95HitRate, b.scored.p95)}`);
    if (b.meanErrorDays !== undefined) {
      const bound = b.errorIs === 'bound';
      summary.push(`  mean P50 error ${bound ? 'at most ' : ''}${b.meanErrorDays > 0 ? '+' : ''}${b.meanErrorDays.toFixed(1)} d, mean |P50 error| ${bound ? 'at least ' : ''}${b.meanAbsErrorDays!.toFixed(1)} d${bound ? ' (open work counted as finishing at the status date)' : ''}`);
    }
  }
  return ['', `Back-test in ${b.unit}`, ...table(rows), ...summary];
}

/** Renders the KPI report for a terminal. */
export function renderKpiText(r: KpiReport): string {
  const names = Object.keys(r.kpis).sort();
  const lines = [`${r.project}: KPIs as of ${r.asOf}`, '', ...table([['KPI', 'value'], ...names.map((n) => [n, showKpi(n, r.kpis[n]!)])])];
  lines.push(...evmLines(r), ...doraLines(r));
  if (r.forecast) lines.push('', ...forecastLines(r.forecast));
  if (r.warnings.length) {
    lines.push('', 'Early warnings');
    for (const w of r.warnings) {
      lines.push(`  WARN  ${w.code}: ${w.message}`);
      for (const e of w.evidence.slice(0, 5)) lines.push(`          evidence: ${e.kind} ${e.ref}${e.time ? ` at ${e.time}` : ''}${e.value !== undefined ? ` = ${e.value}` : ''}${e.note ? ` (${e.note})` : ''}`);
    }
  }
  if (r.notMeasured.length) {
    lines.push('', 'Not measured');
    for (const n of r.notMeasured) lines.push(`  ${n.kpi}: ${n.reason}`);
  }
  return lines.join('\n') + '\n';
}
