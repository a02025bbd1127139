/**
 * `go test -json` (test2json) output: one JSON event per line. Every test and subtest with a
 * pass, fail or skip event is a test; a package that fails without a failed test (a build or
 * setup failure, a panic) becomes one errored test named `[package]`.
 *
 * Reruns: a package's run ends with its own pass/fail event. A test of that package that runs
 * again after it (gotestsum --rerun-fails, or the streams of two runs joined) is a marked
 * retry of the earlier one; a test that repeats within one package run (`-count=N`) is not.
 */
import { ITEM_DETAILS_CAP, ITEM_MESSAGE_CAP, detailsText, fileError, firstLine, messageText } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { Emit, Outcome, TestRun } from './tally.js';

interface Event {
  Action?: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

interface Open {
  run: TestRun;
  output: string;
  /** The indentation of the message's `file.go:N:` line while its continuation lines follow. */
  messageIndent?: number;
}

const OUTCOME = new Map<string, Outcome>([['pass', 'passed'], ['fail', 'failed'], ['skip', 'skipped']]);
/** The type each read field must have (test2json's `TestEvent`); a field of another type is an error. */
const FIELD_TYPES: [keyof Event | 'Time', 'string' | 'number'][] = [['Action', 'string'], ['Package', 'string'], ['Test', 'string'], ['Elapsed', 'number'], ['Output', 'string'], ['Time', 'string']];

/** Throws a located error when a field of the event has the wrong type (`"Test": 5`, `"Output": {}`). */
function checkEvent(event: unknown, shown: string, lineNo: number): Event {
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    throw fileError(shown, 'a go test -json event must be a JSON object ({"Action":…,"Package":…})', lineNo, 1);
  }
  const e = event as Record<string, unknown>;
  for (const [key, type] of FIELD_TYPES) {
    const v = e[key];
    if (v !== undefined && v !== null && typeof v !== type) {
      const got = Array.isArray(v) ? 'array' : typeof v;
      throw fileError(shown, `"${key}" must be a ${type}, not ${got === 'object' ? 'an object' : `a ${got}`} (not a go test -json event as test2json writes it)`, lineNo, 1);
    }
  }
  return e as Event;
}
const LOCATED = /^\s*([\w./-]+\.go):(\d+): (.*)$/;
/** test2json's own framing lines, which say nothing the event does not. */
const FRAMING = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (PASS|FAIL|SKIP):)/;

/** Reads a `go test -json` stream, emitting every finished test. */
export async function readGoTestJson(file: string, shown: string, emit: Emit, normalisePath: (p: string) => string): Promise<void> {
  const open = new Map<string, Open>();
  const packageFailed = new Set<string>();
  const packageOutput = new Map<string, string>();
  /** Packages whose run has ended at least once: their tests that run again are reruns. */
  const ended = new Set<string>();

  const finish = (o: Open, outcome: Outcome, time: number): void => {
    const run = o.run;
    run.outcome = outcome;
    run.time = Number.isFinite(time) ? time : 0;
    if (outcome === 'failed' || outcome === 'errored') {
      run.details = detailsText(o.output);
      run.message ??= firstLine(o.output);
    }
    emit(run);
  };
  const endPackage = (pkg: string, e: Event): void => {
    // Tests of the package that never finished: the binary crashed or timed out.
    for (const [key, o] of open) {
      if (o.run.suite !== pkg) continue;
      o.run.message ??= 'test did not finish (crash or timeout)';
      finish(o, 'errored', 0);
      open.delete(key);
    }
    if (e.Action === 'fail' && !packageFailed.has(pkg)) {
      const out = packageOutput.get(pkg);
      emit({ suite: pkg, classname: pkg, name: '[package]', outcome: 'errored', time: Number(e.Elapsed) || 0, message: firstLine(out) ?? 'package failed', retryable: true, retry: ended.has(pkg) });
    }
    packageFailed.delete(pkg);
    packageOutput.delete(pkg);
    ended.add(pkg);
  };
  const onTestEvent = (pkg: string, test: string, e: Event): void => {
    const key = `${pkg}\u0000${test}`;
    let o = open.get(key);
    if (!o) {
      o = { run: { suite: pkg, classname: pkg, name: test, outcome: 'passed', time: 0, retryable: true, retry: ended.has(pkg) }, output: '' };
      open.set(key, o);
    }
    if (e.Action === 'output' && typeof e.Output === 'string') return onOutput(o, e.Output, normalisePath);
    const outcome = e.Action ? OUTCOME.get(e.Action) : undefined;
    if (!outcome) return;
    if (outcome === 'failed') packageFailed.add(pkg);
    finish(o, outcome, Number(e.Elapsed) || 0);
    open.delete(key);
  };
  const handle = (e: Event): void => {
    const pkg = typeof e.Package === 'string' ? e.Package : '';
    if (typeof e.Test === 'string' && e.Test) return onTestEvent(pkg, e.Test, e);
    if (e.Action === 'output' && typeof e.Output === 'string' && /FAIL|panic:|\[(build|setup) failed\]/.test(e.Output) && !packageOutput.has(pkg)) {
      packageOutput.set(pkg, e.Output);
    }
    if (e.Action === 'pass' || e.Action === 'fail' || e.Action === 'skip') endPackage(pkg, e);
  };
  await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end).trim();
    if (!line.startsWith('{')) return; // go test -json interleaves plain build output
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw fileError(shown, 'invalid JSON event (expected one go test -json event per line)', lineNo, 1);
    }
    handle(checkEvent(event, shown, lineNo));
  });
  for (const o of open.values()) {
    o.run.message ??= 'test did not finish (crash or timeout)';
    finish(o, 'errored', 0);
  }
}

/** Keeps a test's output (for its details) and takes its first `file.go:N: message` line. */
function onOutput(o: Open, output: string, normalisePath: (p: string) => string): void {
  const line = output.replace(/\n$/, '');
  if (FRAMING.test(line)) return;
  if (o.output.length < 2 * ITEM_DETAILS_CAP) o.output += `${line}\n`;
  const m = LOCATED.exec(line);
  const indent = line.length - line.trimStart().length;
  if (o.messageIndent !== undefined && !m && indent > o.messageIndent && o.run.message) {
    // t.Errorf("…\nexpected: …") continues its message on further-indented lines.
    if (o.run.message.length < ITEM_MESSAGE_CAP) o.run.message = messageText(`${o.run.message}\n${line.trim()}`);
    return;
  }
  o.messageIndent = undefined;
  if (o.run.message || !m) return;
  o.run.file = normalisePath(m[1]!);
  o.run.line = Number(m[2]);
  o.run.message = messageText(m[3]);
  o.messageIndent = indent;
}
