/**
 * Which test-case elements are one test, read from reports that real tools wrote (see
 * test/fixtures/evidence/README.md for the tool and version of each), in both retry modes.
 * The runners' own summaries are the reference: each comment quotes it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence, type EvidenceBundle } from '../../src/evidence/index.js';
import type { RetryMode } from '../../src/evidence/tests/tally.js';
import { FIXTURES } from './helpers.js';

const FIX = path.join(FIXTURES, 'tests');

async function collect(file: string, retries?: RetryMode): Promise<EvidenceBundle> {
  return collectEvidence({ cwd: FIX, junit: [file], coverage: [], sarif: [], docs: [], retries });
}

type Counts = [total: number, runs: number, passed: number, failed: number, errored: number, skipped: number, flaky: number];
const counts = (b: EvidenceBundle): Counts => {
  const m = b.metrics;
  return [m['tests.total']!, m['tests.runs']!, m['tests.passed']!, m['tests.failed']!, m['tests.errored']!, m['tests.skipped']!, m['tests.flaky']!];
};

describe('retries only where the report marks them (real reports)', () => {
  it.each<[string, Counts, Counts]>([
    // Jest: "Tests: 2 failed, 4 passed, 6 total"; the same title in two files, a test.each without %s
    ['jest-junit-same-titles.xml', [6, 6, 4, 2, 0, 0, 0], [3, 6, 3, 0, 0, 0, 2]],
    // Vitest, the same project: 2 failed, 4 passed
    ['vitest-junit-same-titles.xml', [6, 6, 4, 2, 0, 0, 0], [4, 6, 3, 1, 0, 0, 1]],
    // Vitest { retry }: one element per test whatever the attempts, no flaky mark (1 passed, 1 failed)
    ['vitest-junit-retry.xml', [2, 2, 1, 1, 0, 0, 0], [2, 2, 1, 1, 0, 0, 0]],
    // Playwright retries: 1, default JUnit reporter: "1 failed, 1 flaky, 1 passed"; the flaky one is not marked
    ['playwright-junit.xml', [3, 3, 2, 1, 0, 0, 0], [3, 3, 2, 1, 0, 0, 0]],
    // Playwright with includeRetries: flakyFailure and rerunFailure inside the element
    ['playwright-junit-retries.xml', [3, 3, 2, 1, 0, 0, 1], [3, 3, 2, 1, 0, 0, 1]],
    // gotestsum --rerun-fails=2: "DONE 3 runs, 9 tests, 7 failures"; TestFlaky passed on its rerun
    ['gotestsum-rerun.json', [4, 9, 2, 2, 0, 0, 1], [4, 9, 2, 2, 0, 0, 1]],
    // go test -count=2: each repeat is a test of its own (TestFlaky failed once, passed once)
    ['go-test-count2.json', [8, 8, 3, 5, 0, 0, 0], [4, 8, 2, 2, 0, 0, 1]],
    // pytest 7.2.1 + pytest-rerunfailures 10.2: "1 failed, 2 passed, 3 rerun"; only the last attempt is written
    ['pytest-rerunfailures.xml', [3, 3, 2, 1, 0, 0, 0], [3, 3, 2, 1, 0, 0, 0]],
  ])('%s', async (file, marked, sameName) => {
    expect(counts(await collect(file))).toEqual(marked);
    expect(counts(await collect(file, 'same-name'))).toEqual(sameName);
  });

  it('a failing Jest test keeps its expected and received values, its stack in the details', async () => {
    const b = await collect('jest-junit-same-titles.xml');
    expect(b.items.map((i) => [i.id, i.level])).toEqual([
      ['parse doubles a number::parse doubles a number', 'failed'],
      ['parse rejects empty input::parse rejects empty input', 'failed'],
    ]);
    expect(b.items[0]!.message).toBe('Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 7\nReceived: 6');
    expect(b.items[1]!.message).toContain('-     3,\n+     2,');
    expect(b.items[0]!.details).toMatch(/Received: 6\n {4}at toBe \(\/tmp\/i9x\/jp\/test\/a\.test\.js:3:88\)/);
  });

  it('a gotestsum rerun that passed makes the test flaky, with the first run\'s message continued over its lines', async () => {
    const b = await collect('gotestsum-rerun.json');
    expect(b.items.map((i) => [i.id, i.level, i.message, i.file, i.line])).toEqual([
      ['example.com/calc::TestBroken', 'failed', undefined, undefined, undefined],
      ['example.com/calc::TestBroken/sub', 'failed', 'Add(2, 2) = 4, want 5', 'calc_test.go', 24],
      ['example.com/calc::TestFlaky', 'flaky', 'first run fails\nexpected: 1\nactual:   2', 'calc_test.go', 18],
    ]);
    expect(b.items[2]!.details).toBe('calc_test.go:18: first run fails\n        expected: 1\n        actual:   2');
  });

  it('Playwright includeRetries: the flaky test keeps its retry\'s message and stack trace', async () => {
    const b = await collect('playwright-junit-retries.xml');
    const flaky = b.items.find((i) => i.level === 'flaky')!;
    expect(flaky).toMatchObject({ id: 'a.spec.js::flaky once', message: 'expect(received).toBe(expected) // Object.is equality' });
    expect(flaky.details).toBe('Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 1\nReceived: 0\n    at /tmp/i9x/pw/tests/a.spec.js:2:61');
    // the real <failure> outranks the rerunFailure written before it: its text is the formatted failure
    expect(b.items.find((i) => i.level === 'failed')!.details).toMatch(/^a\.spec\.js:3:1 › always fails ─+\n\n {4}Error: expect/);
  });

  it('output is byte-identical for the same input', async () => {
    const a = JSON.stringify(await collect('*.json'));
    const b = JSON.stringify(await collect('*.json'));
    expect(a).toBe(b);
  });
});
