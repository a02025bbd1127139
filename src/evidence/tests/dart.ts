/**
 * `dart test --reporter json` and `flutter test --machine`: one JSON event per line.
 * `testStart` opens a test, `error` events give its message and stack, `testDone` closes it
 * with `result` success, failure (an expectation failed) or error (an exception), and
 * `skipped`. Hidden tests are the runner's own (loading a suite, setUpAll): not counted.
 * Only open tests are held; a test that never finished is errored.
 */
import { detailsText, fileError, messageText } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { Outcome, TestRun } from './tally.js';

/** The Dart-JSON start event on the first line (the protocol's first event). */

const OUTCOME: Record<string, Outcome> = { success: 'passed', failure: 'failed', error: 'errored' };

interface Open {
  run: TestRun;
  start: number;
}

type Event = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Event => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Event) : {});

/** Reads a Dart/Flutter JSON event stream, emitting every finished visible test. */
export async function readDartJson(file: string, shown: string, emit: (run: TestRun) => void, normalisePath: (p: string) => string): Promise<void> {
  const suites = new Map<number, string>();
  const open = new Map<number, Open>();
  const handle = (e: Event): void => {
    if (e.type === 'suite') {
      const s = obj(e.suite);
      const path = str(s.path);
      if (num(s.id) !== undefined && path) suites.set(num(s.id)!, normalisePath(path));
    } else if (e.type === 'testStart') {
      const t = obj(e.test);
      const id = num(t.id);
      if (id === undefined) return;
      const suite = suites.get(num(t.suiteID) ?? -1) ?? '';
      const line = num(t.root_line) ?? num(t.line);
      open.set(id, { start: num(e.time) ?? 0, run: { suite, classname: suite, name: str(t.name) ?? '', outcome: 'passed', time: 0, file: suite || undefined, line } });
    } else if (e.type === 'error') {
      const test = open.get(num(e.testID) ?? -1);
      if (test && !test.run.message) {
        test.run.message = messageText(str(e.error));
        test.run.details = detailsText(str(e.stackTrace));
      }
    } else if (e.type === 'testDone') {
      const id = num(e.testID) ?? -1;
      const test = open.get(id);
      if (!test) return;
      open.delete(id);
      if (e.hidden === true) return;
      const result = str(e.result) ?? '';
      test.run.outcome = e.skipped === true ? 'skipped' : (OUTCOME[result] ?? 'errored');
      test.run.time = Math.max(0, (num(e.time) ?? test.start) - test.start) / 1000;
      if (!OUTCOME[result] && test.run.outcome === 'errored' && !test.run.message) test.run.message = `unknown result "${result}"`;
      emit(test.run);
    }
  };
  await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end).trim();
    if (!line.startsWith('{')) return; // flutter test --machine may interleave plain output
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw fileError(shown, 'invalid JSON event (expected one Dart test JSON event per line)', lineNo, 1);
    }
    handle(obj(event));
  });
  // Tests that started and never finished: the runner crashed or was killed.
  for (const { run } of open.values()) emit({ ...run, outcome: 'errored', message: run.message ?? 'test did not finish (crash or timeout)' });
}
