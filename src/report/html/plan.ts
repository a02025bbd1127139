/**
 * The plan sections of the health report: schedule and cost (earned value per phase, the
 * deviation and overrun rates), DORA's four keys with their bands, and the finish forecast
 * (P50/P85/P95 against the due date). A section without its input says how to get it.
 */
import type { DoraMetric, EvmRow, Report } from '../types.js';
import { frequencyText } from '../../metrics/dora.js';
import { spiChart } from './charts.js';
import { esc } from './escape.js';
import { badge, day, num, notMeasured, signedPercent, valueOr, withUnit } from './format.js';
import { facts, section, table, type Column } from './table.js';

const ratio = (x: number | null, hint = 'not computable yet'): string => valueOr(x, (v) => num(v), hint);

const BASIS = { actual: 'actual', forecast: 'forecast from earned schedule', elapsed: 'elapsed lower bound' } as const;

/** The deviation with its basis; a running row also shows the other figure beside it. */
function deviationCell(e: EvmRow): string {
  if (e.status === 'not-started') return '<span class="muted">not started</span>';
  const main = valueOr(e.deviationRate, signedPercent, 'nothing earned yet');
  const basis = e.deviationBasis ? `<br /><span class="hint">${BASIS[e.deviationBasis]}</span>` : '';
  const beside = e.status === 'running' && e.deviationBasis !== 'elapsed' && e.elapsedDeviationRate !== null ? `<br /><span class="hint">elapsed ≥ ${signedPercent(e.elapsedDeviationRate)}</span>` : '';
  return `${main}${basis}${beside}`;
}

function evmCols(): Column<EvmRow>[] {
  const money = (x: number | null): string => valueOr(x, (v) => num(v, 0), null);
  return [
    { head: 'Phase', cell: (e) => `${esc(e.phase)}<br /><span class="hint">${esc(e.status.replace('-', ' '))}</span>` },
    { head: 'Planned', cell: (e) => `${day(e.plannedStart)} → ${day(e.plannedFinish)}` },
    { head: 'Deviation', num: true, cell: deviationCell },
    { head: 'Budget', num: true, cell: (e) => money(e.budget) },
    { head: 'PV', num: true, cell: (e) => money(e.pv) },
    { head: 'EV', num: true, cell: (e) => money(e.ev) },
    { head: 'AC', num: true, cell: (e) => money(e.ac) },
    { head: 'SV', num: true, cell: (e) => money(e.sv) },
    { head: 'SPI', num: true, cell: (e) => ratio(e.spi) },
    { head: 'CPI', num: true, cell: (e) => valueOr(e.cpi, (v) => num(v), null) },
  ];
}

const METHOD_NAMES: Record<string, string> = { pv: 'PV', ev: 'EV', ac: 'AC', es: 'Earned schedule', eac: 'EAC, ETC, TCPI', deviation: 'Schedule deviation', overrun: 'Cost overrun' };

/** Earned value per phase and for the project, with SPI, SPI(t), CPI, EAC and the rates. */
export function schedule(r: Report): string {
  const s = r.schedule;
  if (s === null) return section('schedule', 'Schedule and cost', `<p>${notMeasured('no plan: give the plan file (.phasegate/plan.yaml) to phasegate metrics')}</p>`);
  const cur = s.currency ? ` ${esc(s.currency)}` : '';
  const rate = (x: number | null): string => valueOr(x, signedPercent, 'not computable yet');
  return section('schedule', 'Schedule and cost', [
    facts([
      ['SPI', ratio(s.spi)], ['SPI(t)', ratio(s.spiT)], ['CPI', ratio(s.cpi, 'no actual cost recorded')],
      ['Schedule deviation', rate(s.deviationRate)], ['Cost overrun', rate(s.overrunRate)],
      ['BAC', `${num(s.bac, 0)}${cur}`], ['EAC', valueOr(s.eac, (v) => `${num(v, 0)}${cur}`, 'no actual cost recorded')], ['Due', day(s.due)],
    ]),
    facts([
      ['SV(t)', valueOr(s.svT, (v) => `${num(v)} days`, 'not computable yet')],
      ['IEAC(t)', valueOr(s.ieacT, (v) => `${num(v, 1)} of ${num(s.plannedDays, 0)} planned days`, 'nothing earned yet')],
      ['ETC', valueOr(s.etc, (v) => `${num(v, 0)}${cur}`, 'no EAC')],
      ['EAC = AC + (BAC − EV)', valueOr(s.eacAtypical, (v) => `${num(v, 0)}${cur}`, 'no actual cost recorded')],
      ['EAC = AC + (BAC − EV) / (CPI × SPI)', valueOr(s.eacCpiSpi, (v) => `${num(v, 0)}${cur}`, 'not computable yet')],
      ['TCPI to BAC', ratio(s.tcpiBac, 'BAC spent')], ['TCPI to EAC', ratio(s.tcpiEac)],
    ]),
    `<details class="more"><summary>How these figures are computed</summary><ul>${Object.entries(s.methods).map(([k, v]) => `<li><b>${esc(METHOD_NAMES[k] ?? k)}</b>: ${esc(v)}</li>`).join('')}</ul></details>`,
    table(`Earned value per phase${cur ? `, amounts in${cur}` : ''} (PV planned value, EV earned value, AC actual cost, SV = EV − PV)`, evmCols(), s.table, { id: 'evm-table' }),
    s.table.some((e) => e.ac === null) ? '<p class="more">AC and CPI read "not measured" where no actual cost is recorded for the phase; give actual costs in the plan file.</p>' : '',
    spiChart(r),
  ].join('\n'));
}

