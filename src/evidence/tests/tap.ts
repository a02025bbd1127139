/**
 * TAP 13/14 (node:test, tap, prove, bats): `ok` / `not ok` lines, `# SKIP` and `# TODO`
 * directives, indented subtests and YAML diagnostics. Only leaf tests count: a line whose
 * subtests came before it (TAP 14) summarises them.
 */
import { fileError, firstLine } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { TestRun } from './tally.js';

const TEST = /^(\s*)(not ok|ok)\b\s*\d*\s*(?:-\s*)?(.*?)\s*(?:#\s*(skip|todo)\b\s*(.*))?$/i;
const SUBTEST = /^(\s*)# Subtest: (.*)$/;
const BAIL = /^\s*Bail out!\s*(.*)$/i;
const YAML_FIELD = /^\s*(error|message|location|at|duration_ms):\s*(.*)$/;

interface Pending {
  run: TestRun;
  indent: number;
  yaml: boolean;
}

const unquote = (v: string): string => v.trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');

/** Reads a TAP stream, emitting every leaf test. `suite` keeps same-named tests of different files apart. */
export async function readTap(file: string, shown: string, emit: (run: TestRun) => void, normalisePath: (p: string) => string): Promise<void> {
  const names: string[] = []; // # Subtest names by nesting level
  const deeper: boolean[] = []; // a test line was seen deeper than level i since level i's last test line
  let pending: Pending | undefined;
  let sawTap = false;

  const flush = (): void => {
    if (pending) emit(pending.run);
    pending = undefined;
  };
  const onTest = (m: RegExpExecArray): void => {
    flush();
    const level = Math.floor(m[1]!.length / 4);
    const isParent = deeper[level] === true;
    deeper.length = level;
    for (let i = 0; i < level; i++) deeper[i] = true;
    if (isParent) return;
    const directive = (m[4] ?? '').toLowerCase();
    const ok = m[2] === 'ok';
    const outcome = directive === 'skip' || (directive === 'todo' && !ok) ? 'skipped' : ok ? 'passed' : 'failed';
    const run: TestRun = { suite: shown, classname: names.slice(0, level).join(' > '), name: m[3] ?? '', outcome, time: 0 };
    pending = { run, indent: m[1]!.length, yaml: false };
  };
  const onYaml = (line: string): void => {
    const f = YAML_FIELD.exec(line);
    if (!f || !pending) return;
    const run = pending.run;
    const value = unquote(f[2]!);
    if (f[1] === 'duration_ms') run.time = Number(value) / 1000 || 0;
    else if ((f[1] === 'error' || f[1] === 'message') && !run.message) run.message = firstLine(value);
    else if (f[1] === 'location' || f[1] === 'at') {
      const loc = /^(?:file:\/\/)?(.+?):(\d+)(?::\d+)?$/.exec(value);
      if (loc) {
        run.file = normalisePath(loc[1]!);
        run.line = Number(loc[2]);
      }
    }
  };

  await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end);
    if (pending?.yaml) {
      if (/^\s*\.\.\.\s*$/.test(line)) pending.yaml = false;
      else onYaml(line);
      return;
    }
    if (pending && /^\s*---\s*$/.test(line) && line.indexOf('-') > pending.indent) {
      pending.yaml = true;
      return;
    }
    const sub = SUBTEST.exec(line);
    if (sub) {
      flush();
      names[Math.floor(sub[1]!.length / 4)] = sub[2]!.trim();
      return;
    }
    const test = TEST.exec(line);
    if (test) {
      sawTap = true;
      onTest(test);
      return;
    }
    const bail = BAIL.exec(line);
    if (bail) {
      flush();
      emit({ suite: shown, classname: '', name: 'Bail out!', outcome: 'errored', time: 0, message: firstLine(bail[1]) ?? 'the test run bailed out' });
      return;
    }
    if (/^\s*(TAP version|\d+\.\.\d+)/i.test(line)) sawTap = true;
    else if (!sawTap && line.trim() && !line.trim().startsWith('#')) throw fileError(shown, 'not TAP (expected "TAP version 13", "1..N" or "ok 1 - name" lines)', lineNo, 1);
  });
  flush();
}
