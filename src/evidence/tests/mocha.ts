/**
 * Mocha `--reporter json`: `tests[]` holds every test that ended (pending ones too, listed
 * again in `pending[]`); a failed hook (`"before all" hook for …`) appears only in
 * `failures[]` and becomes an errored test, since the tests it guarded never ran.
 */
import { detailsText, messageText } from '../files.js';
import { type Fields, type JsonReport, plain } from './json-report.js';
import type { TestRun } from './tally.js';

const HOOK = /^"(before|after) (all|each)" hook/;

/** Reads every test and failed hook of a Mocha JSON report. */
export function readMochaJson(report: JsonReport, emit: (run: TestRun) => void, normalisePath: (p: string) => string): void {
  // Only the pending tests' titles are kept: a set as large as the skipped tests.
  const pending = new Set<string>();
  for (const t of report.elements(report.top.get('pending'), '/pending')) pending.add(t.str('fullTitle') ?? '');
  for (const t of report.elements(report.top.get('tests'), '/tests')) {
    const err = t.obj('err');
    const failed = err !== undefined && Object.keys(err.value).length > 0;
    const run = mochaRun(t, normalisePath);
    if (failed) Object.assign(run, { outcome: 'failed' }, errorText(err));
    else if (pending.has(t.str('fullTitle') ?? '')) run.outcome = 'skipped';
    // The JSON reporter writes one entry per test, after its retries: a pass on a retry is flaky.
    else if ((t.num('currentRetry') ?? 0) > 0) run.retriedFailure = true;
    emit(run);
  }
  for (const t of report.elements(report.top.get('failures'), '/failures')) {
    if (!HOOK.test(t.str('title') ?? '')) continue;
    const err = t.obj('err');
    emit({ ...mochaRun(t, normalisePath), outcome: 'errored', ...(err ? errorText(err) : {}) });
  }
}

function mochaRun(t: Fields, normalisePath: (p: string) => string): TestRun {
  const title = t.str('title') ?? '';
  const full = t.str('fullTitle') ?? title;
  const raw = t.str('file');
  const file = raw ? normalisePath(raw) : undefined;
  // fullTitle is the suite titles and the test title joined by spaces.
  const classname = full.endsWith(title) ? full.slice(0, full.length - title.length).trim() : '';
  return { suite: file ?? '', classname, name: title, outcome: 'passed', time: (t.num('duration') ?? 0) / 1000, file };
}

function errorText(err: Fields): { message?: string; details?: string } {
  const stack = plain(err.str('stack'));
  return { message: messageText(plain(err.str('message'))) ?? messageText(stack?.split('\n')[0]), details: detailsText(stack) };
}
