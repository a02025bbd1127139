/** `onNothingToJudge`: what a metric rule does when its metric has nothing to judge; layering, locks, schema, digest. */
import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/cli/explain.js';
import { policyDigest } from '../../src/policy/index.js';
import { load, policy, problems } from './helpers.js';

const BASE = policy(`tier: strategic
phases:
  testing:
    - id: cov-new
      metric: coverage.line
      scope: new
      operator: ">="
      threshold: 80
      onNothingToJudge: fail
      locked: true
    - id: cov
      metric: coverage.line
      operator: ">="
      threshold: 80
      locked: true
  requirements:
    - id: req
      document: { kind: requirements }
`, 'strategic');
const files = (body: string) => ({ 'builtin/strategic.yaml': BASE, 'project.yaml': policy(`extends: strategic\n${body ? `phases:\n${body}` : ''}`, 'p') });
const rule = (body: string, id: string) => load(files(body)).rules.find((r) => r.id === id);

describe('onNothingToJudge', () => {
  it('defaults to pass and is read from the rule', () => {
    expect(rule('', 'cov')).toMatchObject({ onNothingToJudge: 'pass' });
    expect(rule('', 'cov-new')).toMatchObject({ onNothingToJudge: 'fail' });
  });

  it.each([
    ['pass -> warn', 'cov', 'warn'],
    ['pass -> fail', 'cov', 'fail'],
    ['the same value again', 'cov-new', 'fail'],
  ])('a locked rule may be tightened: %s', (_name, id, value) => {
    const body = `  testing:\n    - id: ${id}\n      onNothingToJudge: ${value}\n`;
    expect(problems(files(body))).toEqual([]);
    expect(rule(body, id)).toMatchObject({ onNothingToJudge: value });
  });

  it.each([
    ['fail -> pass', 'pass'],
    ['fail -> warn', 'warn'],
  ])('a locked rule may not be loosened: %s', (_name, value) => {
    const body = `  testing:\n    - id: cov-new\n      onNothingToJudge: ${value}\n`;
    expect(problems(files(body))).toEqual([
      `project.yaml:7:7: cannot loosen locked rule "cov-new": onNothingToJudge fail -> ${value} (locked by tier:strategic at builtin/strategic.yaml:12:7); only tightening is allowed`,
    ]);
    expect(() => load(files(body))).toThrow();
  });

  it('an unlocked rule may set any value', () => {
    const body = '  testing:\n    - id: mine\n      metric: coverage.branch\n      scope: new\n      operator: ">="\n      threshold: 70\n      onNothingToJudge: warn\n';
    expect(rule(body, 'mine')).toMatchObject({ onNothingToJudge: 'warn' });
  });

  it('belongs to metric rules only', () => {
    expect(problems(files('  requirements:\n    - id: req\n      onNothingToJudge: fail\n'))).toEqual([
      'project.yaml:7:7: onNothingToJudge applies only to metric rules; "req" is a document rule (remove onNothingToJudge)',
    ]);
  });

  it('takes pass, warn or fail only', () => {
    const found = problems(files('  testing:\n    - id: cov\n      onNothingToJudge: skip\n'));
    expect(found).toHaveLength(1);
    expect(found[0]).toBe('project.yaml:7:25: onNothingToJudge must be one of "pass", "warn", "fail" (got "skip")');
  });

  it('leaves the digest of a policy that does not use it unchanged, and changes it when set', () => {
    const plain = { 'builtin/strategic.yaml': BASE.replace('      onNothingToJudge: fail\n', ''), 'project.yaml': policy('extends: strategic\n', 'p') };
    const explicitDefault = files('  testing:\n    - id: cov\n      onNothingToJudge: pass\n');
    const strict = files('  testing:\n    - id: cov\n      onNothingToJudge: fail\n');
    const d = (f: Record<string, string>) => policyDigest(load(f));
    expect(d(plain)).toBe(d({ ...plain, 'project.yaml': explicitDefault['project.yaml'] }));
    expect(d(plain)).not.toBe(d({ ...plain, 'project.yaml': strict['project.yaml'] }));
  });

  it('shows in policy explain when not the default', () => {
    const text = renderExplain(load(files('')), 'testing', 'text');
    expect(text).toContain('cov-new: coverage.line (new code) >= 80 [fail, nothing to judge: fail, locked]');
    expect(text).toContain('cov: coverage.line >= 80 [fail, locked]');
  });
});
