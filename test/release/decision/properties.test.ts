import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideStep } from '../../../src/release/decision/decide.js';
import { INITIAL_STATE, replay, transition } from '../../../src/release/decision/state.js';
import type { MetricData, MetricInput } from '../../../src/release/decision/types.js';
import type { ReleasePolicy } from '../../../src/release/policy/types.js';
import { buildDecisionRecord } from '../../../src/release/record/build.js';
import { decisionProblems } from '../../../src/release/record/store.js';
import { verifyChain } from '../../../src/release/record/verify.js';
import { approval, input, MIN, POLICY, series, T0 } from './fixtures.js';

const decisionArb = fc.constantFrom('promote' as const, 'hold' as const, 'rollback' as const);

/** Any kind of series a provider might hand over, good or bad. */
const dataArb: fc.Arbitrary<MetricData> = fc.oneof(
  { arbitrary: fc.constant(series(0.002)), weight: 6 },
  fc.double({ min: 0, max: 1000, noNaN: true }).map((v) => series(v)),
  fc.integer({ min: 1, max: 150 }).map((n) => series(0.002, n)),
  fc.array(fc.double(), { maxLength: 300 }).map((samples) => ({ ok: true as const, samples, digest: 'any' })),
  fc.constantFrom('no-data', 'unreachable', 'timeout', 'bad-response', 'clock-skew', 'nan').map((reason) => ({ ok: false as const, reason: reason as 'no-data', message: 'failed' })),
);

const usable = (d: MetricData) => d.ok && d.samples.length > 0 && d.samples.every(Number.isFinite);

const caseArb = fc.record({
  metrics: fc.tuple(dataArb, dataArb, dataArb, dataArb),
  onNoData: fc.tuple(fc.constantFrom('hold', 'fail', 'pass'), fc.constantFrom('hold', 'fail', 'pass')),
  critical: fc.tuple(fc.boolean(), fc.boolean()),
  minutes: fc.integer({ min: -5, max: 60 }),
  approvers: fc.subarray(['alice', 'bob', 'carol', 'dave', 'alice']),
  step: fc.integer({ min: 0, max: 2 }),
});

describe('the state machine', () => {
  it('allows rollback from every state, and a rolled-back rollout is never promoted again', () => {
    fc.assert(
      fc.property(fc.array(decisionArb, { maxLength: 12 }), fc.array(decisionArb, { maxLength: 6 }), (before, after) => {
        const state = replay(before.map((decision) => ({ decision })), 3);
        expect(transition(state, 'rollback', 3)).toEqual({ ok: true, state: { status: 'rolled-back' } });
        const later = [...before, 'rollback' as const, ...after].map((decision) => ({ decision }));
        expect(replay(later, 3)).toEqual({ status: 'rolled-back' });
        expect(transition({ status: 'rolled-back' }, 'promote', 3).ok).toBe(false);
      }),
    );
    expect(INITIAL_STATE).toEqual({ status: 'progressing', step: 0 });
  });
});

describe('decideStep over arbitrary inputs', () => {
  it('never promotes with a failed critical metric, or without usable data unless onNoData: pass; records always validate', () => {
    let promoted = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const policy: ReleasePolicy = { ...POLICY, metrics: POLICY.metrics.map((m, i) => ({ ...m, onNoData: c.onNoData[i]!, critical: c.critical[i]! })) };
        const metrics: MetricInput[] = POLICY.metrics.map((m, i) => ({ name: m.name, canary: c.metrics[2 * i]!, baseline: c.metrics[2 * i + 1]! }));
        const promote = (n: number) => Array.from({ length: n }, (_, i) => ({ ...decideStep(input()), time: new Date(T0 + i * MIN).toISOString() }));
        const history = c.step === 0 ? [] : promote(c.step);
        const d = decideStep(input({ policy, metrics, step: c.step, history, now: T0 + c.minutes * MIN, approvals: c.approvers.map((who, i) => approval(who, i)) }));
        if (d.decision === 'promote') {
          promoted++;
          policy.metrics.forEach((m, i) => {
            expect(d.metrics[i]!.classification).not.toBe('fail');
            if (!usable(metrics[i]!.canary) || !usable(metrics[i]!.baseline)) expect(m.onNoData).toBe('pass');
          });
        }
        if (d.metrics.some((r) => r.critical && r.classification === 'fail')) expect(d.decision).toBe('rollback');
        const record = buildDecisionRecord({ project: 'p', rollout: 'r', policy: { name: 'p', digest: '0'.repeat(64) }, weight: POLICY.steps[c.step]!.weight }, d);
        expect(decisionProblems(record)).toEqual([]);
        expect(verifyChain([record]).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The property means something only if promotions happen.
    expect(promoted).toBeGreaterThan(5);
  });
});
