/**
 * Issue 10: hostile lines are read in linear time, and truncated reports fail closed. Every
 * reproducer here took tens of seconds (or never finished) before; each must now finish well
 * inside vitest's default timeout, so the outcome is asserted, not the time.
 */
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { normalizePosix } from '../../src/evidence/paths.js';
import { parseElapsed } from '../../src/evidence/perf/jtl-csv.js';
import { testLine } from '../../src/evidence/tests/tap.js';
import { findSyntaxError, locatePointer } from '../../src/evidence/json-locate.js';
import { tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const collect = (extra: Partial<Parameters<typeof collectEvidence>[0]>) =>
  collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], ...extra });

describe('TAP', () => {
  it('`ok # ` followed by 100k spaces is one passed test (40 s before: quadratic regex)', async () => {
    write('spaces.tap', `TAP version 13\n1..1\nok # ${' '.repeat(100_000)}\n`);
    expect((await collect({ junit: ['spaces.tap'] })).metrics).toMatchObject({ 'tests.total': 1, 'tests.passed': 1 });
  });

  it.each([
    ['ok 1 - adds # SKIP no db', { ok: true, number: '1', name: 'adds', directive: 'skip' }],
    ['not ok 2 a # b # TODO later', { ok: false, number: '2', name: 'a # b', directive: 'todo' }],
    ['ok 3 -   spaced name   ', { ok: true, number: '3', name: 'spaced name', directive: '' }],
    ['ok 4 # skipped', { ok: true, number: '4', name: '# skipped', directive: '' }],
    [`not ok #${'#'.repeat(50_000)}`, { ok: false, number: '', directive: '' }],
  ])('splits a test line as the old regex did (case %#)', (line, expected) => {
    expect(testLine(line)).toMatchObject(expected);
  });

  it('a plan of 5 with one test run is an errored test "planned 5, ran 1" (fail closed; it passed before)', async () => {
    write('cut.tap', 'TAP version 13\n1..5\nok 1 - a\n');
    const bundle = await collect({ junit: ['cut.tap'] });
    expect(bundle.metrics).toMatchObject({ 'tests.total': 2, 'tests.passed': 1, 'tests.errored': 1 });
    expect(bundle.items[0]).toMatchObject({ level: 'errored', title: 'plan at line 2' });
    expect(bundle.items[0]!.message).toMatch(/^planned 5 tests, ran 1: the TAP stream is truncated/);
  });

  it('tests without any plan are an errored test (prove: "No plan found in TAP output"), per stream', async () => {
    write('noplan.tap', 'TAP version 13\nok 1 - a\nnot ok 2 - b\n');
    const bundle = await collect({ junit: ['noplan.tap'] });
    expect(bundle.metrics).toMatchObject({ 'tests.total': 3, 'tests.passed': 1, 'tests.failed': 1, 'tests.errored': 1 });
    expect(bundle.items.find((i) => i.level === 'errored')).toMatchObject({ title: 'no plan before line 4' });
    expect(bundle.items.find((i) => i.level === 'errored')!.message).toMatch(/^2 tests ran without a plan \(1\.\.N\): the TAP stream may be truncated before its plan/);
    write('second.tap', 'TAP version 13\n1..1\nok 1 - a\nTAP version 13\nok 1 - x\nTAP version 13\nok 1 - y\n1..1\n');
    const two = await collect({ junit: ['second.tap'] });
    expect(two.metrics).toMatchObject({ 'tests.total': 4, 'tests.passed': 3, 'tests.errored': 1 });
    expect(two.items.find((i) => i.level === 'errored')).toMatchObject({ title: 'no plan before line 6' });
    write('after.tap', 'TAP version 13\nok 1 - a\n1..1\nok 2 - late\n');
    expect((await collect({ junit: ['after.tap'] })).items.find((i) => i.level === 'errored')).toMatchObject({ title: 'no plan before line 5' });
    write('bail.tap', 'TAP version 13\nok 1 - a\nBail out! db down\n');
    expect((await collect({ junit: ['bail.tap'] })).items.filter((i) => i.level === 'errored').map((i) => i.title)).toEqual(['Bail out!']);
  });

  it('a plan at the end counts the top-level tests before it, subtests not', async () => {
    write('end.tap', 'TAP version 14\n# Subtest: s\n    ok 1 - x\n    ok 2 - y\n    1..2\nok 1 - s\nok 2 - t\n1..3\n');
    const bundle = await collect({ junit: ['end.tap'] });
    expect(bundle.metrics).toMatchObject({ 'tests.errored': 1 });
    expect(bundle.items[0]!.message).toMatch(/^planned 3 tests, ran 2/);
    write('whole.tap', 'TAP version 14\n# Subtest: s\n    ok 1 - x\n    1..1\nok 1 - s\nok 2 - t\n1..2\n');
    expect((await collect({ junit: ['whole.tap'] })).metrics).toMatchObject({ 'tests.total': 2, 'tests.errored': 0 });
  });

  it('`1..0` skips everything; a bail-out is its own errored test, not also a plan error', async () => {
    write('none.tap', 'TAP version 13\n1..0 # SKIP no tests\n');
    expect((await collect({ junit: ['none.tap'] })).metrics).toMatchObject({ 'tests.total': 0 });
    write('bail2.tap', 'TAP version 13\n1..3\nok 1 - a\nBail out! down\n');
    expect((await collect({ junit: ['bail2.tap'] })).metrics).toMatchObject({ 'tests.total': 2, 'tests.errored': 1 });
  });
});