const BAND_TONE = { elite: 'good', high: 'good', medium: 'warn', low: 'bad' } as const;
const BAND_ICON = { elite: '★', high: '✔', medium: '▲', low: '✖' } as const;
const bandBadge = (m: DoraMetric): string => badge(BAND_TONE[m.band], BAND_ICON[m.band], `${m.band[0]!.toUpperCase()}${m.band.slice(1)}`);

const DORA_ROWS: ReadonlyArray<['deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore', string, string]> = [
  ['deploymentFrequency', 'Deployment frequency', 'per-day'],
  ['leadTime', 'Lead time for changes', 'hours'],
  ['changeFailureRate', 'Change failure rate', 'percent'],
  ['timeToRestore', 'Time to restore', 'hours'],
];

/** DORA's four keys with their performance bands. */
export function dora(r: Report): string {
  const d = r.dora;
  if (d === null) return section('dora', 'DORA', `<p>${notMeasured('no deployments recorded: record production deployments and incidents (phasegate record)')}</p>`);
  const rows = DORA_ROWS.map(([key, label, unit]) => ({ label, unit, m: d[key] }));
  const cols: Column<(typeof rows)[number]>[] = [
    { head: 'Key', cell: (x) => x.label },
    { head: 'Value', num: true, cell: (x) => (x.m ? (x.unit === 'per-day' ? frequencyText(x.m.value) : withUnit(x.m.value, x.unit)) : notMeasured('no data for it yet')) },
    { head: 'Band', cell: (x) => (x.m ? bandBadge(x.m) : '<span class="muted">—</span>') },
  ];
  const window = d.windowDays === undefined ? '' : ` in the last ${num(d.windowDays, 0)} days`;
  const caption = `DORA keys in ${esc(d.environment)} over ${d.deployments} deployments${window} (bands: elite, high, medium, low${d.source ? `; ${esc(d.source)}` : ''})`;
  const notes = [
    typeof d.deployDaysPerWeek === 'number' ? `Deploy-days per week (Four Keys, median over the window's weeks): ${num(d.deployDaysPerWeek, 1)}.` : '',
    'Lead time is the median over every deployed commit; time to restore counts incidents caused by a deployment, from that deployment.',
  ].filter((x) => x !== '');
  return section('dora', 'DORA', [table(caption, cols, rows, { id: 'dora-table' }), `<p class="more">${notes.join(' ')}</p>`].join('\n'));
}

/** The forecast finish dates against the due date, in the unit of the work (weight or items). */
export function forecast(r: Report): string {
  const f = r.forecast;
  if (f === null) return section('forecast', 'Forecast', `<p>${notMeasured('no forecast: give the plan and work item history to phasegate forecast')}</p>`);
  const due = f.due;
  const work: [string, string] = ['Work left', `${num(f.remaining)} ${f.unit === 'weight' ? 'weight (the items\' weights)' : 'items'}`];
  if (f.finished !== null) {
    const vsDue = due === null ? '' : ` ${f.finished <= due ? badge('good', '✔', 'by the due date') : badge('bad', '✖', 'after the due date')}`;
    return section('forecast', 'Forecast', facts([
      ['Due', due === null ? '<span class="muted">none</span>' : day(due)], work,
      ['All work done', `${day(f.finished)}${vsDue}`],
      ['On-time probability', notMeasured('nothing left to forecast')],
    ]));
  }
  const vsDue = (d: string): string =>
    due === null ? '<span class="muted">no due date</span>' : d <= due ? badge('good', '✔', 'by the due date') : badge('bad', '✖', 'after the due date');
  const rows: Array<[string, string]> = [['P50 (even odds)', f.p50], ['P85', f.p85], ['P95', f.p95]];
  const cols: Column<[string, string]>[] = [
    { head: 'Confidence', cell: ([k]) => k },
    { head: 'Finish by', cell: ([, d]) => day(d) },
    { head: 'Against due date', cell: ([, d]) => vsDue(d) },
  ];
  const odds = valueOr(f.onTimeProbability, (v) => `${withUnit(v, 'percent')} <span class="hint">of the trials finish by the due date</span>`, 'no due date');
  return section('forecast', 'Forecast', [
    facts([['Due', due === null ? '<span class="muted">none</span>' : day(due)], work, ['On-time probability', odds], ['Trials', num(f.trials, 0)]]),
    table('Monte Carlo finish dates', cols, rows, { id: 'forecast-table' }),
  ].join('\n'));
}
