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

/** Forecast lines shared by `metrics` and `forecast`. */
export function forecastLines(f: ForecastResult): string[] {
  const due = f.due && f.onTimeProbability !== undefined ? `; ${f.onTimeProbability.toFixed(1)} % chance to finish by the due date ${f.due}` : '';
  return [
    `Forecast (${f.trials.toLocaleString('en-US')} trials, seed ${f.seed}, ${f.remaining} units of work left, weekly throughput ${f.throughput.join(' ')})`,
    `  P50 ${f.p50}   P85 ${f.p85}   P95 ${f.p95}${due}`,
  ];
}

/** The back-test as a table: each cut, its P50/P85 and the real finish. */
export function backtestLines(b: BacktestResult): string[] {
  const rows = [['cut', 'remaining', 'P50', 'P85', 'actual finish', 'P50 error']];
  for (const p of b.points) {
    const err = p.errorDays === undefined ? (p.reason ?? '—') : `${p.errorDays > 0 ? '+' : ''}${p.errorDays} d`;
    rows.push([p.cut, String(p.remaining), p.p50 ?? '—', p.p85 ?? '—', p.actual ?? '—', err]);
  }
  const summary =
    b.evaluated === 0
      ? '  no cut has both a forecast and a real finish yet'
      : `  ${b.evaluated} cuts evaluated: mean |P50 error| ${b.meanAbsErrorDays?.toFixed(1)} d, actual finish on or before P85 in ${b.p85HitRate?.toFixed(0)} % of cuts`;
  return ['', 'Back-test', ...table(rows), summary];
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
