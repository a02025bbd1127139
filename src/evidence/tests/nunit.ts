/** NUnit 3 native XML (`<test-run>` root): one `<test-case>` per test, suites nested inside. */
import { TEXT_CAP, firstLine } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import type { Outcome, TestRun } from './tally.js';
import { parseSeconds } from './junit.js';

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
export function nunitVisitor(emit: (run: TestRun) => void): XmlVisitor {
  let run: TestRun | undefined;
  let inFailure = false;
  let capturing = false;
  let text = '';
  return {
    open(name, attrs) {
      if (name === 'test-case') {
        const testName = attrs.name ?? '';
        const full = attrs.fullname ?? '';
        // The fullname keeps parameterised fixtures apart: Fixture(42).Test vs Fixture(5).Test.
        const classname = full.endsWith(`.${testName}`) ? full.slice(0, -testName.length - 1) : (attrs.classname ?? '');
        run = { suite: '', classname, name: testName, outcome: outcomeOf(attrs.result, attrs.label), time: parseSeconds(attrs.duration) };
        return;
      }
      if (!run) return;
      if (name === 'failure') inFailure = true;
      if (name === 'message' && inFailure && !run.message) {
        capturing = true;
        text = '';
        return true;
      }
    },
    text(chunk) {
      if (capturing && text.length < TEXT_CAP) text += chunk.slice(0, TEXT_CAP - text.length);
    },
    close(name) {
      if (!run) return;
      if (name === 'message' && capturing) {
        run.message = firstLine(text);
        capturing = false;
      } else if (name === 'failure') inFailure = false;
      else if (name === 'test-case') {
        emit(run);
        run = undefined;
      }
    },
  };
}
