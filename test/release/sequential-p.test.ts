import { describe, expect, it } from 'vitest';
import type { MetricInput } from '../../src/release/decision/types.js';
import type { ReleaseMetric } from '../../src/release/policy/types.js';
import { sequentialPValues } from '../../src/release/sequential-p.js';
import { mulberry32 } from '../../src/metrics/random.js';

const metric = (name: string, harmful: 'increase' | 'decrease' = 'increase'): ReleaseMetric => ({ name, provider: 'file', query: name, kind: 'latency', harmful, limit: {}, critical: false, onNoData: 'hold' });
const data = (samples: number[]) => ({ ok: true as const, samples, digest: 'd' });
const series = (seed: number, n: number, shift: number): number[] => {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => 100 + shift + rnd() * 10);
};
const input = (name: string, canary: number[], baseline: number[]): MetricInput => ({ name, canary: data(canary), baseline: data(baseline) });

describe('always-valid, Holm-adjusted p-values of a look', () => {
  it('a clear harmful shift is significant; the same shift in the harmless direction is not', () => {
    const worse = sequentialPValues([metric('latency')], [input('latency', series(1, 200, 5), series(2, 200, 0))], new Map());
    expect(worse.get('latency')!).toBeLessThan(0.001);
    const better = sequentialPValues([metric('latency')], [input('latency', series(1, 200, -5), series(2, 200, 0))], new Map());
    expect(better.get('latency')).toBe(1);
  });

  it('carries the previous look: a p-value never rises across looks of a step', () => {
    const first = sequentialPValues([metric('latency')], [input('latency', series(1, 200, 5), series(2, 200, 0))], new Map());
    const noisy = sequentialPValues([metric('latency')], [input('latency', series(3, 200, 0), series(4, 200, 0))], first);
    expect(noisy.get('latency')).toBe(first.get('latency'));
  });

  it('adjusts across metrics with Holm and leaves out metrics without data', () => {
    const a = input('a', series(1, 200, 2), series(2, 200, 0));
    const one = sequentialPValues([metric('a')], [a], new Map()).get('a')!;
    const two = sequentialPValues([metric('a'), metric('b')], [a, input('b', series(5, 200, 0), series(6, 200, 0))], new Map()).get('a')!;
    expect(two).toBeCloseTo(Math.min(1, one * 2), 12);
    const missing: MetricInput = { name: 'c', canary: { ok: false, reason: 'no-data', message: 'none' }, baseline: data([1]) };
    expect(sequentialPValues([metric('c')], [missing], new Map()).has('c')).toBe(false);
  });
});
