/**
 * The suites of a JUnit document: the innermost suite's name and each case's position in it
 * (the id of a case without a name), and the counts a suite declares (`tests`, `failures`,
 * `errors`, `skipped`) checked against the cases it lists. A suite that declares tests but lists
 * none has its declared counts used; a suite whose declared failures and errors differ from its
 * cases' is reported. Either gives one warning per file, naming the first such suite.
 */
import type { Emit, Outcome } from './tally.js';

interface Declared {
  tests?: number;
  failures?: number;
  errors?: number;
  skipped?: number;
}

interface Frame {
  name: string;
  declared: Declared;
  /** Cases directly inside, and cases and failed or errored cases at any depth. */
  cases: number;
  nested: number;
  bad: number;
  hasChildSuite: boolean;
}

/** Larger declared numbers are not counts any tool writes; they are ignored. */
const MAX_DECLARED = 1e9;

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n <= MAX_DECLARED ? n : undefined;
}

/** Tracks the open suites of one document for junitVisitor. */
export class SuiteCounts {
  private readonly frames: Frame[] = [];
  private looseCases = 0;
  private empty: { first: string; suites: number; tests: number } | undefined;
  private contradicted: { first: string; suites: number } | undefined;

  constructor(private readonly emit: Emit) {}

  open(element: string, attrs: Record<string, string>): void {
    const parent = this.frames[this.frames.length - 1];
    if (parent) parent.hasChildSuite = true;
    // <testsuites name="jest tests"> names the run, not a suite: cases keep their own suite names.
    const name = element === 'testsuite' ? (attrs.name ?? '') : (parent?.name ?? '');
    const declared = { tests: count(attrs.tests), failures: count(attrs.failures), errors: count(attrs.errors), skipped: count(attrs.skipped ?? attrs.skips) };
    this.frames.push({ name, declared, cases: 0, bad: 0, nested: 0, hasChildSuite: false });
  }

  /** The innermost suite's name and the 1-based position of the case now opening in it. */
  nextCase(): { suite: string; position: number } {
    const top = this.frames[this.frames.length - 1];
    if (!top) return { suite: '', position: ++this.looseCases };
    return { suite: top.name, position: ++top.cases };
  }

  caseDone(outcome: Outcome): void {
    const top = this.frames[this.frames.length - 1];
    if (top && (outcome === 'failed' || outcome === 'errored')) top.bad++;
  }

  close(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    frame.nested += frame.cases;
    const parent = this.frames[this.frames.length - 1];
    if (parent) {
      parent.nested += frame.nested;
      parent.bad += frame.bad;
    }
    if (frame.nested === 0 && !frame.hasChildSuite) this.useDeclared(frame);
    else if (frame.cases > 0) this.check(frame);
    if (!parent) this.report();
  }

  /** A suite that lists no cases: its declared counts are the only evidence there is. */
  private useDeclared(frame: Frame): void {
    const d = frame.declared;
    const tests = d.tests ?? 0;
    if (tests === 0) return;
    const failed = Math.min(d.failures ?? 0, tests);
    const errored = Math.min(d.errors ?? 0, tests - failed);
    const skipped = Math.min(d.skipped ?? 0, tests - failed - errored);
    const label = frame.name ? `suite "${frame.name}"` : 'a suite';
    const message = `${label} declares ${tests} tests (${failed} failed, ${errored} errored, ${skipped} skipped) but lists no test cases`;
    this.emit.declared?.({ classname: frame.name || this.emit.file || '', passed: tests - failed - errored - skipped, failed, errored, skipped, message });
    this.empty ??= { first: label, suites: 0, tests: 0 };
    this.empty.suites++;
    this.empty.tests += tests;
  }

  /** Declared failures + errors must match the failed and errored cases listed (nested suites' included). */
  private check(frame: Frame): void {
    const d = frame.declared;
    if (d.failures === undefined && d.errors === undefined) return;
    const declared = (d.failures ?? 0) + (d.errors ?? 0);
    if (declared === frame.bad) return;
    const label = frame.name ? `suite "${frame.name}"` : 'a suite';
    this.contradicted ??= { first: `${label} declares ${declared} failures and errors but its test cases show ${frame.bad}`, suites: 0 };
    this.contradicted.suites++;
  }

  private report(): void {
    const warn = this.emit.warn;
    if (warn && this.empty) {
      const { first, suites, tests } = this.empty;
      const more = suites > 1 ? ` (${suites} such suites, ${tests} tests)` : '';
      warn(`${first} declares tests but lists no test cases${more}; its declared counts are used, and its failures are listed without names`);
    }
    if (warn && this.contradicted) {
      const { first, suites } = this.contradicted;
      const more = suites > 1 ? ` (and ${suites - 1} more suites)` : '';
      warn(`${first}${more}; the test cases are counted, the declared counts are not`);
    }
    this.empty = undefined;
    this.contradicted = undefined;
  }
}
