/**
 * The test-report formats of issue 9 (NUnit 2, xUnit.net v1/v2, Jest/Vitest, Mocha, CTRF,
 * RSpec and Dart JSON), read from fixtures written by the real tools where one runs here
 * (test/fixtures/evidence/README.md says which), with exact counts and messages.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestTally, readTestReport } from '../../src/evidence/tests/index.js';
import type { TestRun } from '../../src/evidence/tests/tally.js';
import { FIXTURES } from './helpers.js';

const FIX = path.join(FIXTURES, 'tests');

/** Every run a reader emits, in order, and the format it reports. */
async function runsOf(name: string): Promise<{ format: string; runs: TestRun[] }> {
  const runs: TestRun[] = [];
  const sink = { add: (r: TestRun) => runs.push(r) } as unknown as TestTally;
  const format = await readTestReport(path.join(FIX, name), name, sink, (p) => p.replace('/tmp/gen/proj/', ''));
  return { format, runs };
}

/** Counts per outcome: [runs, passed, failed, errored, skipped]. */
function counts(runs: TestRun[]): number[] {
  const n = (o: string) => runs.filter((r) => r.outcome === o).length;
  return [runs.length, n('passed'), n('failed'), n('errored'), n('skipped')];
}

const brief = (runs: TestRun[]) => runs.filter((r) => r.outcome !== 'passed' || r.retriedFailure).map((r) => [r.classname, r.name, r.outcome, r.message ?? (r.retriedFailure ? 'flaky' : undefined)]);

describe('formats by content', () => {
  it.each([
    // file, format, [runs, passed, failed, errored, skipped], flaky passes
    ['jest.json', 'jest-json', [7, 2, 2, 1, 2], 1],
    ['vitest.json', 'vitest-json', [7, 2, 2, 1, 2], 1],
    ['ctrf-jest.json', 'ctrf-json', [6, 2, 2, 0, 2], 1],
    ['mocha.json', 'mocha-json', [7, 2, 2, 1, 2], 1],
    ['rspec.json', 'rspec-json', [5, 1, 2, 0, 2], 0],
    ['rspec-load-error.json', 'rspec-json', [1, 0, 0, 1, 0], 0],
    ['dart.json', 'dart-json', [4, 1, 1, 1, 1], 0],
    ['nunit2.xml', 'nunit2', [8, 2, 2, 1, 3], 0],
    ['xunit-v2.xml', 'xunit', [5, 1, 1, 1, 2], 0],
    ['xunit-v1.xml', 'xunit', [3, 1, 1, 0, 1], 0],
  ])('%s is %s with exact counts', async (name, format, expected, flaky) => {
    const r = await runsOf(name);
    expect(r.format).toBe(format);
    expect(counts(r.runs)).toEqual(expected);
    expect(r.runs.filter((x) => x.retriedFailure).length).toBe(flaky);
    expect(r.runs.some((x) => x.retry)).toBe(false);
  });
});

