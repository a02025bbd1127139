/**
 * NUnit 3 native XML (`<test-run>` root, or a bare `<test-suite>` as some runners and
 * merges write): one `<test-case>` per test, suites nested inside. NUnit's `[Retry]` writes
 * one `<test-case>` with the final attempt's result (nunit/nunit#1879), so no element is a
 * retry of another.
 */
import { ITEM_DETAILS_CAP, detailsText, messageText } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import type { Emit, Outcome, TestRun } from './tally.js';
import { parseSeconds } from './junit.js';

/** Enough text for a capped message or details excerpt and its truncation mark, after trimming. */
const CAPTURE_CAP = 2 * ITEM_DETAILS_CAP;

function outcomeOf(result: string | undefined, label: string | undefined): Outcome {
  switch ((result ?? '').toLowerCase()) {
    case 'failed':
      return label === 'Error' || label === 'Cancelled' ? 'errored' : 'failed';
    case 'skipped':
    case 'inconclusive':
      return 'skipped';
    default:
      // Passed, and Warning (a passed test that logged a warning)
      return 'passed';
  }
}

/** A visitor that reports every `<test-case>` of an NUnit 3 document to `emit`. */
export function nunitVisitor(emit: Emit): XmlVisitor {
  let run: TestRun | undefined;
  let position = 0;
  let inFailure = false;
  let capturing: 'message' | 'stack-trace' | undefined;
  let text = '';
  return {
    open(name, attrs) {
      if (name === 'test-case') {
        position++;
        // A test case without a name gets its position in the file: an id is never empty.
        const testName = attrs.name || `(test ${position})`;
        const full = attrs.fullname ?? '';
        // The fullname keeps parameterised fixtures apart: Fixture(42).Test vs Fixture(5).Test.
        const classname = full.endsWith(`.${testName}`) ? full.slice(0, -testName.length - 1) : (attrs.classname ?? '');
        run = { suite: '', classname, name: testName, outcome: outcomeOf(attrs.result, attrs.label), time: parseSeconds(attrs.duration) };
        return;
      }
      if (!run) return;
      if (name === 'failure') inFailure = true;
      if (inFailure && (name === 'message' || name === 'stack-trace')) {
        capturing = name;
        text = '';
        return true;
      }
    },
    text(chunk) {
      if (capturing && text.length < CAPTURE_CAP) text += chunk.slice(0, CAPTURE_CAP - text.length);
    },
    close(name) {
      if (!run) return;
      if (name === capturing) {
        if (name === 'message') run.message ??= messageText(text);
        else run.details ??= detailsText(text);
        capturing = undefined;
      } else if (name === 'failure') inFailure = false;
      else if (name === 'test-case') {
        emit(run);
        run = undefined;
      }
    },
  };
}
