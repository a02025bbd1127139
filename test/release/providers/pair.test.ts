// The canary/baseline pair and its clock-skew rule, on fake providers that answer like real ones.
import { describe, expect, it } from 'vitest';
import { clockSkew, fetchPair } from '../../../src/release/providers/pair.js';
import { failure, samplesResult, type FetchResult, type MetricProvider, type MetricQuery } from '../../../src/release/providers/types.js';

const range = (from: number, to: number, step = 60): number[] => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

function fake(answers: Record<MetricQuery['variant'], FetchResult>): MetricProvider {
  return { name: 'fake', fetch: async (q) => answers[q.variant] };
}
const ok = (times: number[]): FetchResult => samplesResult(times.map((t) => [t, 1] as [number, number]), 'fake', 'q');
const q = { query: 'q', start: new Date(0), end: new Date(3_600_000), step: 60 };

describe('clockSkew', () => {
  it.each([
    ['identical ranges', range(0, 3600), range(0, 3600), false],
    ['ends within 2 steps', range(60, 3600), range(0, 3480), false],
    ['canary started late but overlaps 75%', range(900, 3600), range(0, 3600), false],
    ['overlap 20% of the union', range(0, 1800), range(1200, 3000), true],
    ['no overlap', range(0, 1200), range(2400, 3600), true],
    ['instant values 30 s apart', [1000], [1030], false],
    ['instant values 10 minutes apart', [1000], [1600], true],
  ])('%s', (_name, canary, baseline, skewed) => {
    expect(clockSkew(canary, baseline, { step: 60 }) !== undefined).toBe(skewed);
  });

  it('limits are configurable', () => {
    expect(clockSkew([1000], [1600], { maxSkewSeconds: 600 })).toBeUndefined();
    expect(clockSkew(range(900, 3600), range(0, 3600), { minOverlap: 0.9 })).toMatch(/overlap 75% \(need 90%/);
  });
});

describe('fetchPair', () => {
  it('returns both sides when they line up', async () => {
    const r = await fetchPair(fake({ canary: ok(range(0, 600)), baseline: ok(range(0, 600)) }), q);
    expect(r).toMatchObject({ ok: true, canary: { times: range(0, 600) }, baseline: { times: range(0, 600) } });
  });

  it('a baseline without data holds with the side named', async () => {
    const r = await fetchPair(fake({ canary: ok([0]), baseline: failure('no-data', 'baseline q: no series') }), q);
    expect(r).toEqual({ ok: false, reason: 'no-data', message: 'baseline q: no series', variant: 'baseline' });
  });

  it('the canary failure comes first', async () => {
    const r = await fetchPair(fake({ canary: failure('timeout', 't'), baseline: failure('no-data', 'n') }), q);
    expect(r).toMatchObject({ ok: false, reason: 'timeout', variant: 'canary' });
  });

  it('ranges that do not overlap are clock-skew with both ranges in the message', async () => {
    const r = await fetchPair(fake({ canary: ok(range(0, 1200)), baseline: ok(range(2400, 3600)) }), q);
    expect(r).toEqual({
      ok: false,
      reason: 'clock-skew',
      message: 'q: canary 1970-01-01T00:00:00.000Z..1970-01-01T00:20:00.000Z and baseline 1970-01-01T00:40:00.000Z..1970-01-01T01:00:00.000Z overlap 0% (need 50% or ends within 120 s)',
    });
  });
});
