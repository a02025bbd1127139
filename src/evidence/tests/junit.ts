/**
 * The JUnit XML family (Ant, Surefire/Failsafe, Gradle, jest-junit, pytest, go-junit-report,
 * gotestsum, PHPUnit, Playwright, Karma, Mocha, xUnit.net/NUnit JUnit output, Bazel,
 * nette/tester, Swift): `<testsuites>` or `<testsuite>` roots, suites nested at any depth.
 * No JUnit element marks a retry of another element: Surefire, Gradle (`mergeReruns`) and
 * Playwright (`includeRetries`) write retries inside the element (flaky*, rerun*).
 */
import { ITEM_DETAILS_CAP, detailsText, messageText } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import { SuiteCounts } from './junit-suites.js';
import type { Emit, Outcome, TestRun } from './tally.js';

const RESULT: Record<string, Outcome> = { error: 'errored', failure: 'failed', skipped: 'skipped' };
const RANK: Record<Outcome, number> = { passed: 0, skipped: 1, failed: 2, errored: 3 };
const RETRY = new Set(['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);
const SKIP_STATUS = new Set(['notrun', 'skipped', 'disabled', 'ignored']);
const MUTED = new Set(['system-out', 'system-err']);
/** Enough failure text for a details excerpt and its truncation mark, after trimming. */
const CAPTURE_CAP = 2 * ITEM_DETAILS_CAP;
/** A stack-frame line (JavaScript, Java, .NET `at …`; Vitest `❯ file:line`): the message ends before it. */
const STACK_FRAME = /^\s*(?:at\s|❯\s)/;

interface OpenCase {
  run: TestRun;
  /** The element whose message and text describe the failure (failure, error, or a retry element). */
  source?: string;
  fromRetry: boolean;
  attrMessage?: string;
  text: string;
  capturing: boolean;
  muted: number;
}

/** Parses a JUnit `time` attribute: seconds, possibly with thousands separators ("1,234.5"). */
export function parseSeconds(value: string | undefined): number {
  if (!value) return 0;
  const n = Number(value.replace(/,/g, ''));
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function parseLine(value: string | undefined): number | undefined {
  const n = value ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The message and details of a failure element: the whole `message` attribute, else the text
 * up to its first stack frame (for Jest that keeps "Expected: … Received: …"); the details are
 * the element's text (stack trace, diff), left out when it only repeats the message.
 */
export function failureText(attrMessage: string | undefined, text: string): { message?: string; details?: string } {
  const message = messageText(attrMessage) ?? messageText(headOf(text));
  const details = detailsText(text);
  return { message, details: details === message ? undefined : details };
}

function headOf(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => STACK_FRAME.test(l));
  return (end < 0 ? lines : lines.slice(0, end)).join('\n');
}

/** A visitor that reports every test-case element of a JUnit document to `emit`. */
export function junitVisitor(emit: Emit, normalisePath: (p: string) => string): XmlVisitor {
  const suites = new SuiteCounts(emit);
  let current: OpenCase | undefined;

  const openCase = (attrs: Record<string, string>): void => {
    const { suite, position } = suites.nextCase();
    const classname = attrs.classname || attrs.class || suite || emit.file || '';
    const name = attrs.name || `(test ${position})`;
    const file = attrs.file ? normalisePath(attrs.file) : undefined;
    const skipped = SKIP_STATUS.has((attrs.status ?? '').toLowerCase()) || (attrs.result ?? '').toLowerCase() === 'skipped';
    const run: TestRun = { suite, classname, name, outcome: skipped ? 'skipped' : 'passed', time: parseSeconds(attrs.time), file, line: parseLine(attrs.line) };
    current = { run, fromRetry: false, text: '', capturing: false, muted: 0 };
  };
  const capture = (c: OpenCase, name: string, attrs: Record<string, string>, fromRetry: boolean): true => {
    Object.assign(c, { source: name, fromRetry, attrMessage: attrs.message, text: '', capturing: true, muted: 0 });
    return true;
  };

  return {
    open(name, attrs) {
      if (name === 'testsuite' || name === 'testsuites') return suites.open(name, attrs);
      if (name === 'testcase') return openCase(attrs);
      if (!current) return;
      const run = current.run;
      const outcome = RESULT[name];
      if (outcome) {
        // A real failure or error outranks a retry element's (Playwright writes rerunFailure first).
        const replaces = RANK[outcome] > RANK[run.outcome] || (current.fromRetry && RANK[outcome] >= RANK[run.outcome]);
        if (!replaces) return;
        run.outcome = outcome;
        if (outcome !== 'skipped') return capture(current, name, attrs, false);
        return;
      }
      if (RETRY.has(name)) {
        // flaky*: a retry failed, the test passed in the end; rerun*: every rerun failed too.
        if (name.startsWith('flaky')) run.retriedFailure = true;
        else if (RANK[run.outcome] < RANK.failed) run.outcome = name === 'rerunError' ? 'errored' : 'failed';
        if (!current.source) return capture(current, name, attrs, true);
        return;
      }
      if (current.capturing && MUTED.has(name)) current.muted++;
    },
    text(chunk) {
      const c = current;
      if (c?.capturing && c.muted === 0 && c.text.length < CAPTURE_CAP) c.text += chunk.slice(0, CAPTURE_CAP - c.text.length);
    },
    close(name) {
      if (name === 'testsuite' || name === 'testsuites') return suites.close();
      const c = current;
      if (!c) return;
      if (name === 'testcase') {
        suites.caseDone(c.run.outcome);
        emit(c.run);
        current = undefined;
      } else if (c.capturing && MUTED.has(name) && c.muted > 0) {
        c.muted--;
      } else if (c.capturing && name === c.source && c.muted === 0) {
        const { message, details } = failureText(c.attrMessage, c.text);
        c.run.message = message;
        c.run.details = details;
        c.capturing = false;
        c.text = '';
      }
    },
  };
}