describe('paths in reports', () => {
  it('normalizePosix matches path.posix.normalize (without a leading ./)', () => {
    expect(normalizePosix('a/./b/../c')).toBe('a/c');
    expect(normalizePosix('./a//b/')).toBe('a/b');
    expect(normalizePosix('../../a')).toBe('../../a');
    expect(normalizePosix('a/../..')).toBe('..');
    expect(normalizePosix('/../a/..')).toBe('/');
    expect(normalizePosix('')).toBe('.');
  });

  it('an LCOV SF: of 300k `../` is read (21 s at 50k before, 300k never finished)', async () => {
    write('deep.info', `SF:${'../'.repeat(300_000)}a.ts\nDA:1,1\nend_of_record\n`);
    const bundle = await collect({ coverage: ['deep.info'] });
    expect(bundle.metrics['coverage.line']).toBe(100);
  });

  it('a SARIF uri of 300k `../` is read', async () => {
    const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'ESLint' } }, results: [
      { ruleId: 'r', level: 'warning', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: `${'../'.repeat(300_000)}a.ts` }, region: { startLine: 1 } } }] },
    ] }] };
    write('deep.sarif', JSON.stringify(log));
    expect((await collect({ sarif: ['deep.sarif'] })).metrics).toMatchObject({ 'analysis.warnings': 1 });
  });
});

describe('LCOV truncation', () => {
  it.each([
    ['cut-da.info', 'SF:a.ts\nDA:1,1\nDA:2,', /^cut-da\.info:3:1: malformed DA:2, \(expected LCOV records/],
    ['cut-da-nl.info', 'SF:a.ts\nDA:1,1\nDA:2,\nend_of_record\n', /^cut-da-nl\.info:3:1: malformed DA:2,/],
    ['no-end.info', 'SF:a.ts\nDA:1,1\nDA:2,0\n', /^no-end\.info:3:1: the record for SF:a\.ts \(line 1\) has no end_of_record: the tracefile is truncated/],
    ['no-end2.info', 'SF:a.ts\nDA:1,1\nSF:b.ts\nDA:1,1\nend_of_record\n', /^no-end2\.info:3:1: SF: before the previous record \(SF:a\.ts, line 1\) ended with end_of_record/],
  ])('%s is a located error', async (name, content, expected) => {
    write(name, content);
    expect(await userError(collect({ coverage: [name] }))).toMatch(expected);
  });
});

describe('go test -json fields of the wrong type', () => {
  const wrong: Record<string, unknown[]> = {
    Action: [5, {}, [], true], Package: [5, {}, ['p'], false], Test: [5, {}, [], true],
    Elapsed: ['x', '1.5', {}, [], true], Output: [{}, [], 5, true], Time: [5, {}, []],
  };
  const cases = Object.entries(wrong).flatMap(([key, values]) => values.map((v) => [key, v] as const));
  it.each(cases)('"%s": %j is a located error, not a stack trace', async (key, value) => {
    const event = { Time: '2026-01-01T00:00:00Z', Action: 'pass', Package: 'p', Test: 'T', Elapsed: 0.1, Output: 'x\n', [key]: value };
    write('types.json', `{"Action":"run","Package":"p","Test":"T"}\n${JSON.stringify(event)}\n`);
    expect(await userError(collect({ junit: ['types.json'] }))).toMatch(new RegExp(`^types\\.json:2:1: "${key}" must be a (string|number), not an? (number|string|object|array|boolean) \\(not a go test -json event`));
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])('Action %j is an unknown action, ignored', async (action) => {
    write('proto.json', `{"Action":"run","Package":"p","Test":"T"}\n{"Action":"${action}","Package":"p","Test":"T"}\n{"Action":"pass","Package":"p","Test":"T"}\n`);
    expect((await collect({ junit: ['proto.json'] })).metrics).toMatchObject({ 'tests.total': 1, 'tests.passed': 1 });
  });
});

describe('the JSON error locator is iterative', () => {
  it('finds the error in 200,000 open brackets without overflowing the stack', () => {
    expect(findSyntaxError('['.repeat(200_000))).toEqual({ line: 1, col: 200_001, message: 'unexpected end of JSON' });
    expect(findSyntaxError(`${'[{"a":'.repeat(100_000)}1x`)).toMatchObject({ line: 1, col: 600_002, message: "expected ',' or '}'" });
    expect(findSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeUndefined();
  });

  it('locates a pointer 100,000 levels deep', () => {
    const text = `${'{"a":'.repeat(100_000)}7${'}'.repeat(100_000)}`;
    expect(locatePointer(text, `/${Array(100_000).fill('a').join('/')}`)).toEqual({ line: 1, col: 500_001 });
    expect(locatePointer('{"a":[1,{"b":2}],"c":3}', '/a/1/b')).toEqual({ line: 1, col: 14 });
    expect(locatePointer('{"a":[1,{"b":2}],"c":3}', '/c')).toEqual({ line: 1, col: 22 });
    expect(locatePointer('{"a":[1,{"b":2}],"c":3}', '/a/5')).toEqual({ line: 1, col: 1 });
  });

  it('a deeply nested invalid SARIF log is one located line', async () => {
    write('deep-bad.sarif', `{"version":"2.1.0","runs":${'['.repeat(200_000)}x`);
    expect(await userError(collect({ sarif: ['deep-bad.sarif'] }))).toMatch(/^deep-bad\.sarif:1:\d+: /);
  });
});

describe('JTL elapsed', () => {
  it('a 100k-digit field with junk is refused in linear time; numbers parse as before', () => {
    expect(parseElapsed(`${'1'.repeat(100_000)}\r x`)).toBeUndefined();
    expect([parseElapsed('12'), parseElapsed('1.5'), parseElapsed('.5'), parseElapsed('1.'), parseElapsed('-1')]).toEqual([12, 1.5, 0.5, undefined, undefined]);
  });
});
