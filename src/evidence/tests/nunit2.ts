/**
 * NUnit 2 XML (`<test-results>` root, NUnit 2.0–2.6 and tools that write its schema):
 * `<test-case>` elements inside nested `<test-suite>`s, their name the full
 * Namespace.Fixture.Method. NUnit 2.5+ writes `result`; older versions only `executed` and
 * `success`.
 */
import { TEXT_CAP, detailsText, messageText } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import { parseSeconds } from './junit.js';
import type { Outcome, TestRun } from './tally.js';

// NotRunnable (an invalid test) is counted by NUnit 2 itself as not run, so it is skipped.
const RESULT: Record<string, Outcome> = {
  success: 'passed', failure: 'failed', error: 'errored', cancelled: 'errored',
  ignored: 'skipped', skipped: 'skipped', inconclusive: 'skipped', notrunnable: 'skipped',
};

/**
 * Splits a full member name at its last `.` outside parentheses and angle brackets:
 * `Ns.Fixture<Double>(1.5d).Test(2.5)` → [`Ns.Fixture<Double>(1.5d)`, `Test(2.5)`].
 */
export function splitMember(full: string): [classname: string, name: string] {
  let depth = 0;
  for (let i = full.length - 1; i >= 0; i--) {
    const c = full[i];
    if (c === ')' || c === '>' || c === ']') depth++;
    else if (c === '(' || c === '<' || c === '[') depth--;
    else if (c === '.' && depth === 0) return [full.slice(0, i), full.slice(i + 1)];
  }
  return ['', full];
}

function outcomeOf(attrs: Record<string, string>): { outcome: Outcome; message?: string } {
  if (attrs.result !== undefined) {
    const outcome = RESULT[attrs.result.toLowerCase()];
    return outcome ? { outcome } : { outcome: 'errored', message: `unknown result "${attrs.result}"` };
  }
  if ((attrs.executed ?? '').toLowerCase() === 'false') return { outcome: 'skipped' };
  return { outcome: (attrs.success ?? '').toLowerCase() === 'false' ? 'failed' : 'passed' };
}

/** A visitor that reports every `<test-case>` of an NUnit 2 document to `emit`. */
export function nunit2Visitor(emit: (run: TestRun) => void): XmlVisitor {
  return failureCapture('test-case', (attrs) => {
    const [classname, name] = splitMember(attrs.name ?? '');
    const { outcome, message } = outcomeOf(attrs);
    return { suite: '', classname, name, outcome, time: parseSeconds(attrs.time), message };
  }, emit);
}

/**
 * A visitor for formats whose test element (`element`) holds
 * `<failure><message/><stack-trace/></failure>` (NUnit 2, xUnit.net): `start` makes the run
 * from the element's attributes (undefined for an element to skip); the failure's message
 * and stack trace are added to it.
 */
export function failureCapture(
  element: string | ((name: string, depth: number) => boolean),
  start: (attrs: Record<string, string>, name: string) => TestRun | undefined,
  emit: (run: TestRun) => void,
): XmlVisitor {
  const isTest = typeof element === 'string' ? (name: string) => name === element : element;
  let run: TestRun | undefined;
  let inFailure = false;
  let field: string | undefined;
  let text = '';
  return {
    open(name, attrs, depth) {
      if (isTest(name, depth)) {
        run = start(attrs, name);
        return;
      }
      if (!run) return;
      if (name === 'failure') {
        inFailure = true;
        // Old NUnit 2 writes a failed test as executed="True" with a <failure> and no success="False".
        if (run.outcome === 'passed') run.outcome = 'failed';
      } else if (inFailure && (name === 'message' || name === 'stack-trace')) {
        field = name;
        text = '';
        return true;
      }
    },
    text(chunk) {
      if (field && text.length < TEXT_CAP) text += chunk.slice(0, TEXT_CAP - text.length);
    },
    close(name, depth) {
      if (!run) return;
      if (field === name) {
        if (name === 'message') run.message ??= messageText(text);
        else run.details ??= detailsText(text);
        field = undefined;
      } else if (name === 'failure') inFailure = false;
      else if (isTest(name, depth)) {
        emit(run);
        run = undefined;
      }
    },
  };
}
