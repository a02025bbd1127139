/** A small rollout policy and builders of decision inputs for the decision tests. */
import type { Approval, DecideInput, MetricData, MetricInput } from '../../../src/release/decision/types.js';
import { mulberry32 } from '../../../src/metrics/random.js';
import type { ReleasePolicy } from '../../../src/release/policy/types.js';

export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
export const MIN = 60_000;

export const POLICY: ReleasePolicy = {
  steps: [
    { weight: 10, minDurationMs: 10 * MIN, minSamples: 100 },
    { weight: 50, minDurationMs: 10 * MIN, minSamples: 100, approvals: { min: 2, of: ['alice', 'bob', 'carol'], role: 'release-manager' } },
    { weight: 100, minDurationMs: 0, minSamples: 0, approvals: { min: 1, role: 'release-manager' } },
  ],
  metrics: [
    { name: 'errors', provider: 'prometheus', query: 'q1', kind: 'error-ratio', harmful: 'increase', limit: { max: 0.01 }, tolerance: 0.2, critical: true, onNoData: 'hold' },
    { name: 'latency', provider: 'prometheus', query: 'q2', kind: 'latency', harmful: 'increase', limit: { max: 500 }, tolerance: 0.2, critical: false, onNoData: 'hold' },
  ],
  score: { pass: 95, marginal: 75 },
  limits: { failed: 0, inconclusive: 2, consecutiveErrors: 2 },
  approvers: [
    { name: 'alice', role: 'release-manager' },
    { name: 'bob', role: 'release-manager' },
    { name: 'carol', role: 'release-manager' },
    { name: 'dave', role: 'developer' },
  ],
};

/** `n` samples around `value` (a small deterministic wobble). */
export const series = (value: number, n = 200): Extract<MetricData, { ok: true }> => ({ ok: true, samples: Array.from({ length: n }, (_, i) => value * (1 + ((i % 5) - 2) / 100)), digest: `sha256:${value}:${n}` });

/** `n` lognormal(σ = 0.3) latencies around 200 × `factor`, seeded: a series with real spread. */
export function noisy(seed: number, factor: number, n = 200): Extract<MetricData, { ok: true }> {
  const rand = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return { ok: true, samples: Array.from({ length: n }, () => 200 * factor * Math.exp(0.3 * gaussian())), digest: `sha256:noisy:${seed}:${factor}` };
}

/** Healthy data for both metrics, with `over` replacing some. */
export function metrics(over: Partial<Record<'errors' | 'latency', Partial<MetricInput>>> = {}): MetricInput[] {
  return [
    { name: 'errors', canary: series(0.002), baseline: series(0.002), ...over.errors },
    { name: 'latency', canary: series(200), baseline: series(200), ...over.latency },
  ];
}

export const approval = (who: string, minute = 5, extra: Partial<Approval> = {}): Approval => ({ who, time: new Date(T0 + minute * MIN).toISOString(), commit: 'abc', ...extra });

/** A decision input at step 0, 15 minutes in, healthy. */
export function input(over: Partial<DecideInput> = {}): DecideInput {
  return { policy: POLICY, step: 0, metrics: metrics(), approvals: [], now: T0 + 15 * MIN, startedAt: T0, history: [], commit: 'abc', ...over };
}
