/**
 * Jenkins' test report JSON (`/job/…/N/testReport/api/json`, written by the `junit` step) read
 * into the same TestTally the JUnit reader feeds, so a build's report gives exactly the
 * `tests.*` metrics and test items `phasegate collect --junit` gives for the XML behind it.
 * Pure: no I/O.
 *
 * Shapes: `hudson.tasks.junit.TestResult` (`suites[].cases[]`), and aggregated reports
 * (`hudson.tasks.test.MatrixTestResult` of a matrix build, `hudson.tasks.test.AggregatedTestResultAction`
 * results) whose `childReports[].result` each is such a TestResult. Statuses: PASSED and FIXED
 * pass, FAILED and REGRESSION fail, SKIPPED is skipped (Jenkins has no separate "error").
 * A case's id is `className::name`, as the JUnit reader makes it; `errorDetails` is the
 * message, `errorStackTrace` the details.
 *
 * FIXED (passes now, failed in the previous build) and REGRESSION (fails now, passed in the
 * previous build) are returned by id: the importer turns them into the passes that let the
 * history see a flip on one commit (src/jenkins/import.ts).
 */
import { PhasegateError } from '../errors.js';
import { detailsText, detach, messageText } from '../evidence/files.js';
import type { Emit, Outcome } from '../evidence/tests/tally.js';

/** The test ids whose status says they changed since the previous build. */
export interface StatusChanges {
  /** Passed now, failed in the previous build. */
  fixed: string[];
  /** Failed now, passed in the previous build. */
  regressions: string[];
}

const OUTCOME: Record<string, Outcome> = { PASSED: 'passed', FIXED: 'passed', FAILED: 'failed', REGRESSION: 'failed', SKIPPED: 'skipped' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** True for JSON that is a test report (a TestResult or an aggregated one). */
export function isTestReport(report: unknown): boolean {
  return isObj(report) && (Array.isArray(report.suites) || Array.isArray(report.childReports) || num(report.totalCount) !== undefined || num(report.passCount) !== undefined);
}

/**
 * Reads `report` into `emit` (a TestTally's emitter); `shown` names it in messages. Throws a
 * PhasegateError when the JSON is not a test report.
 */
export function readJenkinsTestReport(report: unknown, shown: string, emit: Emit): StatusChanges {
  if (!isTestReport(report)) throw new PhasegateError({ message: `${shown}: not a Jenkins test report (no suites or childReports); check the URL names a build with JUnit results` });
  const changes: StatusChanges = { fixed: [], regressions: [] };
  const r = report as Obj;
  if (Array.isArray(r.childReports)) {
    r.childReports.forEach((c: unknown, i) => {
      const child = isObj(c) && isObj(c.child) ? c.child : {};
      const label = `child ${num(child.number) ?? i + 1}`;
      if (isObj(c) && isObj(c.result)) readResult(c.result, label, emit, changes);
    });
    // An aggregated report may also carry suites of its own (it never does today; read them if so).
    if (Array.isArray(r.suites)) readResult(r, 'report', emit, changes);
  } else {
    readResult(r, 'report', emit, changes);
  }
  return changes;
}

function readResult(result: Obj, label: string, emit: Emit, changes: StatusChanges): void {
  const declared = { passed: num(result.passCount), failed: num(result.failCount), skipped: num(result.skipCount) };
  const declaredTotal = declared.passed !== undefined || declared.failed !== undefined || declared.skipped !== undefined ? (declared.passed ?? 0) + (declared.failed ?? 0) + (declared.skipped ?? 0) : undefined;
  if (!Array.isArray(result.suites)) {
    // Counts without suites: the tests are counted as declared (as for a JUnit suite that lists no cases).
    if (declaredTotal) {
      emit.declared?.({ classname: label, passed: declared.passed ?? 0, failed: declared.failed ?? 0, errored: 0, skipped: declared.skipped ?? 0, message: `the Jenkins test report (${label}) gives counts but no test cases` });
      emit.warn?.(`${label}: the report declares ${declaredTotal} tests but lists no test cases; counted as declared`);
    }
    return;
  }
  let listed = 0;
  for (const s of result.suites) {
    if (!isObj(s)) continue;
    const suite = str(s.name) ?? '';
    const cases = Array.isArray(s.cases) ? s.cases : [];
    cases.forEach((c: unknown, i) => {
      if (!isObj(c)) return;
      listed++;
      const name = str(c.name) || `(test ${i + 1})`;
      const classname = str(c.className) || suite || emit.file || '';
      const status = str(c.status) ?? '';
      let outcome = OUTCOME[status];
      if (!outcome) {
        outcome = c.skipped === true ? 'skipped' : 'passed';
        emit.warn?.(`${label}: test ${JSON.stringify(`${classname}::${name}`)} has the unknown status ${JSON.stringify(status)}; read as ${outcome}`);
      }
      const failed = outcome === 'failed';
      emit({
        suite: detach(suite),
        classname: detach(classname),
        name: detach(name),
        outcome,
        time: num(c.duration) ?? 0,
        ...(failed ? { message: messageText(str(c.errorDetails)), details: detailsText(str(c.errorStackTrace)) } : {}),
      });
      const id = classname ? `${classname}::${name}` : name;
      if (status === 'FIXED') changes.fixed.push(detach(id));
      else if (status === 'REGRESSION') changes.regressions.push(detach(id));
    });
  }
  if (declaredTotal !== undefined && declaredTotal !== listed) {
    emit.warn?.(`${label}: the report declares ${declaredTotal} tests but lists ${listed}; counted as listed`);
  }
}
