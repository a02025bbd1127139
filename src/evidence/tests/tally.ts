/**
 * Test outcomes across every run read: one test is one suite + classname + name, however
 * often it appears (Gradle retries, re-run report files). Final outcome: passed if any run passed (flaky when another run or a retry
 * failed), else the worst run: errored > failed > skipped.
 */
import { detach } from '../files.js';
import type { EvidenceItem } from '../types.js';

export type Outcome = 'passed' | 'skipped' | 'failed' | 'errored';

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
  /** Seconds. */
  time: number;
  /** The whole failure message (readers cap it at ITEM_MESSAGE_CAP). */
  message?: string;
  /** Stack trace or diff of a failure (readers cap it at ITEM_DETAILS_CAP). */
  details?: string;
  file?: string;
  line?: number;
}

const PASSED = 1;
const SKIPPED = 2;
const FAILED = 4;
const ERRORED = 8;
const RETRIED = 16;
const BIT: Record<Outcome, number> = { passed: PASSED, skipped: SKIPPED, failed: FAILED, errored: ERRORED };
const RANK: Record<Outcome, number> = { passed: 0, skipped: 1, failed: 2, errored: 3 };

interface Detail {
  outcome: Outcome;
  classname: string;
  name: string;
  message?: string;
  file?: string;
  line?: number;
}

/** Accumulates runs from any number of reports. */
export class TestTally {
  private readonly seen = new Map<number, number>();
  private readonly details = new Map<number, Detail>();
  runs = 0;
  duration = 0;

  add(run: TestRun): void {
    const key = testKey(run.suite, run.classname, run.name);
    this.runs++;
    this.duration += Number.isFinite(run.time) ? run.time : 0;
    const bits = (this.seen.get(key) ?? 0) | BIT[run.outcome] | (run.retriedFailure ? RETRIED : 0);
    this.seen.set(key, bits);
    if (run.outcome === 'passed' && !run.retriedFailure) return;
    const worse = run.outcome === 'passed' ? 'failed' : run.outcome;
    const prev = this.details.get(key);
    if (!prev || RANK[worse] > RANK[prev.outcome]) {
      const { classname, name, message, file, line } = run;
      this.details.set(key, { outcome: worse, classname: detach(classname), name: detach(name), message: detach(message), file: detach(file), line });
    }
  }

  /** The `tests.*` metrics. `tests.passRate` is absent when no test ran (all skipped or none). */
  metrics(): Record<string, number> {
    let passed = 0, failed = 0, errored = 0, skipped = 0, flaky = 0;
    for (const bits of this.seen.values()) {
      const outcome = finalOutcome(bits);
      if (outcome === 'passed') {
        passed++;
        if (bits & (FAILED | ERRORED | RETRIED)) flaky++;
      } else if (outcome === 'errored') errored++;
      else if (outcome === 'failed') failed++;
      else skipped++;
    }
    const total = this.seen.size;
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

  /** Failed, errored and flaky tests as evidence items. */
  items(): EvidenceItem[] {
    const out: EvidenceItem[] = [];
    for (const [key, d] of this.details) {
      const outcome = finalOutcome(this.seen.get(key) ?? 0);
      if (outcome === 'skipped') continue;
      const level = outcome === 'passed' ? 'flaky' : outcome;
      const item: EvidenceItem = { id: d.classname ? `${d.classname}::${d.name}` : d.name, kind: 'test', title: d.name, level, counts: [`tests.${level}`] };
      if (d.message) item.message = d.message;
      if (d.file) item.file = d.file;
      if (d.line) item.line = d.line;
      out.push(item);
    }
    return out;
  }
}

/**
 * A 53-bit hash (cyrb53) of suite, classname and name: a number key costs ~50 bytes a test
 * where the strings cost ~200, which keeps 10^6 tests within a CI runner's memory. Two
 * distinct tests collide with probability ~n²/2^54 (2·10^-6 for 200,000 tests).
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
