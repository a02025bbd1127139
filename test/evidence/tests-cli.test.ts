/**
 * Test reports through the built CLI (run `npm run build` first): what used to be refused is
 * read, a failing test that shares its name fails the gate, bad input is one line and exit 2.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';
import { FIXTURES } from './helpers.js';

const FIX = path.join(FIXTURES, 'tests');

describe('phasegate collect and gate on test reports', () => {
  it('a Jest test failing under a title another file shares fails the gate; --test-retries same-name merges them', () => {
    const marked = cli(['gate', '--phase', 'testing', '--tier', 'operational', '--junit', 'jest-junit-same-titles.xml', '--format', 'json'], { cwd: FIX });
    expect(marked.code).toBe(1);
    const rule = JSON.parse(marked.stdout).rules.find((r: { metric?: string }) => r.metric === 'tests.failed');
    expect(rule).toMatchObject({ status: 'fail', actual: 2 });
    const merged = cli(['collect', '--junit', 'jest-junit-same-titles.xml', '--test-retries', 'same-name'], { cwd: FIX });
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout).metrics).toMatchObject({ 'tests.total': 3, 'tests.failed': 0, 'tests.flaky': 2 });
  });

  it('an unknown --test-retries mode is a usage error', () => {
    const r = cli(['collect', '--junit', 'x.xml', '--test-retries', 'always'], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--test-retries <mode>' argument 'always' is invalid\. Allowed choices are marked, same-name/);
  });

  it('test cases without attributes and nameless TAP results are read (they used to fail the bundle schema)', () => {
    const dir = tempDir({
      'bare.xml': '<testsuites><testsuite><testcase/><testcase><failure/></testcase></testsuite></testsuites>\n',
      'bare.tap': 'TAP version 13\n1..1\nnot ok\n',
    });
    const r = cli(['collect', '--junit', '*.xml', '--junit', '*.tap', '--out', 'e.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const b = JSON.parse(readFileSync(path.join(dir, 'e.json'), 'utf8'));
    expect(b.items.map((i: { id: string }) => i.id)).toEqual(['bare.xml::(test 2)', 'test 1']);
  });

  it('a go test -json stream with a broken event: exit 2, one located line, no stack', () => {
    const dir = tempDir({ 'go.json': '{"Action":"run","Package":"p","Test":"T"}\n{"Action":"pass",\n' });
    const r = cli(['collect', '--junit', 'go.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phasegate: go.json:2:1: invalid JSON event (expected one go test -json event per line)\n');
    expectNoStack(r.stderr);
  });

  it('a go test -json event with a field of the wrong type is one located line, exit 2 (issue 10: no longer skipped)', () => {
    const dir = tempDir({ 'odd.json': '{"Action":"run","Package":"p","Test":5}\n{"Action":"output","Package":"p","Test":"T","Output":7}\n{"Action":"fail","Package":"p","Test":"T","Elapsed":"x"}\n{"Action":"pass","Package":{}}\n' });
    const r = cli(['collect', '--junit', 'odd.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^phasegate: odd\.json:1:1: "Test" must be a string, not a number \(not a go test -json event as test2json writes it\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
