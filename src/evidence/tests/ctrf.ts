/**
 * CTRF, the Common Test Report Format (ctrf.io): `results.tests[]`, one entry per test with
 * its final status after retries. `flaky: true` (or retries before a pass) marks a pass
 * that needed a retry. Status `other` keeps the runner's own word in `rawStatus`: a not-run
 * word (todo, disabled…) is skipped, anything else errored, since it is no pass we can confirm.
 */
import { detailsText, messageText } from '../files.js';
import { type Fields, type JsonReport, plain } from './json-report.js';
import type { Outcome, TestRun } from './tally.js';

const OUTCOME: Record<string, Outcome> = { passed: 'passed', failed: 'failed', skipped: 'skipped', pending: 'skipped' };
const NOT_RUN = new Set(['todo', 'skipped', 'skip', 'pending', 'disabled', 'ignored', 'excluded', 'notrun', 'not_run', 'notexecuted']);

/** Reads every test of a CTRF report. */
export function readCtrfJson(report: JsonReport, emit: (run: TestRun) => void, normalisePath: (p: string) => string): void {
  const results = report.top.get('results');
  if (!results || report.text[results.start] !== '{') throw report.fail('/results', 'must be object');
  for (const t of report.elements(report.members(results).get('tests'), '/results/tests')) emit(ctrfRun(t, normalisePath));
}

function ctrfRun(t: Fields, normalisePath: (p: string) => string): TestRun {
  const status = t.str('status') ?? '';
  const raw = t.str('rawStatus') ?? '';
  let outcome = OUTCOME[status];
  let message = plain(t.str('message'));
  if (!outcome) {
    outcome = status === 'other' && NOT_RUN.has(raw.toLowerCase()) ? 'skipped' : 'errored';
    if (outcome === 'errored' && !message) message = `status "${status}"${raw ? ` (${raw})` : ''} is not a pass`;
  }
  const filePath = t.str('filePath');
  const file = filePath ? normalisePath(filePath) : undefined;
  const run: TestRun = {
    suite: file ?? '',
    // Older reporters write the suite path as one string ("a.test.js > calc"), the spec as a list.
    classname: t.strings('suite').join(' > '),
    name: t.str('name') ?? '',
    outcome,
    time: (t.num('duration') ?? 0) / 1000,
    file,
    line: t.num('line'),
  };
  if (outcome === 'passed' && (t.bool('flaky') === true || (t.num('retries') ?? 0) > 0)) run.retriedFailure = true;
  if (outcome === 'failed' || outcome === 'errored') {
    run.message = messageText(message);
    run.details = detailsText(plain(t.str('trace')));
  }
  return run;
}
