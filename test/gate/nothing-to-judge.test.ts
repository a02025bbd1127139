/** Rule status `n/a`: a metric rule whose metric has nothing to judge, and the policy's onNothingToJudge. */
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/engine.js';
import { assertValidVerdict, withNaCount } from '../../src/gate/render/validate.js';
import type { Verdict } from '../../src/gate/types.js';
import type { MetricRule } from '../../src/policy/types.js';
import { reportKpis } from '../../src/report/kpis.js';
import { recordedVerdicts } from '../../src/report/recorded-verdicts.js';
import type { VerdictRecord } from '../../src/store/records.js';
import { serializeValidRecords } from '../../src/store/validate.js';
import { documentRule, evidence, metricRule, NOW, policy, waiver } from '../helpers/builders.js';
import { verdict as verdictRecord } from '../store/builders.js';

const REASON = 'no added line is instrumented (12 lines added, none in covered files)';
const nothingNew = evidence({ metrics: { 'coverage.line': 85 }, notApplicable: { 'coverage.newLine': REASON, 'coverage.newBranch': REASON } });
const covNew = (over: Partial<MetricRule> = {}) => metricRule('coverage-new', 'coverage.line', '>=', 80, { scope: 'new', ...over });
const gate = (rules: Parameters<typeof policy>[0], e = nothingNew, waivers: Parameters<typeof policy>[1] = []) =>
  evaluateGate({ policy: policy(rules, waivers), evidence: e, phase: 'testing', now: NOW });

describe('nothing to judge', () => {
  it('is n/a: passes with the reason as the message, no value, no hint (not even the rule\'s own)', () => {
    const v = gate([covNew({ hint: 'Add tests for the lines this change adds or modifies.' })]);
    expect(v.rules[0]).toMatchObject({
      status: 'n/a',
      metric: 'coverage.newLine',
      actual: null,
      operator: '>=',
      threshold: 80,
      message: `coverage.newLine has nothing to judge: ${REASON}`,
      hint: null,
      waiver: null,
      evidence: [],
      evidenceCount: 0,
    });
    expect(v.status).toBe('pass');
    expect(v.summary).toEqual({ pass: 0, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 1 });
    expect(() => assertValidVerdict(JSON.parse(JSON.stringify(v)))).not.toThrow();
  });

  it.each([
    // onNothingToJudge, severity → status, gate
    ['pass', 'fail', 'n/a', 'pass'],
    ['pass', 'warn', 'n/a', 'pass'],
    ['warn', 'fail', 'warn', 'warn'],
    ['warn', 'warn', 'warn', 'warn'],
    ['fail', 'fail', 'fail', 'fail'],
    ['fail', 'warn', 'warn', 'warn'],
  ] as const)('onNothingToJudge %s with severity %s: rule %s, gate %s', (on, severity, status, gateStatus) => {
    const v = gate([covNew({ onNothingToJudge: on, severity })]);
    expect(v.rules[0]?.status).toBe(status);
    expect(v.status).toBe(gateStatus);
    if (status !== 'n/a') {
      expect(v.rules[0]?.message).toBe(
        `coverage.newLine has nothing to judge: ${REASON} (this rule counts nothing to judge as ${on === 'warn' ? 'a warning' : 'not met'}: onNothingToJudge: ${on})`,
      );
      expect(v.rules[0]?.hint).toBe('give the change something for coverage.newLine to judge, or let the rule pass when there is nothing to judge (onNothingToJudge: pass)');
    }
  });

  it('an opted-in failure keeps the rule\'s own hint, and a waiver covers it', () => {
    const failing = gate([covNew({ onNothingToJudge: 'fail', hint: 'Add tests.' })]);
    expect(failing.rules[0]).toMatchObject({ status: 'fail', hint: 'Add tests.' });
    const waived = gate([covNew({ onNothingToJudge: 'fail' })], nothingNew, [waiver('coverage-new', '2027-06-30')]);
    expect(waived.rules[0]?.status).toBe('waived');
    expect(waived.status).toBe('pass');
  });

  it('a waiver on an n/a rule is not needed: an info notice, and the rule stays n/a', () => {
    const v = gate([covNew()], nothingNew, [waiver('coverage-new', '2027-06-30')]);
    expect(v.rules[0]?.status).toBe('n/a');
    expect(v.notices.map((n) => n.state)).toEqual(['unused']);
  });

  it('only the rules on a not-applicable metric are n/a; overall metrics are judged as always', () => {
    const v = gate([covNew(), metricRule('coverage-line', 'coverage.line', '>=', 90), metricRule('branch-new', 'coverage.branch', '>=', 70, { scope: 'new' })]);
    expect(v.rules.map((r) => r.status)).toEqual(['n/a', 'fail', 'n/a']);
    expect(v.summary).toMatchObject({ fail: 1, 'n/a': 2 });
  });

  it('n/a wins over a value a hand-made bundle gives as well; missing evidence stays missing', () => {
    const both = evidence({ metrics: { 'coverage.newLine': 10 }, notApplicable: { 'coverage.newLine': REASON } });
    expect(gate([covNew()], both).rules[0]?.status).toBe('n/a');
    expect(gate([covNew()], evidence()).rules[0]).toMatchObject({ status: 'error', message: 'coverage.newLine was not measured (missing evidence fails this rule)' });
  });

  it('leaves other kinds of rule alone', () => {
    const v = evaluateGate({ policy: policy([documentRule('req')]), evidence: nothingNew, phase: 'requirements', now: NOW });
    expect(v.rules[0]?.status).not.toBe('n/a');
  });
});

describe('n/a in stored and older verdicts', () => {
  const v = () => JSON.parse(JSON.stringify(gate([covNew(), metricRule('coverage-line', 'coverage.line', '>=', 80)]))) as Verdict;

  it('a verdict written before n/a existed (no summary["n/a"]) is valid, and reads as 0', () => {
    const old = v();
    old.rules = [old.rules[1]!];
    old.summary = { pass: 1, warn: 0, fail: 0, waived: 0, error: 0 } as Verdict['summary'];
    expect(() => assertValidVerdict(old)).not.toThrow();
    expect(withNaCount(old).summary['n/a']).toBe(0);
  });

  it('a summary that miscounts n/a is named by its JSON pointer', () => {
    const wrong = v();
    wrong.summary['n/a'] = 0;
    expect(() => assertValidVerdict(wrong, 'testing.json')).toThrow('testing.json: /summary/n~1a: says 0 but 1 rule has status n/a (not a valid phasegate verdict)');
  });

  it('a hint on an n/a rule is refused by the schema', () => {
    const hinted = v();
    hinted.rules[0]!.hint = 'add tests';
    expect(() => assertValidVerdict(hinted, 'testing.json')).toThrow('/rules/0/hint: must be null');
  });

  it('history records keep n/a, and the report counts it', () => {
    const record: VerdictRecord = { ...verdictRecord('v1', '2026-11-27T12:00:00.000Z'), rules: { 'coverage-new': 'n/a', 'coverage-line': 'pass' }, status: 'pass' };
    expect(serializeValidRecords([record], (r) => JSON.stringify(r))).toHaveLength(1);
    expect(recordedVerdicts([record], NOW)[0]!.summary).toEqual({ pass: 1, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 1 });
  });
});

describe('the report KPI table', () => {
  it('says why a not-applicable KPI has no value', () => {
    const rows = reportKpis({ project: 'acme', asOf: NOW, evidence: nothingNew });
    expect(rows.find((k) => k.name === 'coverage.newLine')).toMatchObject({ value: null, status: 'not-measured', notMeasured: `nothing to judge: ${REASON}` });
  });
});
