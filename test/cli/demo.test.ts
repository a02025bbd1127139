import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

describe('phasegate demo (npm start)', () => {
  const out = tempDir();
  const r = cli(['demo', '--out-dir', out]);

  it('exits 0 and summarises the five gates of the example project', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const summary = r.stdout.slice(r.stdout.indexOf('Summary'));
    expect(summary.split('\n').slice(1, 6).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'requirements PASS',
      'design PASS',
      'implementation PASS',
      'testing FAIL',
      'release FAIL',
    ]);
  });

  it('explains the failures: the rounding test, the missing new-code coverage, the unsigned rollback plan', () => {
    expect(r.stdout).toContain('tests.failed is 1; the policy requires == 0');
    expect(r.stdout).toContain('coverage.newLine was not measured (missing evidence fails this rule)');
    expect(r.stdout).toContain('docs/release/rollback-plan.md is not signed off by a release-manager');
    expect(r.stdout).toContain('waiver for requirements-acceptance expires in 10 days (2026-12-01)');
  });

  it('writes the evidence and each verdict, with the counts the real tools reported', () => {
    const evidence = JSON.parse(readFileSync(path.join(out, 'evidence.json'), 'utf8'));
    expect(evidence.metrics).toMatchObject({
      'tests.total': 21,
      'tests.passed': 19,
      'tests.failed': 1,
      'tests.skipped': 1,
      'tests.passRate': 95,
      'coverage.line': 75.42,
      'coverage.branch': 69.86,
      // eslint-plugin-security's two warnings are static analysis, not security findings
      'analysis.warnings': 2,
      'analysis.errors': 0,
      'security.high': 0,
      'security.medium': 0,
      'requirements.count': 8,
      'requirements.withAcceptance': 6,
    });
    const testing = JSON.parse(readFileSync(path.join(out, 'testing.verdict.json'), 'utf8'));
    expect(testing.status).toBe('fail');
    expect(readFileSync(path.join(out, 'release.md'), 'utf8')).toMatch(/release gate failed/i);
  });

  it('writes the health report as Markdown, HTML and JSON and says where', () => {
    for (const name of ['report.md', 'report.html', 'report.json']) expect(r.stdout).toContain(path.join(path.relative(process.cwd(), out), name));
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md.split('\n')[0]).toMatch(/^### .+ acme-payments health \d+\/100 \((healthy|at-risk|critical)\) — 2 of 5 gates failing: testing, release$/);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.phases.map((p: { gate: string }) => p.gate)).toEqual(['pass', 'pass', 'pass', 'fail', 'fail']);
    expect(report.coverage.line).toBe(75.42);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('acme-payments');
  });
});
