import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, cliWithoutOverride, expectNoStack, tempDir } from '../helpers/cli.js';

const DORNY = path.join(ROOT, '..', 'shared', 'fixtures', 'test-reports', 'dorny');
const EXAMPLE = path.join(ROOT, 'examples', 'acme-payments');

describe('phasegate collect', () => {
  it('writes an evidence bundle that phasegate gate --evidence reads', () => {
    const dir = tempDir();
    const out = path.join(dir, 'evidence.json');
    const c = cli(['collect', '--junit', 'reports/junit.xml', '--coverage', 'reports/lcov.info', '--sarif', 'reports/eslint.sarif', '--out', out], { cwd: EXAMPLE });
    expect(c.code).toBe(0);
    expect(c.stdout).toBe('');
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle.metrics).toMatchObject({ 'tests.total': 21, 'tests.failed': 1, 'coverage.line': 75.42, 'analysis.warnings': 2 });
    expect(bundle.items.find((i: { kind: string }) => i.kind === 'test')).toMatchObject({ level: 'failed', message: 'expected 67.11 to be 67.12 // Object.is equality' });

    const g = cli(['gate', '--phase', 'testing', '--tier', 'operational', '--evidence', out, '--format', 'json']);
    expect(g.code).toBe(1);
    const verdict = JSON.parse(g.stdout);
    const failed = verdict.rules.find((r: { id: string }) => r.id === 'tests-failed');
    expect(failed).toMatchObject({ status: 'fail', actual: 1, evidenceCount: 1 });
    expect(failed.evidence[0].message).toBe('expected 67.11 to be 67.12 // Object.is equality');
  });

  it('collect flags work directly on gate', () => {
    const r = cli(['gate', '--phase', 'testing', '--tier', 'operational', '--junit', path.join(DORNY, 'jest-junit.xml'), '--format', 'json', '--allow-empty']);
    const v = JSON.parse(r.stdout);
    const failed = v.rules.find((x: { metric: string }) => x.metric === 'tests.failed');
    // jest-junit.xml declares tests="6" failures="4" (one skipped, one passed).
    expect(failed).toMatchObject({ status: 'fail', actual: 4, evidenceCount: 4 });
    expect(v.rules.find((x: { metric: string }) => x.metric === 'tests.passRate')).toMatchObject({ actual: 20 });
  });

  it('a glob that matches nothing is an error unless --allow-empty', () => {
    const dir = tempDir();
    const r = cli(['collect', '--junit', 'reports/*.xml', '--out', 'e.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phasegate: --junit reports/*.xml: no file matches; check the path and quoting, or pass --allow-empty\n');
    expect(existsSync(path.join(dir, 'e.json'))).toBe(false);
    expect(cli(['collect', '--junit', 'reports/*.xml', '--allow-empty', '--out', 'e.json'], { cwd: dir }).code).toBe(0);
  });

  it('a malformed report: exit 2, one located line, the previous --out file untouched', () => {
    const dir = tempDir({ 'cut.xml': '<testsuites>\n  <testsuite name="a">\n    <testcase name="x">', 'e.json': 'previous' });
    const r = cli(['collect', '--junit', 'cut.xml', '--out', 'e.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: cut\.xml:3:\d+: .+\n$/);
    expectNoStack(r.stderr);
    expect(readFileSync(path.join(dir, 'e.json'), 'utf8')).toBe('previous');
  });

  it('an entity-expanding DOCTYPE is refused and nothing is fetched or expanded', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<testsuite name="s"><testcase name="&x;"/></testsuite>';
    const dir = tempDir({ 'xxe.xml': xxe });
    const r = cli(['collect', '--junit', 'xxe.xml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('xxe.xml:2:');
    expect(r.stderr).toContain('DOCTYPE with entity declarations is not allowed');
    expect(r.stdout + r.stderr).not.toContain('root:');
  });

  it('an unreadable report is an error naming the file (as root: without the capabilities that bypass permissions)', () => {
    const dir = tempDir({ 'locked.xml': '<testsuites/>' });
    chmodSync(path.join(dir, 'locked.xml'), 0o000);
    const r = cliWithoutOverride(['collect', '--junit', 'locked.xml'], { cwd: dir });
    expect(r.stderr).toBe('phasegate: locked.xml: permission denied; make the file readable\n');
    expect(r.code).toBe(2);
  });

  it('a glob over an unreadable folder says so instead of "no file matches"', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'reports/locked'), { recursive: true });
    writeFileSync(path.join(dir, 'reports/locked/junit.xml'), '<testsuites/>');
    chmodSync(path.join(dir, 'reports/locked'), 0o000);
    try {
      const r = cliWithoutOverride(['collect', '--junit', 'reports/**/*.xml'], { cwd: dir });
      expect(r.stderr).toBe('phasegate: --junit reports/**/*.xml: no regular file matches; found reports/locked (a folder that cannot be read: permission denied; make it readable); give readable regular files, or pass --allow-empty\n');
      expect(r.code).toBe(2);
    } finally {
      chmodSync(path.join(dir, 'reports/locked'), 0o755);
    }
  });

  it('nothing to collect is a usage error', () => {
    const r = cli(['collect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing to collect');
  });
});
