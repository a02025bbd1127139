/**
 * TAP 13/14 (node:test, tap, prove, bats): `ok` / `not ok` lines, `# SKIP` and `# TODO`
 * directives, indented subtests and YAML diagnostics. Only leaf tests count: a line whose
 * subtests came before it (TAP 14) summarises them.
 */
import { ITEM_DETAILS_CAP, detailsText, fileError, firstLine, messageText } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { Emit, TestRun } from './tally.js';

/** The start of a test line; the rest is split by `testLine` without backtracking. */
const TEST_START = /^(\s*)(not ok|ok)\b/i;
/** After a test's status: its number and the `-` before its description. */
const NUMBER = /\s*(\d*)\s*(?:-\s*)?/y;
/** After a `#`: a SKIP or TODO directive. */
const DIRECTIVE = /\s*(skip|todo)\b/iy;
/** A top-level plan, `1..N` (with an optional `# reason`). */
const PLAN = /^1\.\.(\d+)(?!\S)/;
const SUBTEST = /^(\s*)# Subtest: (.*)$/;
const BAIL = /^\s*Bail out!\s*(.*)$/i;
const YAML_FIELD = /^(\s*)(error|message|location|at|duration_ms):\s*(.*)$/;
/** A YAML block scalar (`error: |-` followed by indented lines). */
const BLOCK = /^[|>][-+]?\d*$/;
/** Enough YAML text for a details excerpt and its truncation mark. */
const CAPTURE_CAP = 2 * ITEM_DETAILS_CAP;

interface Pending {
  run: TestRun;
  indent: number;
  yaml: boolean;
  /** The failing test's YAML diagnostics (error, expected, actual, stack…), for its details. */
  diagnostics: string;
  /** Where the YAML block's lines start (the `---` column). */
  yamlIndent: number;
  /** The error/message block scalar being read, its key's indentation and its content's. */
  block?: { lines: string[]; indent: number; content?: number };
}

/** A parsed test line: indentation, `ok`/`not ok`, number, description and directive. */
interface TestLine {
  indent: string;
  ok: boolean;
  number: string;
  name: string;
  directive: string;
}

/**
 * Splits a test line in linear time (a single regex with a lazy description and optional
 * directive backtracked quadratically on long runs of spaces): the description ends at the
 * first `#` that starts a SKIP or TODO directive, else at the end of the line.
 */
export function testLine(line: string): TestLine | undefined {
  const start = TEST_START.exec(line);
  if (!start) return undefined;
  NUMBER.lastIndex = start[0].length;
  const num = NUMBER.exec(line)!;
  const from = NUMBER.lastIndex;
  let name = line.slice(from);
  let directive = '';
  for (let hash = line.indexOf('#', from); hash >= 0; hash = line.indexOf('#', hash + 1)) {
    DIRECTIVE.lastIndex = hash + 1;
    const d = DIRECTIVE.exec(line);
    if (d) {
      name = line.slice(from, hash);
      directive = d[1]!.toLowerCase();
      break;
    }
  }
  return { indent: start[1]!, ok: start[2]!.toLowerCase() === 'ok', number: num[1]!, name: name.trim(), directive };
}

const unquote = (v: string): string => v.trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');

/** `line` without up to `n` leading spaces (the block's own indentation). */
function dedent(line: string, n: number): string {
  let i = 0;
  while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i).trimEnd();
}

/** Ends a block scalar being read: its lines are the test's message. */
function endBlock(p: Pending): void {
  if (!p.block) return;
  p.run.message ??= messageText(p.block.lines.join('\n'));
  p.block = undefined;
}

