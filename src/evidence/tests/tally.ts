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
  /** Seconds. */
  time: number;
  message?: string;
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
  private readonly seen = new Map<string, number>();
  private readonly details = new Map<string, Detail>();
  runs = 0;
  duration = 0;

  add(run: TestRun): void {
    // Detached: a key built from parser slices would keep every chunk of the file alive.
    const key = detach(`${run.suite}\u0000${run.classname}\u0000${run.name}`);
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

function finalOutcome(bits: number): Outcome {
  if (bits & PASSED) return 'passed';
  if (bits & ERRORED) return 'errored';
  if (bits & FAILED) return 'failed';
  return 'skipped';
}
