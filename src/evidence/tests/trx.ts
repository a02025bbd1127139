/**
 * Visual Studio TRX (`<TestRun>` root, from `dotnet test --logger trx`). Results come
 * before the test definitions that hold each test's class, so results are kept (small
 * records, messages capped) and emitted when the document ends.
 */
import { TEXT_CAP, detach, firstLine } from '../files.js';
import type { XmlVisitor } from '../xml-stream.js';
import type { Outcome, TestRun } from './tally.js';

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
export function trxVisitor(emit: (run: TestRun) => void): XmlVisitor {
  const results: Pending[] = [];
  const stack: Pending[] = [];
  const classOf = new Map<string, string>();
  let definition: string | undefined;
  let capturing = false;
  let text = '';
  return {
    open(name, attrs, depth) {
      if (name === 'UnitTestResult') {
        const outcome = OUTCOMES[(attrs.outcome ?? '').toLowerCase()] ?? 'skipped';
        const parent = stack[stack.length - 1];
        if (parent) parent.hasInner = true;
        const run: TestRun = { suite: '', classname: '', name: detach(attrs.testName ?? ''), outcome, time: parseTimeSpan(attrs.duration) };
        stack.push({ testId: detach(attrs.testId ?? ''), hasInner: false, run });
      } else if (name === 'UnitTest') {
        definition = detach(attrs.id);
      } else if (name === 'TestMethod' && definition !== undefined) {
        classOf.set(definition, detach(attrs.className ?? ''));
      } else if (name === 'Message' && stack.length > 0 && depth > 2) {
        capturing = true;
        text = '';
        return true;
      }
    },
    text(chunk) {
      if (capturing && text.length < TEXT_CAP) text += chunk.slice(0, TEXT_CAP - text.length);
    },
    close(name, depth) {
      if (name === 'Message' && capturing) {
        const top = stack[stack.length - 1];
        if (top && !top.run.message) top.run.message = firstLine(text);
        capturing = false;
      } else if (name === 'UnitTestResult') {
        const done = stack.pop();
        // A data-driven result only summarises its inner results, which are counted instead.
        if (done && !done.hasInner) results.push(done);
      } else if (name === 'UnitTest') {
        definition = undefined;
      } else if (depth === 0) {
        for (const r of results) emit({ ...r.run, classname: classOf.get(r.testId) ?? '' });
      }
    },
  };
}
