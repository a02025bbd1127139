/**
 * The top of the health report: the headline (health score with its status word and a link to
 * the formula), the five-phase timeline with gate states and dates, and the KPI table.
 */
import type { Report, ReportKpi, ReportPhase } from '../types.js';
import { dotted, esc } from './escape.js';
import { day, gateBadge, healthBadge, kpiBadge, num, signedPercent, trendWord, valueOr, withUnit } from './format.js';
import { facts, section, table, type Column } from './table.js';

const pct = (x: number | null): string => (x === null ? '<span class="muted">nothing to score</span>' : `${num(x * 100, 0)} %`);

/** The health score, its status word, its two parts and the link to the formula. */
export function headline(r: Report): string {
  const h = r.health;
  const score = h.score === null ? '<span class="nm">not scored</span>' : `${h.score}<small> / 100</small>`;
  return section('health', 'Health', [
    `<p class="score">${score} ${healthBadge(h.status)}</p>`,
    facts([['Gates (40 %)', pct(h.gates)], ['KPIs (60 %)', pct(h.kpis)], ['Policy', r.policy === null ? '<span class="muted">none</span>' : esc(r.policy)]]),
    '<p><a href="#formula">How the health score is computed</a></p>',
  ].join('\n'));
}

const span = (a: string | null, b: string | null): string => (a === null ? '<span class="muted">—</span>' : `${day(a)} → ${b === null ? '<span class="muted">open</span>' : day(b)}`);

const PHASE_COLS: readonly Column<ReportPhase>[] = [
  { head: 'Phase', cell: (p) => esc(p.phase) },
  { head: 'Gate', cell: (p) => gateBadge(p.gate) },
  { head: 'Failing rules', cell: (p) => (p.failing.length ? p.failing.map((id) => `<code>${esc(id)}</code>`).join(', ') : '<span class="muted">none</span>') },
  { head: 'Planned', cell: (p) => span(p.plannedStart, p.plannedFinish) },
  { head: 'Actual', cell: (p) => span(p.actualStart, p.actualFinish) },
  { head: 'Deviation', num: true, cell: (p) => valueOr(p.deviationRate, signedPercent, p.plannedStart === null ? 'no plan' : 'not started') },
  { head: 'Evaluated', cell: (p) => (p.evaluatedAt === null ? '<span class="muted">never</span>' : day(p.evaluatedAt)) },
];

/** The five phases as a timeline (gate word per phase) and as a table with the dates. */
export function phases(r: Report): string {
  const steps = r.phases.map((p) => `<li><span class="phase">${esc(p.phase)}</span> ${gateBadge(p.gate)}</li>`).join('\n');
  return section('phases', 'Phases and gates', [
    `<ol class="timeline" aria-label="Phase timeline">\n${steps}\n</ol>`,
    table('Gate state and dates per phase (deviation = actual vs planned duration)', PHASE_COLS, r.phases, { id: 'phases-table' }),
  ].join('\n'));
}

const KPI_COLS: readonly Column<ReportKpi>[] = [
  { head: 'KPI', cell: (k) => `<code>${dotted(k.name)}</code>` },
  { head: 'Value', num: true, cell: (k) => valueOr(k.value, (x) => withUnit(x, k.unit), k.notMeasured) },
  { head: 'Previous', num: true, cell: (k) => (k.previous === null ? '<span class="muted">—</span>' : withUnit(k.previous, k.unit)) },
  { head: 'Trend', cell: trendWord },
  { head: 'Status', cell: (k) => kpiBadge(k.status) },
  { head: 'Rules', cell: (k) => (k.rules.length ? k.rules.map((id) => `<code>${esc(id)}</code>`).join(', ') : '<span class="muted">none</span>') },
];

/** Every KPI: value, previous value, trend, status word and the rules rating it. */
export function kpiTable(r: Report): string {
  return section('kpis', 'KPIs', table('KPIs with their previous value, trend and status against the policy', KPI_COLS, r.kpis, { id: 'kpi-table', empty: 'No KPIs.' }));
}
