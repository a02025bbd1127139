/**
 * Jest `--json` and Vitest `--reporter=json` (the same shape): `testResults[]` is one test
 * file, `assertionResults[]` its tests. A file that failed to run (a syntax or import error)
 * has no tests and a `message`: it becomes one errored test `[suite]`.
 */
import { detailsText, messageText } from '../files.js';
import { type Fields, type JsonReport, plain } from './json-report.js';
import type { Outcome, TestRun } from './tally.js';

const OUTCOME: Record<string, Outcome> = {
  passed: 'passed', failed: 'failed', pending: 'skipped', skipped: 'skipped', todo: 'skipped', disabled: 'skipped',
};
const STACK_LINE = /^\s*at .*$/m;

/** Splits a JavaScript error text into its message and its stack (from the first `at` line). */
export function splitStack(text: string): { message?: string; details?: string } {
  const clean = plain(text);
  const at = STACK_LINE.exec(clean);
  if (!at) return { message: messageText(clean) };
  return { message: messageText(clean.slice(0, at.index)) ?? messageText(clean), details: detailsText(clean.slice(at.index)) };
}

/** Reads every test of a Jest or Vitest JSON report. */
export function readJestJson(report: JsonReport, emit: (run: TestRun) => void, normalisePath: (p: string) => string): void {
  for (const suite of report.elements(report.top.get('testResults'), '/testResults')) {
    const raw = suite.str('name') ?? suite.str('testFilePath') ?? '';
    const file = raw ? normalisePath(raw) : undefined;
    const tests = suite.list('assertionResults');
    for (const t of tests) emit(jestRun(t, file ?? '', raw));
    const message = suite.str('message') ?? suite.obj('testExecError')?.str('message');
    if (tests.length === 0 && suite.str('status') === 'failed') {
      emit({ suite: file ?? '', classname: file ?? '', name: '[suite]', outcome: 'errored', time: 0, ...splitStack(message || 'test file failed to run'), file });
    }
  }
}

function jestRun(t: Fields, file: string, rawFile: string): TestRun {
  const status = t.str('status') ?? '';
  const outcome: Outcome = OUTCOME[status] ?? 'errored';
  const failures = t.strings('failureMessages');
  const run: TestRun = {
    suite: file,
    classname: t.strings('ancestorTitles').join(' › '),
    name: t.str('title') ?? t.str('fullName') ?? '',
    outcome,
    time: (t.num('duration') ?? 0) / 1000,
    file: file || undefined,
    line: t.obj('location')?.num('line') ?? lineIn(failures[0], rawFile),
  };
  if (outcome === 'passed') {
    // Jest counts attempts in `invocations`; Vitest keeps the failed attempts' messages.
    if ((t.num('invocations') ?? 1) > 1 || t.strings('retryReasons').length > 0 || failures.length > 0) run.retriedFailure = true;
  } else if (outcome !== 'skipped') {
    Object.assign(run, splitStack(failures.join('\n\n') || (OUTCOME[status] ? '' : `unknown status "${status}"`)));
  }
  return run;
}

/** The line of the first stack frame in the test file, when the report has no `location`. */
function lineIn(failure: string | undefined, file: string): number | undefined {
  if (!failure || !file) return undefined;
  const at = failure.indexOf(`${file}:`);
  if (at < 0) return undefined;
  const n = Number.parseInt(failure.slice(at + file.length + 1), 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
