import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/engine.js';
import { metricRule, policy, evidence, waiver, NOW } from '../helpers/builders.js';

const gate = (p: ReturnType<typeof policy>, e = evidence()) => evaluateGate({ policy: p, evidence: e, phase: 'testing', now: NOW });

describe('metric rules', () => {
  it.each([
    ['>=', 80, 80, 'pass'],
    ['>=', 79.99, 80, 'fail'],
    ['>', 80, 80, 'fail'],
    ['<=', 2, 2, 'pass'],
    ['<', 2, 2, 'fail'],
    ['==', 0, 0, 'pass'],
    ['==', 1, 0, 'fail'],
    ['!=', 1, 0, 'pass'],
  ] as const)('%s: actual %d vs threshold %d is %s', (op, actual, threshold, want) => {
    const v = gate(policy([metricRule('r', 'coverage.line', op, threshold)]), evidence({ metrics: { 'coverage.line': actual } }));
    expect(v.rules[0]?.status).toBe(want);
    expect(v.status).toBe(want);
  });

  it('reports actual, operator, threshold, source and a hint on failure', () => {
    const v = gate(policy([metricRule('coverage', 'coverage.line', '>=', 80)]), evidence({ metrics: { 'coverage.line': 72.5 } }));
    expect(v.rules[0]).toEqual({
      id: 'coverage',
      kind: 'metric',
      status: 'fail',
      severity: 'fail',
      metric: 'coverage.line',
      actual: 72.5,
      operator: '>=',
      threshold: 80,
      source: { file: 'policies/operational.yaml', line: 10, col: 7, layer: 'tier:operational' },
      waiver: null,
      message: 'coverage.line is 72.5 %; the policy requires >= 80 %',
      hint: 'raise coverage.line to >= 80 %',
      evidence: [],
      evidenceCount: 0,
    });
    expect(v.summary).toEqual({ pass: 0, warn: 0, fail: 1, waived: 0, error: 0, 'n/a': 0 });
  });

  it('uses the rule hint over the default', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80, { hint: 'add tests for src/fees.ts' })]), evidence({ metrics: { 'coverage.line': 1 } }));
    expect(v.rules[0]?.hint).toBe('add tests for src/fees.ts');
  });

  it('scope new reads the new-code counterpart', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80, { scope: 'new' })]), evidence({ metrics: { 'coverage.line': 10, 'coverage.newLine': 90 } }));
    expect(v.rules[0]).toMatchObject({ status: 'pass', metric: 'coverage.newLine', actual: 90 });
  });

  it('severity warn turns a failure into a warning and the gate into warn', () => {
    const v = gate(policy([metricRule('f', 'tests.flaky', '==', 0, { severity: 'warn' })]), evidence({ metrics: { 'tests.flaky': 3 } }));
    expect(v.rules[0]?.status).toBe('warn');
    expect(v.status).toBe('warn');
  });

  it.each([
    ['fail', 'error', 'fail'],
    ['warn', 'warn', 'warn'],
    ['pass', 'pass', 'pass'],
  ] as const)('missing evidence with onMissing %s gives rule %s and gate %s', (onMissing, rule, overall) => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80, { onMissing })]));
    expect(v.rules[0]).toMatchObject({ status: rule, actual: null, metric: 'coverage.line' });
    expect(v.status).toBe(overall);
    expect(v.rules[0]?.message).toMatch(/^coverage\.line was not measured/);
  });

  it('an error on a warn-severity rule only warns the gate', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80, { severity: 'warn' })]));
    expect(v.rules[0]?.status).toBe('error');
    expect(v.status).toBe('warn');
  });

  it('only evaluates the rules of the requested phase, in policy order', () => {
    const p = policy([
      metricRule('b', 'tests.failed', '==', 0),
      metricRule('x', 'analysis.errors', '==', 0, { phase: 'implementation' }),
      metricRule('a', 'coverage.line', '>=', 1),
    ]);
    const v = gate(p, evidence({ metrics: { 'tests.failed': 0, 'coverage.line': 5 } }));
    expect(v.rules.map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('waivers', () => {
  const failing = evidence({ metrics: { 'coverage.line': 50 } });

  it('an active waiver turns a failure into waived and records it', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2027-03-31')]), failing);
    expect(v.status).toBe('pass');
    expect(v.rules[0]?.status).toBe('waived');
    expect(v.rules[0]?.waiver).toEqual({
      rule: 'c',
      reason: 'legacy module, fix planned in Q1',
      owner: 'chen.jie',
      approvers: ['wang.fang'],
      expires: '2027-03-31',
      source: 'phasegate.yaml:90:7',
    });
    expect(v.notices).toEqual([]);
  });

  it('an unapproved waiver waives nothing, gets a notice with the reason, and leaves other waivers alone', () => {
    const p = policy([metricRule('c', 'coverage.line', '>=', 80), metricRule('d', 'tests.failed', '==', 0)], [waiver('c', '2027-03-31'), waiver('d', '2027-03-31')]);
    const e = evidence({ metrics: { 'coverage.line': 50, 'tests.failed': 2 } });
    const v = evaluateGate({ policy: p, evidence: e, phase: 'testing', now: NOW, unapproved: [{ waiver: p.waivers[0]!, reason: 'wang.fang did not approve pull request #12' }] });
    expect(v.rules.map((r) => [r.id, r.status])).toEqual([['c', 'fail'], ['d', 'waived']]);
    expect(v.status).toBe('fail');
    expect(v.notices).toEqual([{
      level: 'warn', rule: 'c', state: 'unapproved', expires: '2027-03-31', source: 'phasegate.yaml:90:7',
      message: 'waiver for c does not count: wang.fang did not approve pull request #12',
    }]);
  });

  it('an expired waiver does not apply and is reported', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2026-11-26')]), failing);
    expect(v.rules[0]?.status).toBe('fail');
    expect(v.notices).toEqual([
      expect.objectContaining({ level: 'warn', state: 'expired', rule: 'c', expires: '2026-11-26' }),
    ]);
  });

  it('a waiver is valid through the end of its expiry day', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2026-11-27')]), failing);
    expect(v.rules[0]?.status).toBe('waived');
    expect(v.notices[0]).toMatchObject({ state: 'expiring', message: expect.stringContaining('expires today') });
  });

  it('a waiver expiring within the warning window warns; outside it does not', () => {
    const soon = gate(policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2026-12-05')], 14), failing);
    expect(soon.notices[0]).toMatchObject({ level: 'warn', state: 'expiring', message: expect.stringContaining('in 8 days') });
    expect(soon.status).toBe('pass');
    const later = gate(policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2026-12-05')], 7), failing);
    expect(later.notices).toEqual([]);
    expect(later.status).toBe('pass');
  });

  it('a waiver on a passing rule is reported as unused', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 10)], [waiver('c', '2027-01-31')]), failing);
    expect(v.rules[0]?.status).toBe('pass');
    expect(v.notices).toEqual([expect.objectContaining({ level: 'info', state: 'unused' })]);
  });

  it('never applies to an unwaivable rule', () => {
    const v = gate(policy([metricRule('c', 'coverage.line', '>=', 80, { waivable: false })], [waiver('c', '2027-01-31')]), failing);
    expect(v.rules[0]?.status).toBe('fail');
  });

  it('a finding waiver removes that finding from the count it adds to', () => {
    const e = evidence({
      metrics: { 'security.high': 1 },
      items: [{ id: 'fp-123', kind: 'finding', title: 'SQL injection', level: 'high', counts: ['security.high', 'security.new'] }],
    });
    const rule = metricRule('sec', 'security.high', '==', 0);
    const v = gate(policy([rule], [waiver('sec', '2027-01-31', { finding: 'fp-123' })]), e);
    expect(v.rules[0]).toMatchObject({ status: 'waived', actual: 0, waiver: { finding: 'fp-123' }, evidenceCount: 1 });
    expect(v.rules[0]?.evidence).toEqual([{ id: 'fp-123', title: 'SQL injection', level: 'high' }]);
    const other = gate(policy([rule], [waiver('sec', '2027-01-31', { finding: 'fp-999' })]), e);
    expect(other.rules[0]).toMatchObject({ status: 'fail', actual: 1 });
    expect(other.notices).toEqual([expect.objectContaining({ state: 'unused', finding: 'fp-999' })]);
  });
});

