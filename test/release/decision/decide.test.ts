import { describe, expect, it } from 'vitest';
import { decideStep } from '../../../src/release/decision/decide.js';
import type { DecideInput, StepDecision } from '../../../src/release/decision/types.js';
import { approval, input, metrics, MIN, noisy, POLICY, series, T0 } from './fixtures.js';

const codes = (d: StepDecision) => d.reasons.filter((r) => r.effect !== 'info').map((r) => r.code);
const down = { ok: false, reason: 'unreachable', message: 'connect ECONNREFUSED' } as const;
const empty = { ok: true, samples: [], digest: 'x' } as const;

/** Input at step 1 after a promote of step 0 at T0+15m, judged 30 minutes in. */
const atStep1 = (over: Partial<DecideInput> = {}): DecideInput => {
  const promoted = decideStep(input());
  return input({ step: 1, history: [promoted], now: T0 + 30 * MIN, ...over });
};

describe('decisions', () => {
  it.each<[string, DecideInput, StepDecision['decision'], string[]]>([
    ['healthy', input(), 'promote', []],
    ['degraded latency', input({ metrics: metrics({ latency: { canary: series(300) } }) }), 'rollback', ['metric-failed', 'failed-limit']],
    ['critical metric over its limit', input({ metrics: metrics({ errors: { canary: series(0.05) } }) }), 'rollback', ['critical-metric-failed', 'failed-limit']],
    ['a change within the tolerance (+12.5 % of 20 %) passes', input({ metrics: metrics({ latency: { canary: series(225) } }) }), 'promote', []],
    ['a change whose interval reaches past the tolerance holds, never rolls back', input({ metrics: metrics({ latency: { canary: noisy(1, 1.15), baseline: noisy(2, 1) } }) }), 'hold', ['metric-inconclusive']],
    ['no canary data', input({ metrics: metrics({ latency: { canary: empty } }) }), 'hold', ['no-data']],
    ['baseline without data', input({ metrics: metrics({ errors: { baseline: { ok: false, reason: 'no-data', message: 'empty result' } } }) }), 'hold', ['no-data']],
    ['metric missing from the input', input({ metrics: metrics().slice(1) }), 'hold', ['no-data']],
    ['prometheus down', input({ metrics: metrics({ errors: { canary: down } }) }), 'hold', ['provider-error']],
    ['NaN samples', input({ metrics: metrics({ latency: { canary: { ok: true, samples: [200, Number.NaN], digest: 'x' } } }) }), 'hold', ['provider-error']],
    ['thin data', input({ metrics: metrics({ latency: { canary: series(200, 20) } }) }), 'hold', ['insufficient-samples']],
    ['one observation per side', input({ metrics: metrics({ latency: { canary: series(200, 1), baseline: series(201, 1) } }) }), 'hold', ['insufficient-samples']],
    ['thin but clearly bad data still rolls back (from the least its kind resolves)', input({ metrics: metrics({ errors: { canary: series(0.2, 20) } }) }), 'rollback', ['critical-metric-failed', 'failed-limit']],
    ['below the least its kind resolves, even clearly bad data only holds', input({ metrics: metrics({ errors: { canary: series(0.2, 19) } }) }), 'hold', ['insufficient-samples']],
    ['too early', input({ now: T0 + 5 * MIN }), 'hold', ['min-duration']],
    ['clock behind the step start', input({ now: T0 - MIN }), 'hold', ['clock-skew']],
    ['constant series', input({ metrics: metrics({ latency: { canary: { ok: true, samples: Array(200).fill(200), digest: 'c' }, baseline: { ok: true, samples: Array(200).fill(200), digest: 'b' } } }) }), 'hold', ['metric-inconclusive']],
    ['approvals missing at step 1', atStep1(), 'hold', ['approval-missing']],
    ['two approvals at step 1', atStep1({ approvals: [approval('alice'), approval('bob')] }), 'promote', []],
  ])('%s', (_name, given, decision, expected) => {
    const d = decideStep(given);
    expect(d.decision).toBe(decision);
    expect(codes(d)).toEqual(expected);
  });

  it('onNoData: pass lets a metric without data through, and says so', () => {
    const policy = { ...POLICY, metrics: POLICY.metrics.map((m) => (m.name === 'latency' ? { ...m, onNoData: 'pass' as const } : m)) };
    const d = decideStep(input({ policy, metrics: metrics({ latency: { canary: down } }) }));
    expect(d.decision).toBe('promote');
    expect(d.reasons.map((r) => r.code)).toContain('no-data-passed');
  });

  it('onNoData: fail on a critical metric rolls back', () => {
    const policy = { ...POLICY, metrics: POLICY.metrics.map((m) => (m.name === 'errors' ? { ...m, onNoData: 'fail' as const } : m)) };
    expect(decideStep(input({ policy, metrics: metrics({ errors: { canary: empty } }) })).decision).toBe('rollback');
  });

  it('fills the metric table', () => {
    const d = decideStep(input({ metrics: metrics({ latency: { canary: series(220) } }) }));
    expect(d.metrics[1]).toMatchObject({ metric: 'latency', critical: false, classification: 'pass', baseline: 200, pValue: 1, samples: { canary: 200, baseline: 200 }, data: { canary: 'sha256:220:200', baseline: 'sha256:200:200' } });
    expect(d.metrics[1]!.effect).toBeCloseTo(0.1);
    expect(d.metrics[1]!.interval![0]).toBeCloseTo(0.1);
    expect(d.metrics[1]!.interval![1]).toBeCloseTo(0.1);
    expect(d).toMatchObject({ step: 0, nextStep: 1, score: 100, check: 'passed', time: '2026-11-27T10:15:00.000Z' });
  });

  it('the score is the share of metrics that passed, whatever their number; it decides nothing', () => {
    const held = decideStep(input({ metrics: metrics({ latency: { canary: noisy(1, 1.15), baseline: noisy(2, 1) } }) }));
    expect([held.score, held.decision, held.check]).toEqual([50, 'hold', 'inconclusive']);
    const one = { ...POLICY, metrics: POLICY.metrics.slice(1) };
    const alone = decideStep(input({ policy: one, metrics: metrics({ latency: { canary: noisy(1, 1.15), baseline: noisy(2, 1) } }).slice(1) }));
    expect([alone.score, alone.decision]).toEqual([0, 'hold']);
  });
});

