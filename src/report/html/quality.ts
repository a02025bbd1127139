/**
 * The quality sections of the health report: tests (failures with message and location,
 * flaky tests, new failures), coverage, security findings and defects. Lists are capped at
 * MAX_ROWS with a count of what was left out, so the page stays small on any history.
 */
import type { Report, ReportItem } from '../types.js';
import { kpiTrendChart, securityChart } from './charts.js';
import { esc, escCut } from './escape.js';
import { num, valueOr, withUnit } from './format.js';
import { howToMeasure } from '../kpis.js';
import { facts, MAX_ROWS, moreNote, section, table, type Column } from './table.js';

/** How long a message may be before it is cut. */
export const MAX_MESSAGE = 1000;

/** Why a metric is not measured: the KPI row's reason, else how to measure it. */
export function hintFor(r: Report, metric: string): string {
  const reason = r.kpis.find((k) => k.name === metric)?.notMeasured;
  return reason ?? howToMeasure(metric);
}

const count = (r: Report, metric: string, x: number | null): string => valueOr(x, (v) => num(v), hintFor(r, metric));
const percent = (r: Report, metric: string, x: number | null): string => valueOr(x, (v) => withUnit(v, 'percent'), hintFor(r, metric));

function where(i: ReportItem): string {
  if (i.file === null) return '<span class="muted">not given</span>';
  return `<code>${esc(i.file)}${i.line === null ? '' : `:${i.line}`}</code>`;
}

const ITEM_COLS: readonly Column<ReportItem>[] = [
  { head: 'Name', cell: (i) => `<span class="wide">${esc(i.title)}</span>` },
  { head: 'Level', cell: (i) => esc(i.level) },
  { head: 'Message', cell: (i) => (i.message === null ? '<span class="muted">none</span>' : `<span class="msg">${escCut(i.message, MAX_MESSAGE)}</span>`) },
  { head: 'Location', cell: where },
];

function itemTable(id: string, caption: string, items: readonly ReportItem[], empty: string, what: string): string {
  const shown = items.slice(0, MAX_ROWS);
  return table(`${caption} (${items.length.toLocaleString('en-US')})`, ITEM_COLS, shown, { id, empty }) + moreNote(items.length, shown.length, what);
}

function idList(title: string, ids: readonly string[], empty: string, what: string): string {
  const shown = ids.slice(0, MAX_ROWS);
  const body = shown.length ? `<ul>${shown.map((t) => `<li><code>${esc(t)}</code></li>`).join('')}</ul>` : `<p class="empty">${empty}</p>`;
  return `<h3>${title} (${ids.length.toLocaleString('en-US')})</h3>\n${body}${moreNote(ids.length, shown.length, what)}`;
}

/** Test totals, the failures with message and location, flaky tests and new failures. */
export function tests(r: Report): string {
  const t = r.tests;
  return section('tests', 'Tests', [
    facts([['Total', count(r, 'tests.total', t.total)], ['Passed', count(r, 'tests.passed', t.passed)], ['Failed', count(r, 'tests.failed', t.failed)], ['Pass rate', percent(r, 'tests.passRate', t.passRate)]]),
    itemTable('failures-table', 'Failed and errored tests', t.failures, 'No failed tests.', 'failures'),
    idList('New failures', t.newFailures, 'No new failures against the base branch.', 'new failures'),
    idList('Flaky tests', t.flaky, 'No flaky tests.', 'flaky tests'),
    kpiTrendChart(r, 'tests.passRate', 'Test pass rate', '%'),
  ].join('\n'));
}

/** Line and branch coverage, overall and on new code. */
export function coverage(r: Report): string {
  const c = r.coverage;
  return section('coverage', 'Coverage', [
    facts([['Line', percent(r, 'coverage.line', c.line)], ['Branch', percent(r, 'coverage.branch', c.branch)], ['New code, line', percent(r, 'coverage.newLine', c.newLine)], ['New code, branch', percent(r, 'coverage.newBranch', c.newBranch)]]),
    kpiTrendChart(r, 'coverage.line', 'Line coverage', '%'),
  ].join('\n'));
}

/** Findings by severity and each finding with its location. */
export function security(r: Report): string {
  const s = r.security;
  return section('security', 'Security', [
    facts([['Critical', count(r, 'security.critical', s.critical)], ['High', count(r, 'security.high', s.high)], ['Medium', count(r, 'security.medium', s.medium)], ['Low', count(r, 'security.low', s.low)], ['New', count(r, 'security.new', s.new)]]),
    itemTable('findings-table', 'Security findings', s.findings, 'No findings.', 'findings'),
    securityChart(r),
  ].join('\n'));
}

/** Defect density overall and on new code, open and confirmed defects. */
export function defects(r: Report): string {
  const d = r.defects;
  const density = (m: string, x: number | null): string => valueOr(x, (v) => withUnit(v, 'per-kloc'), hintFor(r, m));
  return section('defects', 'Defects', [
    facts([['Density', density('defects.density', d.density)], ['Density, new code', density('defects.newDensity', d.newDensity)], ['Open', count(r, 'defects.open', d.open)], ['Confirmed', count(r, 'defects.confirmed', d.confirmed)]]),
    kpiTrendChart(r, 'defects.density', 'Defect density', 'per KLOC'),
  ].join('\n'));
}