describe('evidence behind a rule', () => {
  it('lists the first ten items counted in a failing metric and the total', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      id: `Suite::t${i}`,
      kind: 'test' as const,
      title: `t${i}`,
      level: 'failed',
      file: 'test/a.test.ts',
      line: i + 1,
      message: 'boom',
      counts: ['tests.failed'],
    }));
    const v = gate(policy([metricRule('t', 'tests.failed', '==', 0)]), evidence({ metrics: { 'tests.failed': 12 }, items }));
    expect(v.rules[0]?.evidenceCount).toBe(12);
    expect(v.rules[0]?.evidence).toHaveLength(10);
    expect(v.rules[0]?.evidence[0]).toEqual({ id: 'Suite::t0', title: 't0', level: 'failed', file: 'test/a.test.ts', line: 1, message: 'boom' });
  });

  it('counts every item of the metric when the reader listed only some (130,000 failures, 12 listed)', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `S::t${i}`, kind: 'test' as const, title: `t${i}`, level: 'failed', counts: ['tests.failed'] }));
    const v = gate(policy([metricRule('t', 'tests.failed', '==', 0)]), evidence({ metrics: { 'tests.failed': 130_000 }, items }));
    expect(v.rules[0]).toMatchObject({ evidenceCount: 130_000 });
    expect(v.rules[0]?.evidence).toHaveLength(10);
  });

  it('lists nothing for a passing rule', () => {
    const items = [{ id: 'x', kind: 'finding' as const, title: 'x', level: 'low', counts: ['security.low'] }];
    const v = gate(policy([metricRule('s', 'security.low', '<=', 5)]), evidence({ metrics: { 'security.low': 1 }, items }));
    expect(v.rules[0]).toMatchObject({ status: 'pass', evidence: [], evidenceCount: 0 });
  });
});

describe('determinism', () => {
  it('gives identical verdicts for identical inputs', () => {
    const p = policy([metricRule('c', 'coverage.line', '>=', 80)], [waiver('c', '2026-12-01')]);
    const e = evidence({ metrics: { 'coverage.line': 50 } });
    expect(JSON.stringify(gate(p, e))).toBe(JSON.stringify(gate(p, e)));
  });
});
