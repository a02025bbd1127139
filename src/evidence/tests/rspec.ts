/**
 * RSpec `--format json`: `examples[]` with status passed, failed or pending. Errors outside
 * examples (a spec file that failed to load, an error in a `before(:suite)` hook) stop RSpec
 * before it runs anything and appear only as a count and as text in `messages[]`: they become
 * one errored test, so such a run can never pass as "0 examples, 0 failures".
 */
import { detailsText, messageText } from '../files.js';
import { type Fields, type JsonReport, plain } from './json-report.js';
import type { Outcome, TestRun } from './tally.js';

const OUTCOME: Record<string, Outcome> = { passed: 'passed', failed: 'failed', pending: 'skipped' };

/** Reads every example of an RSpec JSON report. */
export function readRspecJson(report: JsonReport, emit: (run: TestRun) => void, normalisePath: (p: string) => string): void {
  for (const e of report.elements(report.top.get('examples'), '/examples')) emit(rspecRun(e, normalisePath));
  const summary = report.fields(report.member('summary') ?? {}, '/summary');
  const outside = summary.num('errors_outside_of_examples_count') ?? 0;
  if (outside > 0) {
    const messages = report.fields({ messages: report.member('messages') }, '').strings('messages');
    emit({ suite: '', classname: '', name: '[errors outside of examples]', outcome: 'errored', time: 0, message: messageText(plain(messages.join('\n\n'))) ?? `${outside} errors outside of examples` });
  }
}

function rspecRun(e: Fields, normalisePath: (p: string) => string): TestRun {
  const status = e.str('status') ?? '';
  const name = e.str('description') ?? '';
  const full = e.str('full_description') ?? name;
  const raw = e.str('file_path');
  const file = raw ? normalisePath(raw.replace(/^\.\//, '')) : undefined;
  const run: TestRun = {
    suite: file ?? '',
    // full_description is the example groups' descriptions and the example's, joined by spaces.
    classname: full.endsWith(name) ? full.slice(0, full.length - name.length).trim() : '',
    name,
    outcome: OUTCOME[status] ?? 'errored',
    time: e.num('run_time') ?? 0,
    file,
    line: e.num('line_number'),
  };
  if (run.outcome === 'failed' || run.outcome === 'errored') {
    const ex = e.obj('exception');
    const text = plain(ex?.str('message'));
    const cls = ex?.str('class');
    run.message = messageText(cls && text ? `${cls}: ${text.trim()}` : (text ?? cls)) ?? (OUTCOME[status] ? undefined : `unknown status "${status}"`);
    run.details = detailsText(ex?.strings('backtrace').join('\n'));
  }
  return run;
}
