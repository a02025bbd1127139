/** Property-based tests of the gate engine's monotonicity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/engine.js';
import type { GateStatus, RuleStatus } from '../../src/gate/types.js';
import type { MetricRule } from '../../src/policy/types.js';
import { evidence, metricRule, policy, waiver, NOW } from '../helpers/builders.js';

const METRICS = ['coverage.line', 'tests.failed', 'security.high', 'tests.passRate'];
const ruleArb = fc.record({
  metric: fc.constantFrom(...METRICS),
  operator: fc.constantFrom('>=', '>', '<=', '<', '==', '!=') as fc.Arbitrary<MetricRule['operator']>,
  threshold: fc.integer({ min: 0, max: 100 }),
  severity: fc.constantFrom('fail', 'warn') as fc.Arbitrary<MetricRule['severity']>,
  onMissing: fc.constantFrom('fail', 'warn', 'pass') as fc.Arbitrary<MetricRule['onMissing']>,
  onNothingToJudge: fc.constantFrom('pass', 'warn', 'fail') as fc.Arbitrary<MetricRule['onNothingToJudge']>,
});
const rulesArb = fc.array(ruleArb, { minLength: 1, maxLength: 8 }).map((rs) => rs.map((r, i) => metricRule(`r${i}`, r.metric, r.operator, r.threshold, r)));
const metricsArb = fc.dictionary(fc.constantFrom(...METRICS), fc.integer({ min: 0, max: 100 }));
/** Some metrics with nothing to judge (a value given as well is ignored). */
const notApplicableArb = fc.subarray(METRICS).map((ms) => Object.fromEntries(ms.map((m) => [m, 'nothing new'])));
const evidenceArb = fc.tuple(metricsArb, notApplicableArb).map(([metrics, na]) => evidence({ metrics, ...(Object.keys(na).length ? { notApplicable: na } : {}) }));
const expiryArb = fc.constantFrom('2026-11-01', '2026-11-30', '2027-06-30');

const gateRank: Record<GateStatus, number> = { pass: 0, warn: 1, fail: 2 };
const ruleRank: Record<RuleStatus, number> = { pass: 0, 'n/a': 0, waived: 0, warn: 1, error: 2, fail: 2 };

describe('engine properties', () => {
  it('adding a waiver never makes a verdict worse', () => {
    fc.assert(
      fc.property(rulesArb, evidenceArb, fc.nat(), expiryArb, (rules, e, pick, expires) => {
        const target = rules[pick % rules.length]!.id;
        const before = evaluateGate({ policy: policy(rules), evidence: e, phase: 'testing', now: NOW });
        const after = evaluateGate({ policy: policy(rules, [waiver(target, expires)], 0), evidence: e, phase: 'testing', now: NOW });
        expect(gateRank[after.status]).toBeLessThanOrEqual(gateRank[before.status]);
        after.rules.forEach((r, i) => expect(ruleRank[r.status]).toBeLessThanOrEqual(ruleRank[before.rules[i]!.status]));
      }),
    );
  });

  it('tightening a threshold never turns a fail into a pass', () => {
    fc.assert(
      fc.property(ruleArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 }), (r, actual, delta) => {
        fc.pre(['>=', '>', '<=', '<'].includes(r.operator));
        const tighter = r.operator.startsWith('>') ? r.threshold + delta : r.threshold - delta;
        const e = evidence({ metrics: { [r.metric]: actual } });
        const loose = evaluateGate({ policy: policy([metricRule('x', r.metric, r.operator, r.threshold, r)]), evidence: e, phase: 'testing', now: NOW });
        const tight = evaluateGate({ policy: policy([metricRule('x', r.metric, r.operator, tighter, r)]), evidence: e, phase: 'testing', now: NOW });
        expect(gateRank[tight.status]).toBeGreaterThanOrEqual(gateRank[loose.status]);
      }),
    );
  });

  it('the verdict status is the worst rule outcome', () => {
    fc.assert(
      fc.property(rulesArb, evidenceArb, (rules, e) => {
        const v = evaluateGate({ policy: policy(rules), evidence: e, phase: 'testing', now: NOW });
        const failing = v.rules.some((r) => r.status === 'fail' || (r.status === 'error' && r.severity === 'fail'));
        expect(v.status === 'fail').toBe(failing);
        expect(Object.values(v.summary).reduce((a, b) => a + b, 0)).toBe(rules.length);
      }),
    );
  });

  it('n/a ranks with pass: a rule on a metric with nothing to judge and the default policy never warns or fails', () => {
    fc.assert(
      fc.property(rulesArb, evidenceArb, (rules, e) => {
        const lenient = rules.map((r) => ({ ...r, onNothingToJudge: 'pass' as const }));
        const v = evaluateGate({ policy: policy(lenient), evidence: e, phase: 'testing', now: NOW });
        const na = new Set(Object.keys(e.notApplicable ?? {}));
        v.rules.forEach((r) => expect(r.status === 'n/a').toBe(na.has(r.metric!)));
        const judged = lenient.filter((r) => !na.has(r.metric));
        const without = evaluateGate({ policy: policy(judged), evidence: e, phase: 'testing', now: NOW });
        expect(v.status).toBe(without.status);
      }),
    );
  });

  it('a stricter onNothingToJudge never makes a verdict better', () => {
    const order = ['pass', 'warn', 'fail'] as const;
    fc.assert(
      fc.property(rulesArb, evidenceArb, fc.nat(), (rules, e, pick) => {
        const i = pick % rules.length;
        const at = order.indexOf(rules[i]!.onNothingToJudge);
        fc.pre(at < order.length - 1);
        const stricter = rules.map((r, j) => (j === i ? { ...r, onNothingToJudge: order[at + 1]! } : r));
        const before = evaluateGate({ policy: policy(rules), evidence: e, phase: 'testing', now: NOW });
        const after = evaluateGate({ policy: policy(stricter), evidence: e, phase: 'testing', now: NOW });
        expect(gateRank[after.status]).toBeGreaterThanOrEqual(gateRank[before.status]);
        expect(ruleRank[after.rules[i]!.status]).toBeGreaterThanOrEqual(ruleRank[before.rules[i]!.status]);
      }),
    );
  });
});
