/**
 * The test-report formats of issue 9 (NUnit 2, xUnit.net v1/v2, Jest/Vitest, Mocha, CTRF,
 * RSpec and Dart JSON), read from fixtures written by the real tools where one runs here
 * (test/fixtures/evidence/README.md says which), with exact counts and messages.
 */
import { truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestTally, readTestReport } from '../../src/evidence/tests/index.js';
import { MAX_TEST_JSON_BYTES } from '../../src/evidence/tests/json-report.js';
import type { TestRun } from '../../src/evidence/tests/tally.js';
import { FIXTURES, tempDir, userError } from './helpers.js';

const FIX = path.join(FIXTURES, 'tests');

/** A tally stand-in that keeps every run a reader emits, in order. */
const recorder = (runs: TestRun[]): TestTally => ({ emitter: () => (r: TestRun) => runs.push(r) }) as unknown as TestTally;

/** Every run a reader emits, in order, and the format it reports. */
async function runsOf(name: string): Promise<{ format: string; runs: TestRun[] }> {
  const runs: TestRun[] = [];
  const sink = recorder(runs);
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

describe('bad and unsupported input', () => {
  const { write } = tempDir();
  const read = (name: string, content: string | Buffer) => userError(readTestReport(write(name, content), name, new TestTally(), (p) => p));
  const SUPPORTED = 'supported: JUnit XML, TRX, NUnit 2/3 XML, xUnit.net v1/v2 XML, TAP, go test -json, Dart/Flutter JSON, Jest/Vitest JSON, Mocha JSON, CTRF JSON, RSpec JSON';

  it.each([
    ['unknown.json', '{\n  "foo": 1,\n  "bar": []\n}\n', 'unknown.json: unsupported format JSON (an object with keys "foo", "bar")'],
    ['empty-object.json', '{}', 'empty-object.json: unsupported format JSON (an object with no keys)'],
    ['allure-result.json', '{"uuid":"0b1c","historyId":"9f","name":"adds","status":"passed","steps":[]}', 'allure-result.json: unsupported format Allure result JSON (have the runner write JUnit XML)'],
    ['cucumber.json', '[{"keyword":"Feature","name":"calc","elements":[]}]', 'cucumber.json: unsupported format Cucumber JSON'],
    ['results.sarif', '{"version":"2.1.0","runs":[]}', 'results.sarif: unsupported format SARIF (read it with --sarif)'],
    ['testng.xml', '<?xml version="1.0"?>\n<testng-results skipped="0" failed="0" total="1"/>', 'testng.xml: unsupported format TestNG XML (read the JUnit reports TestNG writes to junitreports/)'],
  ])('%s: one line naming the file and the supported formats', async (name, content, expected) => {
    const message = await read(name, content);
    expect(message).toBe(`${expected}; ${SUPPORTED}`);
    expect(message).not.toContain('not an XML file');
  });

  it.each([
    ['truncated.json', '{"numTotalTests":1,"testResults":[{"name":"a.test.js","assertionResults":[{"title":"t","status":"pas', /^truncated\.json:1:\d+: invalid JSON: unterminated string$/],
    ['trailing.json', '{\n  "stats": {"tests": 1},\n  "tests": [\n    {"title": "t",}\n  ]\n}', /^trailing\.json:4:19: invalid JSON: expected a property name in double quotes$/],
    ['not-utf8.json', Buffer.from('{"examples":[{"description":"caf\xe9"}],"summary":{}}', 'latin1'), /^not-utf8\.json:1:\d+: not valid UTF-8; save the file as UTF-8$/],
  ])('%s: a located syntax error', async (name, content, expected) => {
    expect(await read(name, content)).toMatch(expected);
  });

  it.each([
    ['jest-results.json', '{"numTotalTests":1,\n"testResults":5}', 'jest-results.json:2:15: /testResults: must be array (not a valid Jest/Vitest JSON report)'],
    ['jest-title.json', '{"numTotalTests":1,"testResults":[\n{"name":"a.test.js","assertionResults":[{"title":42,"status":"passed"}]}]}', 'jest-title.json:2:50: /testResults/0/assertionResults/0/title: must be string (not a valid Jest/Vitest JSON report)'],
    ['mocha-err.json', '{"stats":{},"tests":[{"title":"t","fullTitle":"t","err":"boom"}]}', 'mocha-err.json:1:57: /tests/0/err: must be object (not a valid Mocha JSON report)'],
    ['ctrf-suite.json', '{"reportFormat":"CTRF","results":{"tool":{"name":"x"},"tests":[{"name":"t","status":"failed","suite":5}]}}', 'ctrf-suite.json:1:102: /results/tests/0/suite: must be array of strings (not a valid CTRF report)'],
    ['rspec-line.json', '{"version":"3.13.0","examples":[{"description":"t","status":"failed","line_number":"4"}]}', 'rspec-line.json:1:84: /examples/0/line_number: must be number (not a valid RSpec JSON report)'],
    ['rspec-example.json', '{"version":"3.13.0","examples":[7]}', 'rspec-example.json:1:33: /examples/0: must be object (not a valid RSpec JSON report)'],
  ])('%s: a field of the wrong type is a located error, not a crash', async (name, content, expected) => {
    expect(await read(name, content)).toBe(expected);
  });

  it('a JSON report over the size cap is refused before it is read', async () => {
    const file = write('huge.json', '{"numTotalTests":1,"testResults":[');
    truncateSync(file, MAX_TEST_JSON_BYTES + 1); // sparse: costs no disk
    expect(await userError(readTestReport(file, 'huge.json', new TestTally(), (p) => p))).toBe(
      'huge.json: JSON test report larger than 256 MB; split the run into several reports or write JUnit XML, which is streamed',
    );
  });

  it('Dart: a broken event line is located; a test that never finished is errored', async () => {
    const start = '{"protocolVersion":"0.1.1","runnerVersion":"1.25.8","pid":1,"type":"start","time":0}\n';
    const test = '{"test":{"id":4,"name":"hangs","suiteID":0,"groupIDs":[],"metadata":{},"line":3},"type":"testStart","time":5}\n';
    expect(await read('dart-bad.json', `${start}${test}{"testID":4,"result":\n`)).toBe('dart-bad.json:3:1: invalid JSON event (expected one Dart test JSON event per line)');
    const runs: TestRun[] = [];
    await readTestReport(write('dart-cut.json', start + test), 'dart-cut.json', recorder(runs), (p) => p);
    expect(runs).toEqual([expect.objectContaining({ name: 'hangs', outcome: 'errored', message: 'test did not finish (crash or timeout)' })]);
  });

  it('unknown result words fail closed: errored, with the word in the message', async () => {
    const runs: TestRun[] = [];
    const sink = recorder(runs);
    await readTestReport(write('odd.xml', '<assemblies><assembly><collection><test name="t" type="C" result="Exploded"/></collection></assembly></assemblies>'), 'odd.xml', sink, (p) => p);
    await readTestReport(write('odd-ctrf.json', '{"reportFormat":"CTRF","results":{"tool":{"name":"x"},"tests":[{"name":"u","status":"other","rawStatus":"interrupted","duration":0}]}}'), 'odd-ctrf.json', sink, (p) => p);
    expect(runs.map((r) => [r.name, r.outcome, r.message])).toEqual([
      ['t', 'errored', 'unknown result "Exploded"'],
      ['u', 'errored', 'status "other" (interrupted) is not a pass'],
    ]);
  });
});
