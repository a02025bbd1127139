/**
 * The release use-case of the core (src/core/release.ts) as an edge calls it: an in-memory
 * store and a fake provider injected, the clock passed in. One look reads everything since the
 * step began (the start never slides, not during minDuration either), or with a window its
 * window only, spending that window's share of α; a policy the judge cannot work with is
 * refused, located, before anything is fetched or written.
 */
import { describe, expect, it } from 'vitest';
import { evaluateRelease, RELEASE_EXIT, type ReleaseLookRequest } from '../../src/core/index.js';
import { PhasegateError } from '../../src/errors.js';
import { mulberry32 } from '../../src/metrics/random.js';
import type { EffectivePolicy } from '../../src/policy/types.js';
import type { ReleasePolicy } from '../../src/release/policy/types.js';
import { samplesResult, type MetricProvider, type MetricQuery } from '../../src/release/providers/index.js';
import { verifyChain } from '../../src/release/record/index.js';
import { recordMatcher, sortRecords } from '../../src/store/order.js';
import type { HistoryStore } from '../../src/store/port.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { checkQuery } from '../../src/store/validate.js';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const MIN = 60_000;

/** A store in memory that behaves like the file store for what the core uses. */
function memoryStore(): HistoryStore & { records: HistoryRecord[] } {
  const records: HistoryRecord[] = [];
  return {
    records,
    append: async (rs) => {
      const fresh = rs.filter((r) => !records.some((o) => o.id === r.id));
      records.push(...fresh);
      return fresh.length;
    },
    query: async (q) => sortRecords(records.filter(recordMatcher(checkQuery(q)))),
    projects: async () => [...new Set(records.map((r) => r.project))].sort(),
    prune: async () => 0,
    warnings: () => [],
    close: async () => {},
  };
}

/** A provider with one lognormal point a minute per variant from T0 (canary × factor), remembering its queries. */
function fakeProvider(factor: number, minutes = 600): MetricProvider & { queries: MetricQuery[] } {
  const queries: MetricQuery[] = [];
  const series = (seed: number, scale: number) => {
    const rand = mulberry32(seed);
    return Array.from({ length: minutes }, (_, i): [number, number] => [(T0 + i * MIN) / 1000, scale * Math.exp(0.05 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()))]);
  };
  const data = { canary: series(1, 0.2 * factor), baseline: series(2, 0.2) };
  return {
    name: 'fake',
    queries,
    fetch: async (q) => {
      queries.push(q);
      const [from, to] = [q.start.getTime() / 1000, q.end.getTime() / 1000];
      return samplesResult(data[q.variant].filter(([t]) => t >= from && t <= to), 'fake', q.variant);
    },
  };
}

const RELEASE: ReleasePolicy = {
  steps: [{ weight: 10, minDurationMs: 30 * MIN, minSamples: 0 }, { weight: 100, minDurationMs: 0, minSamples: 0 }],
  metrics: [{ name: 'p99', provider: 'prometheus', query: 'p99', kind: 'latency', harmful: 'increase', limit: { max: 0.5 }, tolerance: 0.1, critical: true, onNoData: 'hold' }],
  score: { pass: 95, marginal: 75 },
  limits: { failed: 0, inconclusive: 2, consecutiveErrors: 3 },
  approvers: [],
};
const policy = (release: ReleasePolicy = RELEASE): EffectivePolicy & { release: ReleasePolicy } => ({ name: 'p', tier: null, layers: [], rules: [], waivers: [], settings: { waiverWarningDays: 14 }, release });

function request(store: HistoryStore, provider: MetricProvider, minute: number, over: Partial<ReleaseLookRequest> = {}): ReleaseLookRequest {
  return { project: 'shop', rollout: 'v2', step: 0, policy: policy(), store, providerFor: () => provider, now: new Date(T0 + minute * MIN), startedAt: new Date(T0), ...over };
}

describe('evaluateRelease', () => {
  it('reads everything since the step began at every look, also during minDuration; then promotes and chains its records', async () => {
    const store = memoryStore();
    const provider = fakeProvider(1);
    const early = await evaluateRelease(request(store, provider, 10));
    expect(early.look).toEqual({ stepStartedAt: T0, from: T0, to: T0 + 10 * MIN });
    expect(early.decision.decision).toBe('hold');
    expect(early.decision.reasons.map((r) => r.code)).toContain('min-duration');
    const later = await evaluateRelease(request(store, provider, 40));
    expect(later.look.from).toBe(T0);
    expect([later.decision.decision, RELEASE_EXIT[later.decision.decision]]).toEqual(['promote', 0]);
    expect(later.decision.reasons.find((r) => r.code === 'look')?.message).toBe('looked at the data from 2026-05-01T10:00:00.000Z to 2026-05-01T10:40:00.000Z: everything since the step began');
    expect(provider.queries.map((q) => q.start.getTime())).toEqual([T0, T0, T0, T0]);
    // The next step reads from the promotion on.
    const step1 = await evaluateRelease(request(store, provider, 50, { step: 1 }));
    expect(step1.look.from).toBe(T0 + 40 * MIN);
    expect(verifyChain(store.records).ok).toBe(true);
    expect(store.records.map((r) => r.kind)).toEqual(['decision', 'decision', 'decision']);
  });

  it('with a window, each look reads its window only, and a later window spends less α', async () => {
    const store = memoryStore();
    const provider = fakeProvider(1.04);
    // An approval the step waits for keeps the rollout at step 0, whatever the metrics say.
    const waiting = policy({ ...RELEASE, steps: [{ ...RELEASE.steps[0]!, approvals: { min: 1, role: 'release-manager' } }, RELEASE.steps[1]!] });
    const first = await evaluateRelease(request(store, provider, 60, { windowMs: 60 * MIN, policy: waiting }));
    expect(first.look).toEqual({ stepStartedAt: T0, from: T0, to: T0 + 60 * MIN, window: { index: 0, lengthMs: 60 * MIN } });
    const second = await evaluateRelease(request(store, provider, 90, { windowMs: 60 * MIN, policy: waiting }));
    expect(second.look).toMatchObject({ from: T0 + 60 * MIN + 1, window: { index: 1 } });
    expect(second.decision.reasons.find((r) => r.code === 'look')?.message).toMatch(/window 2 of 1h since the step began at 2026-05-01T10:00:00.000Z; .* spends 15\.2 % of α$/);
    expect(second.decision.metrics[0]!.samples).toEqual({ canary: 30, baseline: 30 });
  });

  it('refuses a policy the judge cannot work with, and a window shorter than the step, located, before fetching or writing', async () => {
    const store = memoryStore();
    const provider = fakeProvider(1);
    const bad = policy({ ...RELEASE, steps: [{ weight: 10, minDurationMs: 30 * MIN, minSamples: 3 }], metrics: [{ ...RELEASE.metrics[0]!, tolerance: undefined, limit: {} }] });
    const locate = (ref: object) => ({ file: 'p.yaml', line: 'metric' in ref ? 7 : 4, col: 5 });
    const err = await evaluateRelease(request(store, provider, 40, { policy: bad, windowMs: 10 * MIN, locate })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as PhasegateError).diagnostics.map((d) => `${d.file}:${d.line}: ${d.message.slice(0, 60)}`)).toEqual([
      'p.yaml:7: release.metrics[0] (p99) has neither a tolerance nor a limit',
      'p.yaml:4: release.steps[0].minSamples 3 is below 10, the fewest observ',
      'p.yaml:4: --window 10m is shorter than release.steps[0].minDuration 30',
    ]);
    expect(provider.queries).toEqual([]);
    expect(store.records).toEqual([]);
  });
});
