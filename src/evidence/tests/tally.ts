/**
 * Test outcomes across every run read. Each test-case element is one run of its own test,
 * unless its report marks it as a retry of an earlier one (TestRun.retry), or the user opted
 * into `same-name` retries: only then is it merged with the earlier run of the same suite +
 * classname + name, and the merged test passes if any run passed (flaky when another run or a
 * retry inside an element failed), else takes its worst outcome: errored > failed > skipped.
 *
 * Memory does not grow with the report: unmarked runs are counted and forgotten; only tests
 * that a later element may retry keep 9 bytes in a KeyTable; at most MAX_TEST_ITEMS failed,
 * errored and flaky tests are kept as items (the rest are counted and a warning says so).
 */
import { detach } from '../files.js';
import type { EvidenceItem, EvidenceWarning } from '../types.js';
import { KeyTable } from './key-table.js';

export type Outcome = 'passed' | 'skipped' | 'failed' | 'errored';

/** Which same-named elements are one test: `marked` (the report says so) or every `same-name` one. */
export type RetryMode = 'marked' | 'same-name';

/** Failed, errored and flaky tests kept as evidence items; beyond it they are only counted. */
export const MAX_TEST_ITEMS = 1000;
/** Warnings kept per tally, so a pathological report cannot flood the bundle. */
const MAX_WARNINGS = 100;

/** One test-case element, as a reader saw it. */
export interface TestRun {
  /** The innermost suite's name: keeps same-named tests of different suites (files, browsers) apart. */
  suite: string;
  classname: string;
  name: string;
  outcome: Outcome;
  /** A retry inside the element failed (Surefire flakyFailure/flakyError). */
  retriedFailure?: boolean;
  /**
   * The report marks this element as a retry of an earlier one of the same test (a rerun
   * event, a retry attribute or result). Only then is it merged with that test; otherwise
   * a same-named element is another run of its own.
   */
  retry?: boolean;
  /** The format can mark a later element as a retry of this one, so the tally remembers it. */
  retryable?: boolean;
  /** Seconds. */
  time: number;
  /** The whole failure message (readers cap it at ITEM_MESSAGE_CAP). */
  message?: string;
  /** Stack trace or diff of a failure (readers cap it at ITEM_DETAILS_CAP). */
  details?: string;
  file?: string;
  line?: number;
}

/** What a reader reports to: every run, and (optionally) caveats about the file it reads. */
export interface Emit {
  (run: TestRun): void;
  /** A usable-but-suspect fact about the file being read (declared counts without cases, …). */
  warn?: (message: string) => void;
  /** Tests the file declares without listing them (a suite with counts and no cases). */
  declared?: (tests: DeclaredTests) => void;
  /** The file being read, as shown to users. */
  file?: string;
}

/** Tests a report declares but does not list (a suite with `tests="6"` and no test cases). */
export interface DeclaredTests {
  classname: string;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /** Why these tests are items without names. */
  message: string;
}

const PASSED = 1;
const SKIPPED = 2;
const FAILED = 4;
const ERRORED = 8;
const RETRIED = 16;
const BIT: Record<Outcome, number> = { passed: PASSED, skipped: SKIPPED, failed: FAILED, errored: ERRORED };
const RANK: Record<string, number> = { passed: 0, skipped: 1, failed: 2, errored: 3 };

/** Accumulates runs from any number of reports. */
export class TestTally {
  runs = 0;
  duration = 0;
  private readonly counts = { passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };
  private table: KeyTable | undefined = new KeyTable();
  /** The item so far of each keyed test that had a failing run (within the item budget). */
  private readonly pending = new Map<number, EvidenceItem>();
  private readonly failures: EvidenceItem[] = [];
  private readonly flakies: EvidenceItem[] = [];
  private readonly notes: EvidenceWarning[] = [];
  private file = '';
  private leftOutFile: string | undefined;

