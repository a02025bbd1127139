/**
 * Test analytics across runs: pass rate per period, flaky tests (a test whose outcome flipped
 * between passed and failed on the same commit, or that a run recorded as flaky), the
 * flaky-test rate, the slowest tests and the failures new against the base branch.
 */
import type { RunRecord, TestRun } from '../store/records.js';
import type { At } from './history.js';
import { Tally } from './measure.js';
import { completePeriods, DAY_MS, median, periodLabel, type PeriodUnit } from './time.js';

export interface FlakyTest {
  id: string;
  /** Commits on which the outcome flipped. */
  commits: string[];
  /** Runs that recorded the test as flaky (passed on retry). */
  recordedFlaky: number;
}

export interface RunRef {
  id: string;
  branch: string;
  commit: string;
  time: string;
}

export interface TestReport {
  window: { from: string; to: string; runs: number };
  passRate: Array<{ period: string; runs: number; passed: number; executed: number; passRate?: number }>;
  /** Distinct tests seen in the window (or the largest tests.total of its runs, when larger). */
  testsSeen: number;
  flaky: FlakyTest[];
  flakyTrend: Array<{ period: string; flaky: number; tests: number; rate?: number }>;
  slowest: Array<{ id: string; medianSeconds: number; runs: number }>;
  newFailures?: { head: RunRef; base: RunRef; tests: string[] };
}

const PASS = 1;
const FAIL = 2;
const bit = (o: TestRun['outcome']): number => (o === 'passed' || o === 'flaky' ? PASS : o === 'failed' || o === 'errored' ? FAIL : 0);

/** Flaky tests among `runs`, and how many distinct tests they ran. */
export function flakyAmong(runs: readonly At<RunRecord>[]): { flaky: FlakyTest[]; tests: number } {
  const outcomes = new Map<string, Map<string, number>>();
  const recorded = new Map<string, number>();
  let largestTotal = 0;
  for (const { r } of runs) {
    largestTotal = Math.max(largestTotal, r.metrics['tests.total'] ?? 0);
    for (const t of r.tests ?? []) {
      const b = bit(t.outcome);
      if (b === 0) continue;
      let byCommit = outcomes.get(t.id);
      if (!byCommit) outcomes.set(t.id, (byCommit = new Map()));
      byCommit.set(r.commit, (byCommit.get(r.commit) ?? 0) | b);
      if (t.outcome === 'flaky') recorded.set(t.id, (recorded.get(t.id) ?? 0) + 1);
    }
  }
  const flaky: FlakyTest[] = [];
  for (const [id, byCommit] of outcomes) {
    const commits = [...byCommit].filter(([, b]) => b === (PASS | FAIL)).map(([c]) => c).sort();
    const rec = recorded.get(id) ?? 0;
    if (commits.length > 0 || rec > 0) flaky.push({ id, commits, recordedFlaky: rec });
  }
  flaky.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { flaky, tests: Math.max(outcomes.size, largestTotal) };
}

function runCounts(r: RunRecord): { passed: number; executed: number } | undefined {
  const m = r.metrics;
  if (m['tests.passed'] !== undefined) {
    const passed = m['tests.passed'];
    return { passed, executed: passed + (m['tests.failed'] ?? 0) + (m['tests.errored'] ?? 0) };
  }
  if (!r.tests) return undefined;
  const bits = r.tests.map((t) => bit(t.outcome));
  return { passed: bits.filter((b) => b === PASS).length, executed: bits.filter((b) => b !== 0).length };
}

function inRange(runs: readonly At<RunRecord>[], from: number, to: number): At<RunRecord>[] {
  return runs.filter((x) => x.ms >= from && x.ms < to);
}

function slowest(runs: readonly At<RunRecord>[], top = 10): TestReport['slowest'] {
  const times = new Map<string, number[]>();
  for (const { r } of runs) for (const t of r.tests ?? []) if (t.duration !== undefined) (times.get(t.id) ?? times.set(t.id, []).get(t.id)!).push(t.duration);
  return [...times]
    .map(([id, ds]) => ({ id, medianSeconds: median(ds), runs: ds.length }))
    .sort((a, b) => b.medianSeconds - a.medianSeconds || (a.id < b.id ? -1 : 1))
    .slice(0, top);
}

const ref = ({ r }: At<RunRecord>): RunRef => ({ id: r.id, branch: r.branch, commit: r.commit, time: r.time });

/** Tests failing in the latest run that did not fail in the base branch's last run before it. */
export function newFailures(runs: readonly At<RunRecord>[], baseBranch: string): TestReport['newFailures'] {
  const withTests = runs.filter((x) => x.r.tests !== undefined);
  const head = withTests.at(-1);
  const base = head && withTests.findLast((x) => x !== head && x.r.branch === baseBranch);
  if (!head || !base) return undefined;
  const failedBefore = new Set(base.r.tests!.filter((t) => bit(t.outcome) === FAIL).map((t) => t.id));
  const tests = head.r.tests!.filter((t) => bit(t.outcome) === FAIL && !failedBefore.has(t.id)).map((t) => t.id).sort();
  return { head: ref(head), base: ref(base), tests };
}

export interface TestInput {
  runs: readonly At<RunRecord>[];
  asOf: number;
  windowDays: number;
  unit: PeriodUnit;
  periods: number;
  baseBranch: string;
}

/** The test section of the report and tests.flakyRate / tests.newFailures. */
export function testKpis(input: TestInput): { report: TestReport | null; tally: Tally } {
  const tally = new Tally();
  if (input.runs.length === 0) {
    tally.skip(['tests.flakyRate', 'tests.newFailures'], 'no runs recorded for this project');
    return { report: null, tally };
  }
  const from = input.asOf - input.windowDays * DAY_MS;
  const window = inRange(input.runs, from, input.asOf + 1);
  const { flaky, tests } = flakyAmong(window);
  const periods = completePeriods(input.asOf, input.unit, input.periods);
  const report: TestReport = {
    window: { from: new Date(from).toISOString(), to: new Date(input.asOf).toISOString(), runs: window.length },
    passRate: periods.map(([s, e]) => passRateIn(inRange(input.runs, s, e), periodLabel(s, input.unit))),
    testsSeen: tests,
    flaky,
    flakyTrend: periods.map(([s, e]) => {
      const f = flakyAmong(inRange(input.runs, s, e));
      return { period: periodLabel(s, input.unit), flaky: f.flaky.length, tests: f.tests, ...(f.tests > 0 ? { rate: (f.flaky.length / f.tests) * 100 } : {}) };
    }),
    slowest: slowest(window),
  };
  tally.set('tests.flakyRate', tests > 0 ? (flaky.length / tests) * 100 : undefined, `no run in the last ${input.windowDays} days recorded per-test outcomes`);
  const nf = newFailures(input.runs, input.baseBranch);
  if (nf) report.newFailures = nf;
  tally.set('tests.newFailures', nf?.tests.length, `no run of the base branch "${input.baseBranch}" with per-test outcomes to compare the latest run with`);
  return { report, tally };
}

function passRateIn(runs: readonly At<RunRecord>[], period: string): TestReport['passRate'][number] {
  let passed = 0;
  let executed = 0;
  for (const { r } of runs) {
    const c = runCounts(r);
    if (!c) continue;
    passed += c.passed;
    executed += c.executed;
  }
  return { period, runs: runs.length, passed, executed, ...(executed > 0 ? { passRate: (passed / executed) * 100 } : {}) };
}