describe('approvals', () => {
  it('reports a non-manager, a repeat approver, another commit and another step, and counts none of them', () => {
    const d = decideStep(atStep1({ approvals: [approval('alice'), approval('dave'), approval('alice', 6), approval('bob', 7, { commit: 'other' }), approval('carol', 8, { step: 2 })] }));
    expect(d.decision).toBe('hold');
    expect(d.reasons.map((r) => r.code)).toEqual(['approval-not-release-manager', 'approval-duplicate', 'approval-wrong-commit', 'approval-wrong-step', 'approval-missing']);
    expect(d.reasons.at(-1)!.message).toBe('step 1 needs 2 approvals from alice, bob, carol; 1 counted');
    expect(d.approvals.map((a) => [a.who, a.role, a.counted])).toEqual([['alice', 'release-manager', true], ['dave', 'developer', false], ['alice', 'release-manager', false], ['bob', 'release-manager', false], ['carol', 'release-manager', false]]);
  });

  it('by role: any release manager counts, a developer does not', () => {
    const step2 = input({ step: 2, history: [decideStep(input()), decideStep(atStep1({ approvals: [approval('alice'), approval('bob')] }))], now: T0 + 45 * MIN });
    expect(decideStep({ ...step2, approvals: [approval('dave')] }).reasons.map((r) => [r.code, r.message])).toEqual([
      ['approval-not-release-manager', 'approval by dave does not count: not a release-manager (role: developer)'],
      ['approval-missing', 'step 2 needs 1 approval from people with the role release-manager in release.approvers; 0 counted'],
    ]);
    const done = decideStep({ ...step2, approvals: [approval('carol')] });
    expect([done.decision, done.nextStep]).toEqual(['promote', null]);
  });
});

describe('limits over checks', () => {
  it('holds through tolerated errors, then rolls back on consecutive errors', () => {
    const broken = (history: StepDecision[]) => decideStep(input({ metrics: metrics({ errors: { canary: down } }), history }));
    const first = broken([]);
    const second = broken([first]);
    const third = broken([first, second]);
    expect([first.decision, second.decision, third.decision]).toEqual(['hold', 'hold', 'rollback']);
    expect(codes(third)).toContain('consecutive-errors');
  });

  it('with failed: 1, a failed check holds and the second rolls back; a failing critical metric never waits', () => {
    const policy = { ...POLICY, limits: { ...POLICY.limits, failed: 1 } };
    const degraded = (history: StepDecision[], over = { latency: { canary: series(300) } }) => decideStep(input({ policy, metrics: metrics(over), history }));
    const first = degraded([]);
    expect([first.decision, codes(first), first.check]).toEqual(['hold', ['metric-failed'], 'failed']);
    expect(degraded([first]).decision).toBe('rollback');
    expect(decideStep(input({ policy, metrics: metrics({ errors: { canary: series(0.05) } }) })).decision).toBe('rollback');
  });

  it('inconclusive checks beyond limits.inconclusive hold and say so; they never roll back', () => {
    const unsure = (history: StepDecision[]) => decideStep(input({ metrics: metrics({ latency: { canary: noisy(1, 1.15), baseline: noisy(2, 1) } }), history }));
    const history: StepDecision[] = [];
    for (let i = 0; i < 6; i++) history.push(unsure(history));
    expect(history.map((d) => d.decision)).toEqual(Array(6).fill('hold'));
    expect(codes(history.at(-1)!)).toEqual(['metric-inconclusive', 'inconclusive-limit']);
    expect(history.at(-1)!.reasons.find((r) => r.code === 'inconclusive-limit')).toMatchObject({ effect: 'hold' });
  });

  it('a rolled-back rollout stays rolled back', () => {
    const rolled = decideStep(input({ metrics: metrics({ errors: { canary: series(0.5) } }) }));
    const after = decideStep(input({ history: [rolled] }));
    expect([after.decision, codes(after)]).toEqual(['rollback', ['rolled-back']]);
  });

  it('a decision for a step the rollout is not at holds', () => {
    expect(codes(decideStep(input({ step: 1 })))).toEqual(['step-mismatch']);
  });
});

describe('an injected judge', () => {
  it('gets the samples and counts, and its non-finite numbers never reach the table', () => {
    const calls: [string, number, number][] = [];
    const judge = (m: { name: string }, c: readonly number[], _b: readonly number[], counts: { canary: number; baseline: number }) => {
      calls.push([m.name, c.length, counts.canary]);
      return { classification: 'pass' as const, canary: 1, baseline: Number.NaN, effect: Number.POSITIVE_INFINITY, interval: [Number.NaN, 1] as [number, number], pValue: 2, reason: 'stub' };
    };
    const withCount = metrics({ errors: { canary: { ...series(0.002), count: 5000 } } });
    const d = decideStep(input({ metrics: withCount }), judge);
    expect(calls).toEqual([['errors', 200, 5000], ['latency', 200, 200]]);
    expect(d.metrics[0]).toMatchObject({ canary: 1, baseline: null, effect: null, interval: null, pValue: 1, samples: { canary: 5000, baseline: 200 } });
    expect(d.decision).toBe('promote');
  });
});
