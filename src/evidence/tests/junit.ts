/**
 * The JUnit XML family (Ant, Surefire/Failsafe, Gradle, jest-junit, pytest, go-junit-report,
 * gotestsum, PHPUnit, Playwright, Karma, Mocha, xUnit.net/NUnit JUnit output, Bazel,
 * nette/tester, Swift): `<testsuites>` or `<testsuite>` roots, suites nested at any depth.
 */
import { TEXT_CAP, firstLine } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import type { Outcome, TestRun } from './tally.js';

const RESULT: Record<string, Outcome> = { error: 'errored', failure: 'failed', skipped: 'skipped' };
const RANK: Record<Outcome, number> = { passed: 0, skipped: 1, failed: 2, errored: 3 };
const RETRY = new Set(['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);
const SKIP_STATUS = new Set(['notrun', 'skipped', 'disabled', 'ignored']);

interface OpenCase {
  run: TestRun;
  messageFrom?: string;
  text: string;
  capturing: boolean;
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

/** A visitor that reports every test-case element of a JUnit document to `emit`. */
export function junitVisitor(emit: (run: TestRun) => void, normalisePath: (p: string) => string): XmlVisitor {
  const suites: string[] = [];
  let current: OpenCase | undefined;

  return {
    open(name, attrs) {
      if (name === 'testsuite') {
        suites.push(attrs.name ?? '');
        return;
      }
      if (name === 'testcase') {
        const suite = suites[suites.length - 1] ?? '';
        const classname = attrs.classname || attrs.class || suite;
        const file = attrs.file ? normalisePath(attrs.file) : undefined;
        const skipped = SKIP_STATUS.has((attrs.status ?? '').toLowerCase()) || (attrs.result ?? '').toLowerCase() === 'skipped';
        current = {
          run: { suite, classname, name: attrs.name ?? '', outcome: skipped ? 'skipped' : 'passed', time: parseSeconds(attrs.time), file, line: parseLine(attrs.line) },
          text: '',
          capturing: false,
        };
        return;
      }
      if (!current) return;
      const run = current.run;
      const outcome = RESULT[name];
      if (outcome) {
        if (RANK[outcome] > RANK[run.outcome]) {
          run.outcome = outcome;
          current.messageFrom = name;
          run.message = firstLine(attrs.message);
          current.text = '';
        }
        current.capturing = current.messageFrom === name && !run.message;
        return current.capturing;
      }
      if (RETRY.has(name)) {
        // flaky*: a retry failed, the test passed in the end; rerun*: every rerun failed too.
        if (name.startsWith('flaky')) run.retriedFailure = true;
        else if (RANK[run.outcome] < RANK.failed) run.outcome = name === 'rerunError' ? 'errored' : 'failed';
        if (!run.message && run.outcome !== 'skipped') {
          run.message = firstLine(attrs.message);
          current.capturing = !run.message;
          return current.capturing;
        }
      }
    },
    text(chunk) {
      if (current?.capturing && current.text.length < TEXT_CAP) current.text += chunk.slice(0, TEXT_CAP - current.text.length);
    },
    close(name) {
      if (name === 'testsuite') {
        suites.pop();
        return;
      }
      if (!current) return;
      if (name === 'testcase') {
        emit(current.run);
        current = undefined;
        return;
      }
      if (current.capturing) {
        current.run.message = firstLine(current.text);
        current.capturing = false;
        current.text = '';
      }
    },
  };
}
