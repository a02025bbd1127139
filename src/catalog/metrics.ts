/**
 * The stable metric names: the contract between collectors, the metrics engine, policies
 * and reports. Names are dotted; `<kind>` / `<language>` / `<severity>` segments are
 * placeholders. The README's metric table is generated from this list (see
 * `phasegate metrics-catalog` / test/catalog.test.ts keeps them in step).
 */
import { distance } from 'fastest-levenshtein';

export type Better = 'higher' | 'lower' | 'neither';

export interface MetricInfo {
  name: string;
  unit: 'count' | 'percent' | 'seconds' | 'kloc' | 'ratio' | 'per-kloc' | 'days' | 'hours' | 'per-day' | 'money' | 'boolean';
  better: Better;
  description: string;
  /** The metric a rule with `scope: new` reads instead. */
  newCounterpart?: string;
}

const m = (
  name: string,
  unit: MetricInfo['unit'],
  better: Better,
  description: string,
  newCounterpart?: string,
): MetricInfo => (newCounterpart ? { name, unit, better, description, newCounterpart } : { name, unit, better, description });

export const METRICS: readonly MetricInfo[] = [
  m('tests.total', 'count', 'neither', 'tests run: each test-case element, a retry its report marks counted with its original (all same-named ones with --test-retries same-name)'),
  m('tests.runs', 'count', 'neither', 'test-case elements read, marked retries included (declared counts of a suite that lists no cases included)'),
  m('tests.passed', 'count', 'higher', 'tests whose final outcome is passed: no failed run, or passed on a marked retry (flaky ones included)'),
  m('tests.failed', 'count', 'lower', 'tests whose final outcome is failed: every same-named element that failed counts unless a marked retry passed'),
  m('tests.errored', 'count', 'lower', 'tests whose final outcome is errored'),
  m('tests.skipped', 'count', 'neither', 'tests skipped'),
  m('tests.flaky', 'count', 'lower', 'tests that passed after a failed attempt the report marks (a retry element, a flakyFailure, a go rerun)'),
  m('tests.passRate', 'percent', 'higher', 'percent of non-skipped tests that passed'),
  m('tests.duration', 'seconds', 'lower', 'sum of test-case times'),
  m('coverage.line', 'percent', 'higher', 'line coverage over all reported files', 'coverage.newLine'),
  m('coverage.branch', 'percent', 'higher', 'branch coverage over all reported files', 'coverage.newBranch'),
  m('coverage.newLine', 'percent', 'higher', 'line coverage over lines added or changed since --base'),
  m('coverage.newBranch', 'percent', 'higher', 'branch coverage on lines added or changed since --base'),
  m('security.critical', 'count', 'lower', 'unsuppressed findings with security-severity >= 9', 'security.newCritical'),
  m('security.high', 'count', 'lower', 'unsuppressed findings with security-severity 7-8.9 (or level error)', 'security.newHigh'),
  m('security.medium', 'count', 'lower', 'unsuppressed findings with security-severity 4-6.9 (or level warning)', 'security.newMedium'),
  m('security.low', 'count', 'lower', 'unsuppressed findings below 4 (or level note)', 'security.newLow'),
  m('security.new', 'count', 'lower', 'unsuppressed findings new since --base or with baselineState new'),
  m('security.newCritical', 'count', 'lower', 'new critical findings'),
  m('security.newHigh', 'count', 'lower', 'new high findings'),
  m('security.newMedium', 'count', 'lower', 'new medium findings'),
  m('security.newLow', 'count', 'lower', 'new low findings'),
  m('security.suppressed', 'count', 'neither', 'findings suppressed in the SARIF (counted apart)'),
  m('analysis.errors', 'count', 'lower', 'static-analysis results of level error'),
  m('analysis.warnings', 'count', 'lower', 'static-analysis results of level warning'),
  m('size.kloc', 'kloc', 'neither', 'thousands of code lines (not blank, not comment) in the source tree', 'size.newKloc'),
  m('size.newKloc', 'kloc', 'neither', 'thousands of code lines added or changed since --base'),
  m('size.<language>.kloc', 'kloc', 'neither', 'code lines per language, in thousands'),
  m('docs.<kind>.present', 'count', 'higher', 'documents of that kind found by --docs'),
  m('docs.<kind>.signedBy', 'count', 'higher', 'distinct roles that signed off every document of that kind'),
  m('requirements.count', 'count', 'neither', 'requirement ids found in requirement documents'),
  m('requirements.withAcceptance', 'count', 'higher', 'requirements that state acceptance criteria'),
  m('requirements.acceptanceRate', 'percent', 'higher', 'percent of requirements with acceptance criteria'),
  m('changes.files', 'count', 'neither', 'files changed since --base'),
  m('review.approvals', 'count', 'higher', 'distinct approvers of the change, author excluded'),
  m('defects.density', 'per-kloc', 'lower', 'confirmed defects per KLOC of the code base', 'defects.newDensity'),
  m('defects.newDensity', 'per-kloc', 'lower', 'defects tied to the change per changed KLOC'),
  m('defects.open', 'count', 'lower', 'confirmed defects still open'),
  m('defects.<severity>', 'count', 'lower', 'open defects of that severity'),
  m('defects.density.<severity>', 'per-kloc', 'lower', 'confirmed defects of that severity (critical, high, medium, low) per KLOC'),
  m('schedule.pv', 'money', 'neither', 'planned value (PV) to date'),
  m('schedule.ev', 'money', 'higher', 'earned value (EV) to date'),
  m('schedule.sv', 'money', 'higher', 'schedule variance SV = EV - PV'),
  m('schedule.spi', 'ratio', 'higher', 'schedule performance index SPI = EV / PV'),
  m('schedule.spiT', 'ratio', 'higher', 'earned-schedule SPI(t) = ES / AT'),
  m('schedule.svT', 'days', 'higher', 'earned-schedule variance SV(t) = ES - AT'),
  m('schedule.deviationRate', 'percent', 'lower', '(actual - planned duration) / planned duration'),
  m('cost.ac', 'money', 'lower', 'actual cost (AC) to date'),
  m('cost.cv', 'money', 'higher', 'cost variance CV = EV - AC'),
  m('cost.cpi', 'ratio', 'higher', 'cost performance index CPI = EV / AC'),
  m('cost.eac', 'money', 'lower', 'estimate at completion EAC = BAC / CPI'),
  m('cost.vac', 'money', 'higher', 'variance at completion VAC = BAC - EAC'),
  m('cost.overrunRate', 'percent', 'lower', '(AC - BAC) / BAC when finished, (EAC - BAC) / BAC while running'),
  m('tests.flakyRate', 'percent', 'lower', 'percent of tests that flipped outcome on one commit across recent runs'),
  m('tests.newFailures', 'count', 'lower', "tests failing in the latest run that did not fail in the base branch's last run"),
  m('dora.deploymentFrequency', 'per-day', 'higher', 'production deployments per day'),
  m('dora.leadTime', 'hours', 'lower', 'median hours from commit to production'),
  m('dora.changeFailureRate', 'percent', 'lower', 'percent of deployments that caused an incident or rollback'),
  m('dora.timeToRestore', 'hours', 'lower', 'median hours from incident to restore'),
  m('forecast.onTimeProbability', 'percent', 'higher', 'chance of finishing by the due date (Monte Carlo)'),
];

const exact = new Map(METRICS.filter((x) => !x.name.includes('<')).map((x) => [x.name, x]));
const patterns = METRICS.filter((x) => x.name.includes('<')).map((x) => ({
  info: x,
  re: new RegExp('^' + x.name.replace(/\./g, '\\.').replace(/<[a-z]+>/g, '[A-Za-z0-9_-]+') + '$'),
}));

/** Looks a metric name up, matching placeholder patterns such as `docs.<kind>.present`. */
export function metricInfo(name: string): MetricInfo | undefined {
  return exact.get(name) ?? patterns.find((p) => p.re.test(name))?.info;
}

/** Up to three known names closest to `name`, for "did you mean" hints. */
export function suggestMetrics(name: string): string[] {
  return [...exact.keys()]
    .map((k) => ({ k, d: distance(k.toLowerCase(), name.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
}
