/**
 * Every real report in ../shared/fixtures/test-reports, with counts derived by reading the
 * files (an independent ElementTree count) and checked against the totals the root element
 * declares and dorny/test-reporter's expectations. Where the distinct-test count differs
 * from the declared total, the comment says why.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { TestTally, readTestReport } from '../../src/evidence/tests/index.js';
import { DORNY, FIXTURES, tempDir } from './helpers.js';

type Row = [file: string, format: string, runs: number, total: number, passed: number, failed: number, errored: number, skipped: number, duration: number, passRate: number | undefined];

const ROWS: Row[] = [
  // declared: tests=0
  ['empty/java-junit.xml', 'junit', 0, 0, 0, 0, 0, 0, 0, undefined],
  ['empty/jest-junit-empty-testsuite.xml', 'junit', 0, 0, 0, 0, 0, 0, 0, undefined],
  ['empty/jest-junit.xml', 'junit', 0, 0, 0, 0, 0, 0, 0, undefined],
  ['empty/phpunit-empty.xml', 'junit', 0, 0, 0, 0, 0, 0, 0, undefined],
  ['empty/dotnet-trx.trx', 'trx', 0, 0, 0, 0, 0, 0, 0, undefined],
  ['empty/dotnet-trx-empty-test-definitions.trx', 'trx', 0, 0, 0, 0, 0, 0, 0, undefined],
  // declared tests=2 failures=1 skipped=1: TestNG wrote testVersionStrings twice (skipped, then failed),
  // two invocations, no retry mark: two tests (dorny: 1 failed, 1 skipped)
  ['external/java/TEST-org.apache.pulsar.AddMissingPatchVersionTest.xml', 'junit', 2, 2, 0, 1, 0, 1, 0.116, 0],
  // declared tests=3 failures=1
  ['external/java/empty_failures.xml', 'junit', 3, 3, 2, 1, 0, 0, 6.79, 66.67],
  // no declared totals; dorny: 6 tests, 5 passed, 1 failed
  ['external/java/junit4-basic.xml', 'junit', 6, 6, 5, 1, 0, 0, 11.327, 83.33],
  // declared tests=8 failures=1 errors=1 skipped=1
  ['external/java/junit4-complete.xml', 'junit', 8, 8, 5, 1, 1, 1, 16.083, 71.43],
  // declared tests=808 failures=1 skipped=14; 39 classname+name pairs repeat (TestNG invocations,
  // no retry mark), each counted: dorny says 793 passed, 1 failed, 14 skipped
  ['external/java/pulsar-test-report.xml', 'junit', 808, 808, 793, 1, 0, 14, 2126.531, 99.87],
  ['external/jest/jest-react-component-test-results.xml', 'junit', 1, 1, 1, 0, 0, 0, 0.704, 100],
  // declared tests=4239 failures=2; jest-junit wrote 31 titles 128 times within the same suite file
  // (parameterised tests): each element is a test, as dorny counts (4207 passed, 2 failed, 30 skipped)
  ['external/jest/jest-test-results.xml', 'junit', 4239, 4239, 4207, 2, 0, 30, 592.588, 99.95],
  ['external/phpunit/junit-basic.xml', 'junit', 9, 9, 8, 1, 0, 0, 15.683, 88.89],
  // nested suites declare tests=30 failures=2
  ['external/phpunit/phpcheckstyle-phpunit.xml', 'junit', 30, 30, 28, 2, 0, 0, 0.041, 93.33],
  ['jest-junit-eslint.xml', 'junit', 1, 1, 1, 0, 0, 0, 0, 100],
  // declared tests=6 failures=4 (one test is <skipped/>)
  ['jest-junit.xml', 'junit', 6, 6, 1, 4, 0, 1, 0.007, 20],
  ['junit-with-message.xml', 'junit', 1, 1, 0, 1, 0, 0, 0, 0],
  ['nette-tester/BootstrapFormRenderer-report.xml', 'junit', 4, 4, 4, 0, 0, 0, 0, 100],
  // suite declares tests=65 errors=1 skipped=3; the one problem is written as <failure>
  ['nette-tester/tester-v1.7-report.xml', 'junit', 65, 65, 61, 1, 0, 3, 0, 98.39],
  ['phpunit/phpunit-paths.xml', 'junit', 6, 6, 0, 6, 0, 0, 0.006, 0],
  ['phpunit/phpunit.xml', 'junit', 12, 12, 10, 2, 0, 0, 0.14, 83.33],
  // suite declares tests=15 (pytest counts subtests) failures=2 skipped=2; 10 test-case elements
  ['python-xunit-pytest.xml', 'junit', 10, 10, 6, 2, 0, 2, 0.007, 75],
  // declared tests=8 failures=1 errors=1 skipped=2
  ['python-xunit-unittest.xml', 'junit', 8, 8, 4, 1, 1, 2, 0.001, 66.67],
  // suite declares tests=3 failures=1
  ['swift-xunit.xml', 'junit', 3, 3, 2, 1, 0, 0, 0.22, 66.67],
  // declared tests=0 errors=2: two suites failed to run, each written as an errored test case
  ['test-errors/jest/jest-test-results.xml', 'junit', 2, 2, 0, 0, 2, 0, 0, 0],
  // TRX Counters total=11 passed=5 failed=5, one NotExecuted
  ['dotnet-trx.trx', 'trx', 11, 11, 5, 5, 0, 1, 0.118, 50],
  // Counters total=4 passed=1 failed=3
  ['dotnet-xunitv3.trx', 'trx', 4, 4, 1, 3, 0, 0, 0.018, 25],
  // Counters total=804 passed=803, one NotExecuted
  ['external/FluentValidation.Tests.trx', 'trx', 804, 804, 803, 0, 0, 1, 3.196, 100],
  // Counters total=79 executed=67 passed=67; same test names in different classes stay apart
  ['external/SilentNotes.trx', 'trx', 79, 79, 67, 0, 0, 12, 0.446, 100],
  // test-run total=9 passed=3 failed=5 (2 of them label="Error") skipped=1
  ['dotnet-nunit.xml', 'nunit3', 9, 9, 3, 3, 2, 1, 0.069, 37.5],
  // test-run total=18 passed=12 failed=2 (1 label="Error") inconclusive=1 skipped=3
  ['external/nunit-sample.xml', 'nunit3', 18, 18, 12, 1, 1, 4, 0, 85.71],
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

async function read(rel: string): Promise<{ format: string; tally: TestTally }> {
  const tally = new TestTally();
  const format = await readTestReport(path.join(DORNY, rel), rel, tally, (p) => p);
  return { format, tally };
}

describe('real test reports', () => {
  it('covers every report in the shared fixtures', () => {
    const all = walk(DORNY).filter((f) => !f.endsWith('LICENSE')).map((f) => path.relative(DORNY, f).split(path.sep).join('/'));
    expect(ROWS.map((r) => r[0]).sort()).toEqual(all.sort());
  });

  it.each(ROWS)('%s (%s)', async (file, format, runs, total, passed, failed, errored, skipped, duration, passRate) => {
    const r = await read(file);
    expect(r.format).toBe(format);
    const m = r.tally.metrics();
    expect(m).toMatchObject({
      'tests.runs': runs,
      'tests.total': total,
      'tests.passed': passed,
      'tests.failed': failed,
      'tests.errored': errored,
      'tests.skipped': skipped,
      'tests.flaky': 0,
      'tests.duration': duration,
    });
    expect(m['tests.passRate']).toBe(passRate);
    expect(r.tally.items().filter((i) => i.level !== 'flaky')).toHaveLength(failed + errored);
  });

  it('keeps the message, file and line of failed tests', async () => {
    const { tally } = await read('phpunit/phpunit-paths.xml');
    expect(tally.items()[0]).toEqual({
      id: 'SampleSuite::testFailure',
      kind: 'test',
      title: 'testFailure',
      level: 'failed',
      message: 'Boom',
      details: '/home/runner/work/repo/src/Fake.php:42',
      file: '/home/runner/work/repo/src/Fake.php',
      line: 42,
      counts: ['tests.failed'],
    });
  });

  it('takes the failure text up to its first stack frame when there is no message attribute, the rest as details', async () => {
    const { tally } = await read('jest-junit.xml');
    const item = tally.items().find((i) => i.message?.startsWith('Error: expect(received).toBeTruthy()'));
    expect(item?.message).toBe('Error: expect(received).toBeTruthy()\n\nReceived: false');
    expect(item?.details).toMatch(/^Error: expect\(received\)\.toBeTruthy\(\)\n\nReceived: false\n {4}at Object\.<anonymous> \(/);
  });

  it('reads TRX error messages and classes', async () => {
    const { tally } = await read('dotnet-xunitv3.trx');
    // two of the three failures are class-cleanup results without an <ErrorInfo>
    expect(tally.items().map((i) => [i.id, i.message])).toEqual([
      ['DotnetTests.XUnitV3Tests.FixtureTests::DotnetTests.XUnitV3Tests.FixtureTests.Failing_Test', 'Assert.Null() Failure: Value is not null\nExpected: null\nActual:   Fixture { }'],
      ['[Test Class Cleanup Failure (DotnetTests.XUnitV3Tests.FixtureTests.Passing_Test)]', undefined],
      ['[Test Class Cleanup Failure (DotnetTests.XUnitV3Tests.FixtureTests.Failing_Test)]', undefined],
    ]);
    expect(tally.items()[0]!.details).toMatch(/^at DotnetTests\.XUnitV3Tests\.FixtureTests\.Failing_Test\(\) in /);
  });
});

describe('outcomes and retries', () => {
  const { write } = tempDir();
  const junit = (body: string): string => `<?xml version="1.0"?>\n<testsuites>${body}</testsuites>`;

  it.each([
    ['error beats failure beats skipped', '<testcase classname="A" name="t"><skipped/><failure message="f"/><error message="e"/></testcase>', { 'tests.errored': 1, 'tests.failed': 0 }],
    ['failure beats skipped', '<testcase classname="A" name="t"><skipped/><failure message="f"/></testcase>', { 'tests.failed': 1, 'tests.skipped': 0 }],
    ['Surefire flakyFailure: passed and flaky', '<testcase classname="A" name="t"><flakyFailure message="once"/></testcase>', { 'tests.passed': 1, 'tests.flaky': 1, 'tests.failed': 0 }],
    ['Surefire flakyError: passed and flaky', '<testcase classname="A" name="t"><flakyError message="once"/></testcase>', { 'tests.passed': 1, 'tests.flaky': 1 }],
    ['Surefire rerunFailure: failed', '<testcase classname="A" name="t"><failure message="x"/><rerunFailure message="x"/></testcase>', { 'tests.failed': 1, 'tests.flaky': 0 }],
    ['rerunError alone: errored', '<testcase classname="A" name="t"><rerunError message="x"/></testcase>', { 'tests.errored': 1 }],
    ['gtest status="notrun": skipped', '<testcase classname="A" name="t" status="notrun"/>', { 'tests.skipped': 1 }],
  ])('%s', async (_name, body, expected) => {
    const tally = new TestTally();
    await readTestReport(write(`${expect.getState().currentTestName}.xml`, junit(`<testsuite name="s">${body}</testsuite>`)), 'r.xml', tally, (p) => p);
    expect(tally.metrics()).toMatchObject({ 'tests.total': 1, 'tests.runs': 1, ...expected });
  });

  const twoRuns = (): string => {
    write('retry/run1.xml', junit('<testsuite name="S"><testcase classname="A" name="flaky" time="1"><failure message="boom"/></testcase><testcase classname="A" name="broken" time="1"><failure message="b1"/></testcase><testcase classname="A" name="ok" time="1"/></testsuite>'));
    write('retry/run2.xml', junit('<testsuite name="S"><testcase classname="A" name="flaky" time="2"/><testcase classname="A" name="broken" time="2"><error message="b2"/></testcase></testsuite>'));
    return path.dirname(write('retry/.keep', ''));
  };

  it('counts a test repeated without a retry mark as another test: any failure fails', async () => {
    const bundle = await collectEvidence({ cwd: twoRuns(), junit: ['*.xml'], coverage: [], sarif: [], docs: [] });
    expect(bundle.metrics).toMatchObject({
      'tests.total': 5, 'tests.runs': 5, 'tests.passed': 2, 'tests.flaky': 0, 'tests.failed': 2, 'tests.errored': 1,
      'tests.skipped': 0, 'tests.passRate': 40, 'tests.duration': 7,
    });
    expect(bundle.items.map((i) => [i.id, i.level, i.message])).toEqual([
      ['A::broken', 'failed', 'b1'],
      ['A::broken', 'errored', 'b2'],
      ['A::flaky', 'failed', 'boom'],
    ]);
  });

  it('with retries "same-name", merges every repeat: passed if any run passed (then flaky), else the worst', async () => {
    const bundle = await collectEvidence({ cwd: twoRuns(), junit: ['*.xml'], coverage: [], sarif: [], docs: [], retries: 'same-name' });
    expect(bundle.metrics).toMatchObject({
      'tests.total': 3, 'tests.runs': 5, 'tests.passed': 2, 'tests.flaky': 1, 'tests.failed': 0, 'tests.errored': 1,
      'tests.skipped': 0, 'tests.passRate': 66.67, 'tests.duration': 7,
    });
    expect(bundle.items.map((i) => [i.id, i.level, i.message, i.counts])).toEqual([
      ['A::broken', 'errored', 'b2', ['tests.errored']],
      ['A::flaky', 'flaky', 'boom', ['tests.flaky']],
    ]);
  });

  it('reads nested suites, properties and system-out without keeping them', async () => {
    const tally = new TestTally();
    const body = '<testsuite name="outer"><properties><property name="k" value="v"/></properties><testsuite name="inner"><testcase name="t1"><system-out>lots</system-out><system-err>more</system-err></testcase></testsuite><testcase name="t1"/></testsuite>';
    await readTestReport(write('nested.xml', junit(body)), 'nested.xml', tally, (p) => p);
    // no classname: the enclosing suite names keep the two t1 apart
    expect(tally.metrics()).toMatchObject({ 'tests.total': 2, 'tests.passed': 2 });
  });

  it('reads a UTF-16 report with a byte-order mark and an ISO-8859-1 report', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(junit('<testsuite name="s"><testcase classname="Ä" name="t"><failure message="ü"/></testcase></testsuite>'), 'utf16le')]);
    const latin1 = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><testsuite name="s"><testcase classname="C" name="caf\xe9"><failure message="\xfc"/></testcase></testsuite>`, 'latin1');
    const a = new TestTally();
    await readTestReport(write('u16.xml', utf16), 'u16.xml', a, (p) => p);
    expect(a.items()[0]).toMatchObject({ id: 'Ä::t', message: 'ü' });
    const b = new TestTally();
    await readTestReport(write('l1.xml', latin1), 'l1.xml', b, (p) => p);
    expect(b.items()[0]).toMatchObject({ id: 'C::café', message: 'ü' });
  });
});

describe('TAP and go test -json', () => {
  const FIX = path.join(FIXTURES, 'tests');
  const readFixture = async (name: string) => {
    const tally = new TestTally();
    const format = await readTestReport(path.join(FIX, name), name, tally, (p) => p);
    return { format, tally };
  };

  it('node:test TAP (written by node --test --test-reporter=tap): leaves only, SKIP and TODO skipped', async () => {
    // the runner's own summary: tests 6, pass 3, fail 1, skipped 1, todo 1 (a failing TODO counts as skipped here)
    const { format, tally } = await readFixture('node-test.tap');
    expect(format).toBe('tap');
    expect(tally.metrics()).toMatchObject({ 'tests.total': 6, 'tests.runs': 6, 'tests.passed': 3, 'tests.failed': 1, 'tests.skipped': 2, 'tests.errored': 0 });
    expect(tally.items()).toEqual([
      { id: 'math::fails', kind: 'test', title: 'fails', level: 'failed', message: '2 == 3', file: '/home/runner/work/repo/test/a.test.mjs', line: 5, counts: ['tests.failed'], details: expect.any(String) },
    ]);
    // the YAML diagnostics, dedented: expected, actual and the stack are kept
    expect(tally.items()[0]!.details).toMatch(/^duration_ms: 0\.687205\n[^]*\nexpected: 3\nactual: 2\n[^]*\nstack: \|-\n {2}TestContext\.<anonymous> \(file:/);
  });

  it.each([
    // the runners' own summaries: tape "# tests 2 # pass 1 # fail 1"; Mocha "# tests 2 # pass 1 # fail 1"
    ['tape.tap', 'should be strictly equal'],
    ['mocha.tap', 's y'], // Mocha's TAP names a test by its full title
  ])('%s (a plan after the tests) is 2 tests, 1 failed; cut before its plan, an errored test too', async (name, failed) => {
    const { format, tally } = await readFixture(name);
    expect(format).toBe('tap');
    expect(tally.metrics()).toMatchObject({ 'tests.total': 2, 'tests.passed': 1, 'tests.failed': 1, 'tests.errored': 0 });
    expect(tally.items().map((i) => i.title)).toEqual([failed]);
    const text = readFileSync(path.join(FIX, name), 'utf8');
    const cut = tempDir().write(`cut-${name}`, text.slice(0, text.indexOf('1..2')));
    const t = new TestTally();
    await readTestReport(cut, name, t, (p) => p);
    expect(t.metrics()).toMatchObject({ 'tests.total': 3, 'tests.failed': 1, 'tests.errored': 1 });
  });

  it('go test -json: tests and subtests, the failing line, a package that failed to build', async () => {
    const { format, tally } = await readFixture('go-test.json');
    expect(format).toBe('go-test-json');
    expect(tally.metrics()).toMatchObject({ 'tests.total': 6, 'tests.runs': 6, 'tests.passed': 3, 'tests.failed': 1, 'tests.errored': 1, 'tests.skipped': 1, 'tests.duration': 0.03 });
    expect(tally.items().sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'example.com/broken::[package]', kind: 'test', title: '[package]', level: 'errored', message: 'FAIL\texample.com/broken [build failed]', counts: ['tests.errored'] },
      { id: 'example.com/calc::TestDiv', kind: 'test', title: 'TestDiv', level: 'failed', message: 'Div(1, 0): got 0, want an error', details: 'calc_test.go:15: Div(1, 0): got 0, want an error', file: 'calc_test.go', line: 15, counts: ['tests.failed'] },
    ]);
  });
});
