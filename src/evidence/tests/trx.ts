/**
 * Visual Studio TRX (`<TestRun>` root, from `dotnet test --logger trx`). Results come
 * before the test definitions that hold each test's class, so results are kept (small
 * records, messages capped) and emitted when the document ends. No TRX result marks a retry
 * of another: MSTest's `[Retry]` keeps the last attempt, and `--retry-failed-tests` writes one
 * TRX per attempt (microsoft/testfx#2380, #10292).
 */
import { ITEM_DETAILS_CAP, detach, detailsText, messageText } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import { MAX_TEST_ITEMS, type Emit, type Outcome, type TestRun } from './tally.js';

/** Enough text for a capped message or details excerpt and its truncation mark, after trimming. */
const CAPTURE_CAP = 2 * ITEM_DETAILS_CAP;

const OUTCOMES: Record<string, Outcome> = {
  passed: 'passed', passedbutrunaborted: 'passed', warning: 'passed', completed: 'passed',
  failed: 'failed', timeout: 'failed',
  error: 'errored', aborted: 'errored', disconnected: 'errored',
};

/** `hh:mm:ss.fffffff` (or `d.hh:mm:ss`) to seconds. */
export function parseTimeSpan(value: string | undefined): number {
  const m = value ? /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value) : null;
  if (!m) return 0;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

interface Pending {
  testId: string;
  run: TestRun;
  hasInner: boolean;
}

/** A visitor that reports every leaf `<UnitTestResult>` of a TRX document to `emit` at the end. */
export function trxVisitor(emit: Emit): XmlVisitor {
  const results: Pending[] = [];
  const stack: Pending[] = [];
  const classOf = new Map<string, string>();
  let definition: string | undefined;
  let capturing: 'Message' | 'StackTrace' | undefined;
  let text = '';
  let position = 0;
  let failing = 0;
  return {
    open(name, attrs, depth) {
      if (name === 'UnitTestResult') {
        const outcome = OUTCOMES[(attrs.outcome ?? '').toLowerCase()] ?? 'skipped';
        const parent = stack[stack.length - 1];
        if (parent) parent.hasInner = true;
        // A result without a name gets its position in the file: an id is never empty.
        const name = attrs.testName ? detach(attrs.testName) : `(test ${++position})`;
        const run: TestRun = { suite: '', classname: '', name, outcome, time: parseTimeSpan(attrs.duration) };
        stack.push({ testId: detach(attrs.testId ?? ''), hasInner: false, run });
      } else if (name === 'UnitTest') {
        definition = detach(attrs.id);
      } else if (name === 'TestMethod' && definition !== undefined) {
        classOf.set(definition, detach(attrs.className ?? ''));
      } else if ((name === 'Message' || name === 'StackTrace') && stack.length > 0 && depth > 2) {
        capturing = name;
        text = '';
        return true;
      }
    },
    text(chunk) {
      if (capturing && text.length < CAPTURE_CAP) text += chunk.slice(0, CAPTURE_CAP - text.length);
    },
    close(name, depth) {
      if (name === capturing) {
        const run = stack[stack.length - 1]?.run;
        if (run && name === 'Message') run.message ??= messageText(text);
        else if (run) run.details ??= detailsText(text);
        capturing = undefined;
      } else if (name === 'UnitTestResult') {
        const done = stack.pop();
        // A data-driven result only summarises its inner results, which are counted instead.
        if (!done || done.hasInner) return;
        // Only the first MAX_TEST_ITEMS failures become items: the texts of later ones are not kept.
        if (done.run.outcome === 'failed' || done.run.outcome === 'errored') {
          if (++failing > MAX_TEST_ITEMS) done.run.message = done.run.details = undefined;
        }
        results.push(done);
      } else if (name === 'UnitTest') {
        definition = undefined;
      } else if (depth === 0) {
        for (const r of results) emit({ ...r.run, classname: classOf.get(r.testId) ?? '' });
      }
    },
  };
}