  /** `maxItems`: how many failed, errored and flaky tests become items (the rest are counted only). */
  constructor(
    readonly retries: RetryMode = 'marked',
    readonly maxItems: number = MAX_TEST_ITEMS,
  ) {}

  /** The function a reader of `shown` reports its runs and warnings to. */
  emitter(shown: string): Emit {
    this.file = shown;
    const emit: Emit = (run) => this.add(run);
    emit.warn = (message) => this.warn(shown, message);
    emit.declared = (tests) => this.addDeclared(tests);
    emit.file = shown;
    return emit;
  }

  /** Records a warning about `file` (kept in the bundle's `warnings`). */
  warn(file: string, message: string): void {
    if (this.notes.length < MAX_WARNINGS) this.notes.push({ file: file || '(unknown file)', message });
  }

  add(run: TestRun): void {
    const table = this.open();
    this.runs++;
    this.duration += Number.isFinite(run.time) && run.time > 0 ? run.time : 0;
    const bits = BIT[run.outcome] | (run.retriedFailure ? RETRIED : 0);
    const sameName = this.retries === 'same-name';
    if (!sameName && !run.retryable && !run.retry) {
      this.settle(bits, () => itemOf(run, 'failed'));
      return;
    }
    const key = testKey(run.suite, run.classname, run.name);
    const prev = table.get(key);
    if (prev !== 0 && (sameName || run.retry === true)) {
      table.set(key, prev | bits);
    } else {
      // An unmarked repeat is another test: the earlier one with this key is done.
      if (prev !== 0) this.settleKey(key, prev);
      table.set(key, bits);
    }
    if (bits & (FAILED | ERRORED | RETRIED)) this.keepPending(key, run);
  }

  /** Counts tests a report declares without listing them; their failures become numbered items. */
  addDeclared(d: DeclaredTests): void {
    this.open();
    this.runs += d.passed + d.failed + d.errored + d.skipped;
    this.counts.passed += d.passed;
    this.counts.skipped += d.skipped;
    for (const level of ['failed', 'errored'] as const) {
      const n = level === 'failed' ? d.failed : d.errored;
      this.counts[level] += n;
      for (let i = 1; i <= n; i++) {
        if (this.stored() >= this.maxItems) {
          this.leftOutFile ??= this.file;
          break;
        }
        const name = `(declared ${level === 'failed' ? 'failure' : 'error'} ${i} of ${n})`;
        this.admit(itemOf({ suite: '', classname: d.classname, name, outcome: level, time: 0, message: d.message }, level), true);
      }
    }
  }

  /** The `tests.*` metrics. `tests.passRate` is absent when no test ran (all skipped or none). */
  metrics(): Record<string, number> {
    this.close();
    const { passed, failed, errored, skipped, flaky } = this.counts;
    const total = passed + failed + errored + skipped;
    const out: Record<string, number> = {
      'tests.total': total,
      'tests.runs': this.runs,
      'tests.passed': passed,
      'tests.failed': failed,
      'tests.errored': errored,
      'tests.skipped': skipped,
      'tests.flaky': flaky,
      'tests.duration': Math.round(this.duration * 1000) / 1000,
    };
    if (total - skipped > 0) out['tests.passRate'] = Math.round((passed / (total - skipped)) * 10000) / 100;
    return out;
  }

  /** Failed, errored and flaky tests as evidence items: failed and errored first, at most `maxItems`. */
  items(): EvidenceItem[] {
    this.close();
    return this.failures.concat(this.flakies);
  }

  /** Caveats found while reading, and how many failing tests were left out of the items. */
  warnings(): EvidenceWarning[] {
    this.close();
    const { failed, errored, flaky } = this.counts;
    const leftOut = failed + errored + flaky - this.failures.length - this.flakies.length;
    if (leftOut <= 0) return this.notes.slice();
    const message =
      `${leftOut} failed, errored or flaky tests are counted in tests.* but not listed as items: ` +
      `at most ${this.maxItems} are listed (failed and errored first); the limit was reached while reading this file`;
    return this.notes.concat({ file: this.leftOutFile ?? (this.file || '(test reports)'), message });
  }

