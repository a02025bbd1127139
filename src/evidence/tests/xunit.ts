/**
 * xUnit.net XML: v2 (`<assemblies>` root, `<assembly>` → `<collection>` → `<test>`) and v1
 * (`<assembly>` root, `<class>` → `<test>`). `result` is Pass, Fail, Skip or NotRun. An
 * `<error>` under `<errors>` (a fixture, collection or assembly cleanup that threw) is an
 * errored test named `[type] name`: xUnit.net counts it in the assembly's `errors`.
 */
import type { XmlVisitor } from '../xml-stream.js';
import { parseSeconds } from './junit.js';
import { failureCapture } from './nunit2.js';
import type { Outcome, TestRun } from './tally.js';

const RESULT: Record<string, Outcome> = { pass: 'passed', fail: 'failed', skip: 'skipped', notrun: 'skipped' };

function testRun(attrs: Record<string, string>): TestRun {
  const type = attrs.type ?? '';
  const full = attrs.name ?? '';
  // The display name usually repeats the class: Ns.Class.Method(args).
  const name = type && full.startsWith(`${type}.`) ? full.slice(type.length + 1) : full;
  const result = attrs.result ?? '';
  const outcome = RESULT[result.toLowerCase()];
  return { suite: '', classname: type, name, outcome: outcome ?? 'errored', time: parseSeconds(attrs.time), message: outcome ? undefined : `unknown result "${result}"` };
}

/** A visitor that reports every `<test>` and `<error>` of an xUnit.net v1 or v2 document to `emit`. */
export function xunitVisitor(emit: (run: TestRun) => void): XmlVisitor {
  return failureCapture(
    (name) => name === 'test' || name === 'error',
    (attrs, name) => {
      if (name === 'test') return testRun(attrs);
      const what = attrs.type ?? 'error';
      return { suite: '', classname: '', name: `[${what}] ${attrs.name ?? ''}`.trim(), outcome: 'errored', time: 0 };
    },
    emit,
  );
}