/** Reads a TAP stream, emitting every leaf test. `suite` keeps same-named tests of different files apart. */
export async function readTap(file: string, shown: string, emit: Emit, normalisePath: (p: string) => string): Promise<void> {
  const names: string[] = []; // # Subtest names by nesting level
  const deeper: boolean[] = []; // a test line was seen deeper than level i since level i's last test line
  let pending: Pending | undefined;
  let sawTap = false;

  let position = 0;
  /** The top-level plan (`1..N`) and the top-level tests run since the stream began. */
  const plan: { ran: number; planned?: { count: number; line: number }; bailed: boolean } = { ran: 0, bailed: false };
  // Fail closed: a stream that ran fewer (or more) top-level tests than it planned was cut
  // short or is not what it claims, so the gate must not pass on it.
  const checkPlan = (count: number, line: number): void => {
    flush();
    if (count !== plan.ran && !plan.bailed) {
      emit({ suite: shown, classname: '', name: `plan at line ${line}`, outcome: 'errored', time: 0,
        message: `planned ${count} tests, ran ${plan.ran}: the TAP stream is truncated or the run crashed; give the whole output of a finished run` });
    }
    plan.ran = 0;
    plan.planned = undefined;
    plan.bailed = false;
  };
  // At the end of a stream: its leading plan checked, or tests without any plan refused as
  // prove does ("No plan found in TAP output"): the stream may have been cut before its plan.
  const endStream = (lineNo: number): void => {
    if (plan.planned) checkPlan(plan.planned.count, plan.planned.line);
    else if (plan.ran > 0 && !plan.bailed) {
      flush();
      emit({ suite: shown, classname: '', name: `no plan before line ${lineNo}`, outcome: 'errored', time: 0,
        message: `${plan.ran} tests ran without a plan (1..N): the TAP stream may be truncated before its plan; give the whole output of a finished run` });
    }
    plan.ran = 0;
    plan.planned = undefined;
    plan.bailed = false;
  };
  const flush = (): void => {
    if (pending) {
      endBlock(pending);
      if (pending.diagnostics) pending.run.details = detailsText(pending.diagnostics);
      emit(pending.run);
    }
    pending = undefined;
  };
  const onTest = (m: TestLine): void => {
    flush();
    const level = Math.floor(m.indent.length / 4);
    const isParent = deeper[level] === true;
    deeper.length = level;
    for (let i = 0; i < level; i++) deeper[i] = true;
    if (isParent) return;
    position++;
    const { directive, ok } = m;
    const outcome = directive === 'skip' || (directive === 'todo' && !ok) ? 'skipped' : ok ? 'passed' : 'failed';
    // `not ok 3` without a description is still a test: it is named by its number.
    const name = m.name || `test ${m.number || position}`;
    const run: TestRun = { suite: shown, classname: names.slice(0, level).join(' > '), name, outcome, time: 0 };
    pending = { run, indent: m.indent.length, yaml: false, diagnostics: '', yamlIndent: 0 };
  };
  const onYaml = (line: string): void => {
    if (!pending) return;
    if (pending.run.outcome === 'failed' && pending.diagnostics.length < CAPTURE_CAP) pending.diagnostics += `${dedent(line, pending.yamlIndent)}\n`;
    const block = pending.block;
    const indent = line.length - line.trimStart().length;
    if (block && (!line.trim() || indent > block.indent)) {
      block.content ??= line.trim() ? indent : undefined;
      block.lines.push(dedent(line, block.content ?? indent));
      return;
    }
    endBlock(pending);
    const f = YAML_FIELD.exec(line);
    if (!f) return;
    const run = pending.run;
    const value = unquote(f[3]!);
    if (f[2] === 'duration_ms') run.time = Number(value) / 1000 || 0;
    else if ((f[2] === 'error' || f[2] === 'message') && !run.message) {
      if (BLOCK.test(value)) pending.block = { lines: [], indent: f[1]!.length };
      else run.message = messageText(value);
    } else if (f[2] === 'location' || f[2] === 'at') {
      const loc = /^(?:file:\/\/)?(.+?):(\d+)(?::\d+)?$/.exec(value);
      if (loc) {
        run.file = normalisePath(loc[1]!);
        run.line = Number(loc[2]);
      }
    }
  };

  const lines = await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end);
    if (pending?.yaml) {
      if (/^\s*\.\.\.\s*$/.test(line)) {
        pending.yaml = false;
        endBlock(pending);
      }
      else onYaml(line);
      return;
    }
    if (pending && /^\s*---\s*$/.test(line) && line.indexOf('-') > pending.indent) {
      pending.yaml = true;
      pending.yamlIndent = line.indexOf('-');
      return;
    }
    const sub = SUBTEST.exec(line);
    if (sub) {
      flush();
      names[Math.floor(sub[1]!.length / 4)] = sub[2]!.trim();
      return;
    }
    const test = testLine(line);
    if (test) {
      sawTap = true;
      if (test.indent === '') plan.ran++;
      onTest(test);
      return;
    }
    const bail = BAIL.exec(line);
    if (bail) {
      flush();
      plan.bailed = true;
      emit({ suite: shown, classname: '', name: 'Bail out!', outcome: 'errored', time: 0, message: firstLine(bail[1]) ?? 'the test run bailed out' });
      return;
    }
    const planned = PLAN.exec(line);
    if (planned) {
      sawTap = true;
      // A plan after the tests closes this stream's count; one before them waits for the end.
      if (plan.ran > 0) checkPlan(Number(planned[1]), lineNo);
      else plan.planned = { count: Number(planned[1]), line: lineNo };
    } else if (/^TAP version/i.test(line)) {
      sawTap = true;
      endStream(lineNo);
    } else if (/^\s*(TAP version|\d+\.\.\d+)/i.test(line)) sawTap = true;
    else if (!sawTap && line.trim() && !line.trim().startsWith('#')) throw fileError(shown, 'not TAP (expected "TAP version 13", "1..N" or "ok 1 - name" lines)', lineNo, 1);
  });
  flush();
  endStream(lines + 1);
}