  private open(): KeyTable {
    if (!this.table) throw new Error('TestTally: a run was added after the results were read');
    return this.table;
  }

  /** Settles every test still waiting for a possible retry; later adds are a programming error. */
  private close(): void {
    const table = this.table;
    if (!table) return;
    table.forEach((key, bits) => this.settleKey(key, bits));
    this.table = undefined;
  }

  private stored(): number {
    return this.failures.length + this.flakies.length + this.pending.size;
  }

  /** Counts one finished test; `item` builds its item only when it is a failure or flaky. */
  private settle(bits: number, item: () => EvidenceItem | undefined): void {
    const outcome = finalOutcome(bits);
    this.counts[outcome]++;
    const flaky = outcome === 'passed' && (bits & (FAILED | ERRORED | RETRIED)) !== 0;
    if (flaky) this.counts.flaky++;
    if (!flaky && outcome !== 'failed' && outcome !== 'errored') return;
    const level = flaky ? 'flaky' : outcome;
    if (this.stored() >= this.maxItems && (flaky || this.flakies.length === 0)) {
      this.leftOutFile ??= this.file;
      return;
    }
    const made = item();
    if (!made) return;
    made.level = level;
    made.counts = [`tests.${level}`];
    this.admit(made, !flaky);
  }

  private settleKey(key: number, bits: number): void {
    const item = this.pending.get(key);
    this.pending.delete(key);
    this.settle(bits, () => item);
  }

  /** Keeps within the budget; a failure displaces the last flaky item when the budget is full. */
  private admit(item: EvidenceItem, failing: boolean): void {
    if (this.stored() >= this.maxItems) {
      this.leftOutFile ??= this.file;
      if (!failing || this.flakies.length === 0) return;
      this.flakies.pop();
    }
    (failing ? this.failures : this.flakies).push(item);
  }

  /** Remembers the worst failing run of a keyed test, for its item when it settles. */
  private keepPending(key: number, run: TestRun): void {
    const level = run.outcome === 'passed' || run.outcome === 'skipped' ? 'failed' : run.outcome;
    const prev = this.pending.get(key);
    if (prev && RANK[level]! <= RANK[prev.level]!) return;
    if (!prev && this.stored() >= MAX_TEST_ITEMS) {
      this.leftOutFile ??= this.file;
      return;
    }
    this.pending.set(key, itemOf(run, level));
  }
}

/** An item for `run`; the id is never empty (schema), the line only a positive integer. */
function itemOf(run: TestRun, level: string): EvidenceItem {
  const name = run.name || '(unnamed test)';
  const id = run.classname ? `${run.classname}::${name}` : name;
  const item: EvidenceItem = { id: detach(id), kind: 'test', title: detach(name), level, counts: [`tests.${level}`] };
  if (run.message) item.message = detach(run.message);
  if (run.details) item.details = detach(run.details);
  if (run.file) item.file = detach(run.file);
  if (run.line !== undefined && Number.isInteger(run.line) && run.line >= 1) item.line = run.line;
  return item;
}

/**
 * A 53-bit hash (cyrb53) of suite, classname and name: a number key costs 9 bytes in a
 * KeyTable where the strings cost ~200. Two distinct tests collide with probability ~n²/2^54
 * (2·10^-6 for 200,000 retryable tests); a collision can only merge two tests' outcomes.
 */
export function testKey(...parts: string[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0xffff, 2654435761);
    h2 = Math.imul(h2 ^ 0xffff, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function finalOutcome(bits: number): Outcome {
  if (bits & PASSED) return 'passed';
  if (bits & ERRORED) return 'errored';
  if (bits & FAILED) return 'failed';
  return 'skipped';
}
