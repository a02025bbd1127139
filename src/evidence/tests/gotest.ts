/**
 * `go test -json` (test2json) output: one JSON event per line. Every test and subtest with a
 * pass, fail or skip event is a test; a package that fails without a failed test (a build or
 * setup failure, a panic) becomes one errored test named `[package]`.
 */
import { fileError, firstLine } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { Outcome, TestRun } from './tally.js';

interface Event {
  Action?: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

const OUTCOME: Record<string, Outcome> = { pass: 'passed', fail: 'failed', skip: 'skipped' };
const LOCATED = /^\s*([\w./-]+\.go):(\d+): (.*)$/;

/** Reads a `go test -json` stream, emitting every finished test. */
export async function readGoTestJson(
  file: string,
  shown: string,
  emit: (run: TestRun) => void,
  normalisePath: (p: string) => string,
): Promise<void> {
  const open = new Map<string, TestRun>();
  const packageFailed = new Set<string>();
  const packageOutput = new Map<string, string>();
  const handle = (e: Event): void => {
    const pkg = e.Package ?? '';
    if (!e.Test) {
      if (e.Action === 'output' && e.Output && /FAIL|panic:|\[(build|setup) failed\]/.test(e.Output) && !packageOutput.has(pkg)) packageOutput.set(pkg, e.Output);
      if (e.Action === 'fail' && !packageFailed.has(pkg)) {
        emit({ suite: pkg, classname: pkg, name: '[package]', outcome: 'errored', time: e.Elapsed ?? 0, message: firstLine(packageOutput.get(pkg)) ?? 'package failed' });
      }
      return;
    }
    const key = `${pkg}\u0000${e.Test}`;
    let run = open.get(key);
    if (!run) {
      run = { suite: pkg, classname: pkg, name: e.Test, outcome: 'passed', time: 0 };
      open.set(key, run);
    }
    if (e.Action === 'output' && e.Output && !run.message) {
      const m = LOCATED.exec(e.Output.replace(/\n$/, ''));
      if (m) {
        run.file = normalisePath(m[1]!);
        run.line = Number(m[2]);
        run.message = firstLine(m[3]);
      }
      return;
    }
    const outcome = e.Action ? OUTCOME[e.Action] : undefined;
    if (!outcome) return;
    run.outcome = outcome;
    run.time = e.Elapsed ?? 0;
    if (outcome === 'failed') packageFailed.add(pkg);
    emit(run);
    open.delete(key);
  };
  await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end).trim();
    if (!line.startsWith('{')) return; // go test -json interleaves plain build output
    let event: Event;
    try {
      event = JSON.parse(line) as Event;
    } catch {
      throw fileError(shown, 'invalid JSON event (expected one go test -json event per line)', lineNo, 1);
    }
    handle(event);
  });
  // Tests that started and never finished: the binary crashed or timed out.
  for (const run of open.values()) emit({ ...run, outcome: 'errored', message: run.message ?? 'test did not finish (crash or timeout)' });
}
