/** Process level: a docs-only change has nothing for coverage-new to judge, so the testing gate passes (unless the policy opts in). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/gate/types.js';
import { cli, tempDir } from '../helpers/cli.js';
import { gitIn } from '../evidence/helpers.js';

const dir = tempDir();
const write = (rel: string, content: string): void => {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), content);
};
const git = gitIn(dir);

git('init', '-q');
write('src/fees.ts', 'export function fee(amount: number): number {\n  return amount * 0.01;\n}\n');
write('README.md', '# fees\n');
git('add', '.');
git('commit', '-q', '-m', 'base');
git('checkout', '-q', '-b', 'docs-only');
write('README.md', '# fees\n\nHow fees are rounded.\n\nSee docs/rounding.md.\n');
write('docs/rounding.md', '# Rounding\n\nHalf away from zero.\n');
git('add', '.');
git('commit', '-q', '-m', 'docs');
// Reports as CI writes them after the build (not committed): all green, fees.ts fully covered.
write('reports/junit.xml', '<testsuite name="fees" tests="2"><testcase classname="fees" name="rounds"/><testcase classname="fees" name="sums"/></testsuite>\n');
write('reports/lcov.info', 'SF:src/fees.ts\nDA:1,2\nDA:2,2\nend_of_record\n');
write('reports/scan.sarif', JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'scanner' } }, results: [] }] }));
write('strict.yaml', 'schemaVersion: 1\nname: strict\nextends: operational\nphases:\n  testing:\n    - id: coverage-new\n      onNothingToJudge: fail\n');

const COLLECT = ['--junit', 'reports/junit.xml', '--coverage', 'reports/lcov.info', '--sarif', 'reports/scan.sarif', '--base', 'main', '--now', '2026-11-27T00:00:00Z'];
const gate = (policy: string[], format = 'json') => cli(['gate', '--phase', 'testing', ...policy, ...COLLECT, '--format', format], { cwd: dir });
const REASON = 'coverage.newLine has nothing to judge: no added line is instrumented (7 lines added, none in covered files)';

describe('phasegate gate on a change that only touches Markdown', () => {
  it('operational tier: coverage-new is n/a with the reason and no hint, and the gate passes (exit 0)', () => {
    const r = gate(['--tier', 'operational']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as Verdict;
    expect(v.rules.find((x) => x.id === 'coverage-new')).toMatchObject({ status: 'n/a', metric: 'coverage.newLine', actual: null, message: REASON, hint: null });
    expect(v.summary['n/a']).toBe(1);
    expect(v.summary.fail + v.summary.error).toBe(0);
    // defect-density has no defect data and says so as a warning (onMissing: warn): exit 0 all the same.
    expect(v.status).toBe('warn');
  });

  it('says N/A in the terminal with the reason, and never "add tests"', () => {
    const r = gate(['--tier', 'operational'], 'text');
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('coverage-new'))!;
    expect(line).toMatch(/^ {2}N\/A +coverage-new +— >= 80 % +coverage\.newLine has nothing to judge: no added line is instrumented/);
    expect(r.stdout).not.toContain('Add tests for the lines this change adds');
  });

  it('a policy with onNothingToJudge: fail on coverage-new fails the gate (exit 1), saying why', () => {
    const r = gate(['--policy', 'strict.yaml']);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.stdout) as Verdict;
    expect(v.status).toBe('fail');
    expect(v.rules.find((x) => x.id === 'coverage-new')).toMatchObject({
      status: 'fail',
      message: `${REASON} (this rule counts nothing to judge as not met: onNothingToJudge: fail)`,
      hint: 'Add tests for the lines this change adds or modifies.',
    });
  });
});
