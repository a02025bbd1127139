/**
 * The tally's bounds (keyed state, item budget) and valid reports that used to be refused or
 * misread: cases without attributes, nameless TAP results, a bare NUnit <test-suite>, declared
 * counts without cases or contradicting them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import { collectEvidence, finish, type EvidenceBundle } from '../../src/evidence/index.js';
import { KeyTable } from '../../src/evidence/tests/key-table.js';
import { MAX_TEST_ITEMS, TestTally, testKey } from '../../src/evidence/tests/tally.js';
import { tempDir } from './helpers.js';

const { dir, write } = tempDir();
const junit = (body: string): string => `<?xml version="1.0"?>\n<testsuites>${body}</testsuites>\n`;
const collect = (file: string): Promise<EvidenceBundle> => collectEvidence({ cwd: dir, junit: [file], coverage: [], sarif: [], docs: [] });

describe('KeyTable', () => {
  it('stores and finds 100,000 53-bit keys through its growth, in a deterministic order', () => {
    const table = new KeyTable();
    for (let i = 0; i < 100_000; i++) table.set(testKey('s', 'c', `t${i}`), (i % 255) + 1);
    table.set(testKey('s', 'c', 't7'), 200);
    expect(table.size).toBe(100_000);
    expect(table.get(testKey('s', 'c', 't7'))).toBe(200);
    expect(table.get(testKey('s', 'c', 't99999'))).toBe((99_999 % 255) + 1);
    expect(table.get(testKey('s', 'c', 'absent'))).toBe(0);
    expect(table.get(2 ** 53 - 1)).toBe(0);
    const seen: number[] = [];
    table.forEach((k) => seen.push(k));
    expect(seen).toHaveLength(100_000);
    expect(new Set(seen).size).toBe(100_000);
  });
});

describe('bounded items', () => {
  it(`keeps ${MAX_TEST_ITEMS} items of 130,000 failed tests, counts them all, and says how many were left out`, async () => {
    // 130,000 failures: the item array that used to be spread into push() overflowed the stack here
    const cases = Array.from({ length: 130_000 }, (_, i) => `<testcase classname="C" name="t${i}"><failure message="m${i}"/></testcase>`);
    const file = write('many.xml', junit(`<testsuite name="S" tests="130000" failures="130000">${cases.join('')}</testsuite>`));
    const b = await collect(path.basename(file));
    expect(b.metrics).toMatchObject({ 'tests.total': 130_000, 'tests.failed': 130_000, 'tests.passRate': 0 });
    expect(b.items).toHaveLength(MAX_TEST_ITEMS);
    expect(b.warnings).toEqual([
      { file: 'many.xml', message: `129000 failed, errored or flaky tests are counted in tests.* but not listed as items: at most ${MAX_TEST_ITEMS} are listed (failed and errored first); the limit was reached while reading this file` },
    ]);
  });

  it('lists failures before flaky tests when the budget is full', async () => {
    const flaky = Array.from({ length: MAX_TEST_ITEMS + 5 }, (_, i) => `<testcase classname="F" name="f${i}"><flakyFailure message="once"/></testcase>`);
    const file = write('flaky-first.xml', junit(`<testsuite name="S">${flaky.join('')}<testcase classname="X" name="real"><failure message="boom"/></testcase></testsuite>`));
    const b = await collect(path.basename(file));
    expect(b.metrics).toMatchObject({ 'tests.flaky': MAX_TEST_ITEMS + 5, 'tests.failed': 1 });
    expect(b.items).toHaveLength(MAX_TEST_ITEMS);
    expect(b.items.find((i) => i.id === 'X::real')).toMatchObject({ level: 'failed', message: 'boom' });
    expect(b.warnings?.[0]?.message).toMatch(/^6 failed, errored or flaky tests/);
  });

  it('keeps no per-test state for unmarked JUnit runs, and throws if a run is added after the results were read', () => {
    const tally = new TestTally();
    for (let i = 0; i < 1000; i++) tally.add({ suite: 's', classname: 'c', name: 'same', outcome: i === 500 ? 'failed' : 'passed', time: 0 });
    expect(tally.metrics()).toMatchObject({ 'tests.total': 1000, 'tests.passed': 999, 'tests.failed': 1 });
    expect(() => tally.add({ suite: 's', classname: 'c', name: 'late', outcome: 'passed', time: 0 })).toThrow(/after the results were read/);
  });
});

describe('valid reports that used to be refused or misread', () => {
  it('test cases without attributes get position ids in their suite (or file), never an empty one', async () => {
    write('no-attributes.xml', junit('<testsuite><testcase/><testcase><skipped/></testcase><testcase><failure/></testcase><testcase><error/></testcase></testsuite><testsuite name="N"><testcase><failure message="x"/></testcase></testsuite>'));
    const b = await collect('no-attributes.xml');
    expect(b.metrics).toMatchObject({ 'tests.total': 5, 'tests.passed': 1, 'tests.skipped': 1, 'tests.failed': 2, 'tests.errored': 1 });
    expect(b.items.map((i) => [i.id, i.title, i.level])).toEqual([
      ['N::(test 1)', '(test 1)', 'failed'],
      ['no-attributes.xml::(test 3)', '(test 3)', 'failed'],
      ['no-attributes.xml::(test 4)', '(test 4)', 'errored'],
    ]);
  });

  it('TAP "not ok" without a description is named by its number', async () => {
    write('nameless.tap', 'TAP version 13\n1..3\nok 1\nnot ok 2\n  ---\n  message: |-\n    expected 1\n      to equal 2\n  at: test.js:0:1\n  ...\nnot ok\n');
    const b = await collect('nameless.tap');
    expect(b.metrics).toMatchObject({ 'tests.total': 3, 'tests.passed': 1, 'tests.failed': 2 });
    expect(b.items.map((i) => [i.id, i.message, i.file, i.line])).toEqual([
      ['test 2', 'expected 1\n  to equal 2', 'test.js', undefined],
      ['test 3', undefined, undefined, undefined],
    ]);
    expect(b.items[0]!.details).toBe('message: |-\n  expected 1\n    to equal 2\nat: test.js:0:1');
  });

  it('an NUnit 3 file whose root is <test-suite> reads, with the failure message and stack trace', async () => {
    write('suite-root.xml', '<?xml version="1.0"?>\n<test-suite type="Assembly" name="a.dll" result="Failed">\n<test-case name="Adds" fullname="N.Calc.Adds" result="Passed" duration="0.1"/>\n<test-case name="Divides" fullname="N.Calc.Divides" result="Failed" duration="0.2"><failure><message><![CDATA[  Expected: 2\n  But was:  3\n]]></message><stack-trace><![CDATA[at N.Calc.Divides() in Calc.cs:line 12\n]]></stack-trace></failure></test-case>\n<test-case fullname="N.Calc." result="Failed"/>\n</test-suite>\n');
    const b = await collect('suite-root.xml');
    expect(b.sources).toEqual([{ kind: 'junit', path: 'suite-root.xml', format: 'nunit3' }]);
    expect(b.metrics).toMatchObject({ 'tests.total': 3, 'tests.passed': 1, 'tests.failed': 2 });
    expect(b.items.map((i) => [i.id, i.message, i.details])).toEqual([
      ['(test 3)', undefined, undefined],
      ['N.Calc::Divides', 'Expected: 2\n  But was:  3', 'at N.Calc.Divides() in Calc.cs:line 12'],
    ]);
  });

  it('a suite that declares tests but lists no test cases: its counts are used, its failures listed, a warning names the file', async () => {
    write('declared.xml', junit('<testsuite errors="0" failures="1" name="pytest" skipped="2" tests="6" time="0.010"></testsuite>'));
    const b = await collect('declared.xml');
    expect(b.metrics).toMatchObject({ 'tests.total': 6, 'tests.runs': 6, 'tests.passed': 3, 'tests.failed': 1, 'tests.skipped': 2, 'tests.passRate': 75 });
    expect(b.items).toEqual([
      { id: 'pytest::(declared failure 1 of 1)', kind: 'test', title: '(declared failure 1 of 1)', level: 'failed', counts: ['tests.failed'], message: 'suite "pytest" declares 6 tests (1 failed, 0 errored, 2 skipped) but lists no test cases' },
    ]);
    expect(b.warnings).toEqual([
      { file: 'declared.xml', message: 'suite "pytest" declares tests but lists no test cases; its declared counts are used, and its failures are listed without names' },
    ]);
  });

  it('declared failures that contradict the cases: a warning, the cases are counted', async () => {
    write('contradicts.xml', junit('<testsuite name="A" tests="2" failures="2"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite><testsuite name="B" failures="1"><testcase name="c"/></testsuite>'));
    const b = await collect('contradicts.xml');
    expect(b.metrics).toMatchObject({ 'tests.total': 3, 'tests.failed': 1 });
    expect(b.warnings).toEqual([
      { file: 'contradicts.xml', message: 'suite "A" declares 2 failures and errors but its test cases show 1 (and 1 more suites); the test cases are counted, the declared counts are not' },
    ]);
  });

  it('nested suites: a parent declares its children\'s failures, no warning', async () => {
    write('nested.xml', junit('<testsuite name="P" failures="2"><testsuite name="C" failures="1"><testcase name="x"><failure/></testcase></testsuite><testcase name="y"><failure/></testcase></testsuite>'));
    const b = await collect('nested.xml');
    expect(b.metrics['tests.failed']).toBe(2);
    expect(b.warnings).toBeUndefined();
  });
});

describe('finish', () => {
  it('a bundle that fails its own schema is an internal error naming a phasegate bug, never a user error', () => {
    const bad = { schemaVersion: 1, metrics: {}, items: [{ id: '', kind: 'test', title: '', level: 'failed', counts: [] }], documents: [], sources: [] } as unknown as EvidenceBundle;
    let err: unknown;
    try {
      finish(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PhasegateError);
    expect((err as Error).message).toMatch(/^phasegate bug: the evidence it collected fails its own bundle schema \(collected evidence: \/items\/0\/id: /);
  });

  it('drops an empty warnings list and sorts the rest', () => {
    const b = finish({ schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [], warnings: [] });
    expect('warnings' in b).toBe(false);
    const c = finish({ schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [], warnings: [{ file: 'b', message: 'x' }, { file: 'a', message: 'y' }] });
    expect(c.warnings!.map((w) => w.file)).toEqual(['a', 'b']);
  });
});
