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
  unit: 'count' | 'percent' | 'seconds' | 'kloc' | 'ratio' | 'per-kloc' | 'days' | 'hours' | 'per-day' | 'money' | 'boolean' | 'milliseconds' | 'per-second';
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
  m('security.critical', 'count', 'lower', 'open security findings with security-severity >= 9', 'security.newCritical'),
  m('security.high', 'count', 'lower', 'open security findings with security-severity 7-8.9 (without one: level error)', 'security.newHigh'),
  m('security.medium', 'count', 'lower', 'open security findings with security-severity 4-6.9 (without one: level warning)', 'security.newMedium'),
  m('security.low', 'count', 'lower', 'open security findings below 4 (without one: level note)', 'security.newLow'),
  m('security.new', 'count', 'lower', 'open security findings new since --base or with baselineState new'),
  m('security.newCritical', 'count', 'lower', 'new critical security findings'),
  m('security.newHigh', 'count', 'lower', 'new high security findings'),
  m('security.newMedium', 'count', 'lower', 'new medium security findings'),
  m('security.newLow', 'count', 'lower', 'new low security findings'),
  m('security.suppressed', 'count', 'neither', 'security findings suppressed in the SARIF (counted apart, never open)'),
  m('analysis.errors', 'count', 'lower', 'open static-analysis (non-security) SARIF results of level error', 'analysis.newErrors'),
  m('analysis.warnings', 'count', 'lower', 'open static-analysis (non-security) SARIF results of level warning', 'analysis.newWarnings'),
  m('analysis.notes', 'count', 'lower', 'open static-analysis (non-security) SARIF results of level note', 'analysis.newNotes'),
  m('analysis.newErrors', 'count', 'lower', 'static-analysis errors new since --base or with baselineState new'),
  m('analysis.newWarnings', 'count', 'lower', 'static-analysis warnings new since --base or with baselineState new'),
  m('analysis.newNotes', 'count', 'lower', 'static-analysis notes new since --base or with baselineState new'),
  m('analysis.suppressed', 'count', 'neither', 'static-analysis results suppressed in the SARIF (counted apart, never open)'),
  m('size.kloc', 'kloc', 'neither', 'thousands of code lines (not blank, not comment) of the code languages in the source tree; data, docs and test reports are not counted (docs/evidence.md, Code size)', 'size.newKloc'),
  m('size.newKloc', 'kloc', 'neither', 'thousands of code lines of the code languages added or changed since --base'),
  m('size.<language>.kloc', 'kloc', 'neither', 'code lines per counted language, in thousands (cloc name: size.typescript.kloc, size.cpp.kloc)'),
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
  m('perf.p50', 'milliseconds', 'lower', 'median latency of all samples (exact from JMeter JTL, else as the tool summarised it)'),
  m('perf.p90', 'milliseconds', 'lower', '90th percentile latency (absent from Gatling stats)'),
  m('perf.p95', 'milliseconds', 'lower', '95th percentile latency'),
  m('perf.p99', 'milliseconds', 'lower', "99th percentile latency (k6: only when summaryTrendStats has p(99))"),
  m('perf.errorRate', 'percent', 'lower', 'percent of samples (requests) that failed'),
  m('perf.throughput', 'per-second', 'higher', 'samples (requests) per second'),
  m('perf.samples', 'count', 'neither', 'samples (requests) in the performance results'),
  m('perf.tx.<transaction>.p50', 'milliseconds', 'lower', 'median latency of one transaction (label key: lower case, other characters -> -)'),
  m('perf.tx.<transaction>.p90', 'milliseconds', 'lower', '90th percentile latency of one transaction'),
  m('perf.tx.<transaction>.p95', 'milliseconds', 'lower', '95th percentile latency of one transaction'),
  m('perf.tx.<transaction>.p99', 'milliseconds', 'lower', '99th percentile latency of one transaction'),
  m('perf.tx.<transaction>.errorRate', 'percent', 'lower', 'percent of failed samples of one transaction'),
  m('perf.tx.<transaction>.throughput', 'per-second', 'higher', 'samples per second of one transaction'),
  m('perf.tx.<transaction>.samples', 'count', 'neither', 'samples of one transaction'),
  m('perf.p50Change', 'percent', 'lower', 'percent change of perf.p50 against --perf-baseline'),
  m('perf.p90Change', 'percent', 'lower', 'percent change of perf.p90 against --perf-baseline'),
  m('perf.p95Change', 'percent', 'lower', 'percent change of perf.p95 against --perf-baseline'),
  m('perf.p99Change', 'percent', 'lower', 'percent change of perf.p99 against --perf-baseline'),
  m('perf.throughputChange', 'percent', 'higher', 'percent change of perf.throughput against --perf-baseline'),
  m('perf.errorRateDelta', 'percent', 'lower', 'perf.errorRate minus the baseline error rate, in percentage points'),
  m('perf.tx.<transaction>.p50Change', 'percent', 'lower', 'percent change of a transaction p50 against the baseline'),
  m('perf.tx.<transaction>.p90Change', 'percent', 'lower', 'percent change of a transaction p90 against the baseline'),
  m('perf.tx.<transaction>.p95Change', 'percent', 'lower', 'percent change of a transaction p95 against the baseline'),
  m('perf.tx.<transaction>.p99Change', 'percent', 'lower', 'percent change of a transaction p99 against the baseline'),
  m('perf.tx.<transaction>.throughputChange', 'percent', 'higher', 'percent change of a transaction throughput against the baseline'),
  m('perf.tx.<transaction>.errorRateDelta', 'percent', 'lower', 'a transaction error rate minus the baseline one, in percentage points'),
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