describe('messages, details and locations', () => {
  it('Jest: the whole message with expected and received, the stack as details, the line from the stack', async () => {
    const { runs } = await runsOf('jest.json');
    expect(brief(runs)).toEqual([
      ['calc', 'rounds half up', 'failed', 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 1.02\nReceived: 1.01'],
      ['calc', 'divides', 'skipped', undefined],
      ['calc', 'multiplies', 'skipped', undefined],
      ['calc › errors', 'throws on strings', 'failed', 'TypeError: not a number: "x"'],
      ['jest/broken.test.js', '[suite]', 'errored', expect.stringMatching(/^● Test suite failed to run\n\n\s+Jest encountered an unexpected token/)],
      ['', 'passes on the second try', 'passed', 'flaky'],
    ]);
    const failed = runs.find((r) => r.name === 'rounds half up')!;
    expect(failed).toMatchObject({ suite: 'jest/calc.test.js', file: 'jest/calc.test.js', line: 4, time: 0.012 });
    expect(failed.details).toMatch(/^at Object\.toBe \(\/tmp\/gen\/proj\/jest\/calc\.test\.js:4:63\)/);
  });

  it('Vitest: a file whose import fails is one errored test; a pass after a failed attempt is flaky', async () => {
    const { runs } = await runsOf('vitest.json');
    expect(runs[0]).toMatchObject({ name: '[suite]', outcome: 'errored', message: "Cannot find module './nope.mjs' imported from /tmp/gen/proj/vt/broken.test.js" });
    expect(runs.find((r) => r.name === 'rounds half up')).toMatchObject({ outcome: 'failed', message: 'AssertionError: expected 1.01 to be 1.02 // Object.is equality', line: 5 });
    expect(runs.find((r) => r.name === 'passes on the second try')).toMatchObject({ outcome: 'passed', retriedFailure: true });
  });

  it('Mocha: a failed before-all hook is an errored test; messages keep their text, stacks are details', async () => {
    const { runs } = await runsOf('mocha.json');
    expect(brief(runs)).toEqual([
      ['calc', 'rounds half up', 'failed', 'Expected values to be strictly equal:\n\n1.01 !== 1.02'],
      ['calc', 'divides', 'skipped', undefined],
      ['calc', 'multiplies', 'skipped', undefined],
      ['calc errors', 'throws on strings', 'failed', 'not a number: "x"'],
      ['calc retried', 'passes on the second try', 'passed', 'flaky'],
      ['calc with a broken hook', '"before all" hook for "never runs"', 'errored', 'database is down'],
    ]);
    expect(runs[1]!.details).toMatch(/^AssertionError \[ERR_ASSERTION\]: Expected values/);
  });

  it('CTRF: suite path, message and trace; a Jest todo written as status "other" is skipped', async () => {
    const { runs } = await runsOf('ctrf-jest.json');
    expect(runs[1]).toMatchObject({ classname: 'calc.test.js > calc', name: 'calc rounds half up', outcome: 'failed', message: 'Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 1.02\nReceived: 1.01', file: 'jest/calc.test.js' });
    expect(runs[1]!.details).toMatch(/^at Object\.toBe/);
    expect(runs[3]).toMatchObject({ name: 'calc multiplies', outcome: 'skipped' });
  });

  it('RSpec: exception class and message, file and line; a load error is one errored test', async () => {
    const { runs } = await runsOf('rspec.json');
    expect(runs[1]).toMatchObject({ classname: 'Calc', name: 'rounds half up', outcome: 'failed', message: 'RSpec::Expectations::ExpectationNotMetError: expected: 1.02\n     got: 1.01\n\n(compared using ==)', file: 'spec/calc_spec.rb', line: 4 });
    expect(runs[4]).toMatchObject({ classname: 'Calc errors', message: 'TypeError: not a number: "x"' });
    const load = (await runsOf('rspec-load-error.json')).runs[0]!;
    expect(load).toMatchObject({ name: '[errors outside of examples]', outcome: 'errored' });
    expect(load.message).toMatch(/^An error occurred while loading \.\/spec\/broken_spec\.rb\./);
  });

  it('Dart: hidden loading tests are not counted; failure vs error; message, stack and line', async () => {
    const { runs } = await runsOf('dart.json');
    expect(brief(runs)).toEqual([
      ['test/calc_test.dart', 'calc rounds half up', 'failed', 'Expected: <1.01>\n  Actual: <1.0>'],
      ['test/calc_test.dart', 'calc divides', 'errored', 'IntegerDivisionByZeroException'],
      ['test/calc_test.dart', 'calc multiplies', 'skipped', undefined],
    ]);
    expect(runs[1]).toMatchObject({ line: 8, time: 0.02, details: 'package:matcher                expect\ntest/calc_test.dart 9:7  main.<fn>.<fn>' });
  });

  it('NUnit 2: full names split at the method, result words and the pre-2.5 executed/success form', async () => {
    const { runs } = await runsOf('nunit2.xml');
    expect(brief(runs)).toEqual([
      ['Calc.RoundingTests', 'RoundsHalfUp(1.005d)', 'failed', 'Expected: 1.01m\n  But was:  1.0m'],
      ['Calc.RoundingTests', 'Divides', 'errored', 'System.DivideByZeroException : Attempted to divide by zero.'],
      ['Calc.RoundingTests', 'Multiplies', 'skipped', undefined],
      ['Calc.RoundingTests', 'Subtracts', 'skipped', undefined],
      ['Calc.RoundingTests', 'Invalid', 'skipped', undefined],
      ['Legacy.Old', 'Fails', 'failed', 'old style failure'],
    ]);
    expect(runs.find((r) => r.name === 'Holds')?.classname).toBe('Calc.Generic<Int32>(5)');
    expect(runs[1]!.details).toBe('at Calc.RoundingTests.RoundsHalfUp(Double x) in /build/Calc.Tests/RoundingTests.cs:line 21');
  });

  it('xUnit.net v2: a cleanup error is an errored test; NotRun is skipped; the class is dropped from the name', async () => {
    const { runs } = await runsOf('xunit-v2.xml');
    expect(brief(runs)).toEqual([
      ['', '[test-class-cleanup] Calc.Tests.DbFixture', 'errored', 'System.InvalidOperationException : connection already closed'],
      ['Calc.Tests.RoundingTests', 'RoundsHalfUp(x: 1.005)', 'failed', 'Assert.Equal() Failure: Values differ\nExpected: 1.01\nActual:   1'],
      ['Calc.Tests.RoundingTests', 'Divides', 'skipped', undefined],
      ['Calc.Tests.RoundingTests', 'Only run by hand', 'skipped', undefined],
    ]);
    expect(runs[2]!.details).toBe('at Calc.Tests.RoundingTests.RoundsHalfUp(Double x) in /build/Calc.Tests/RoundingTests.cs:line 21');
  });

  it('fills a tally: items carry the whole message', async () => {
    const tally = new TestTally();
    await readTestReport(path.join(FIX, 'jest.json'), 'jest.json', tally, (p) => p);
    expect(tally.metrics()).toMatchObject({ 'tests.runs': 7, 'tests.failed': 2, 'tests.errored': 1, 'tests.skipped': 2, 'tests.flaky': 1 });
    expect(tally.items().find((i) => i.title === 'rounds half up')?.message).toContain('Received: 1.01');
  });
});
