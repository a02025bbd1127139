// The interval judge's rule per metric: fail only when an interval lies wholly beyond the
// tolerance or a limit, pass only when wholly within, inconclusive otherwise; per kind.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/metrics/random.js';
import { intervalJudge } from '../../../src/release/judge/index.js';
import type { ReleaseMetric } from '../../../src/release/policy/types.js';

const gaussianOf = (rand: () => number) => () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
/** n lognormal(σ) latencies around `scale`, seeded. */
function lognormal(seed: number, n: number, scale: number, sigma = 0.3): number[] {
  const g = gaussianOf(mulberry32(seed));
  return Array.from({ length: n }, () => scale * Math.exp(sigma * g()));
}
/** n per-interval error ratios: Binomial(requests, rate) / requests, seeded. */
function ratios(seed: number, n: number, rate: number, requests = 1000): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    let k = 0;
    for (let i = 0; i < requests; i++) if (rand() < rate) k++;
    return k / requests;
  });
}

const latency = (over: Partial<ReleaseMetric> = {}): ReleaseMetric => ({ name: 'latency', provider: 'file', query: 'q', kind: 'latency', harmful: 'increase', limit: {}, tolerance: 0.1, critical: false, onNoData: 'hold', ...over });
const judgeOf = (metrics: ReleaseMetric[], minSamples = 0, window?: number) => intervalJudge({ policy: { metrics }, step: { minSamples }, window });
const judge = (m: ReleaseMetric, c: number[], b: number[]) => judgeOf([m])(m, c, b, { canary: c.length, baseline: b.length });

describe('latency: the factor between canary and baseline latencies', () => {
  it('+30 % fails with the interval as the reason; the interval lies beyond the tolerance', () => {
    const j = judge(latency(), lognormal(1, 400, 130), lognormal(2, 400, 100));
    expect(j.classification).toBe('fail');
    expect(j.interval![0]).toBeGreaterThan(0.1);
    expect(j.effect!).toBeGreaterThan(0.2);
    expect(j.reason).toMatch(/interval \+\d+\.\d % to \+\d+\.\d % lies wholly beyond the 10\.0 % increase tolerated/);
    expect(j.pValue!).toBeLessThanOrEqual(0.05);
  });

  it('an unchanged canary passes once its interval lies within the tolerance', () => {
    const j = judge(latency(), lognormal(3, 600, 100), lognormal(4, 600, 100));
    expect(j.classification).toBe('pass');
    expect(j.interval![1]).toBeLessThanOrEqual(0.1);
    expect(j.pValue).toBe(1);
  });

  it('+4 % under a 10 % tolerance is never failed: its interval reaches past the tolerance at 376 per side', () => {
    for (let seed = 10; seed < 20; seed++) {
      const j = judge(latency(), lognormal(seed, 376, 104), lognormal(seed + 100, 376, 100));
      expect(j.classification).not.toBe('fail');
    }
    expect(judge(latency(), lognormal(5, 376, 104), lognormal(105, 376, 100))).toMatchObject({ classification: 'inconclusive', reason: expect.stringContaining('more data will tell') });
  });

  it('ranks ±Infinity (a p99 beyond the last bucket) instead of holding on it, and a zero latency as the smallest', () => {
    const canary = [...lognormal(7, 60, 100), ...Array(60).fill(Infinity)];
    const j = judge(latency(), canary, lognormal(8, 120, 100));
    expect(j.classification).toBe('fail');
    const zeros = judge(latency(), [0, ...lognormal(9, 300, 100)], [0, ...lognormal(10, 300, 100)]);
    expect(zeros.classification).not.toBe('fail');
  });

  it('a negative latency cannot be compared on the log scale', () => {
    const j = judge(latency(), [-1, ...lognormal(9, 100, 100)], lognormal(10, 100, 100));
    expect(j).toMatchObject({ classification: 'inconclusive', effect: null, reason: expect.stringContaining('no logarithm') });
  });

  it('a limit on the median: breached only with evidence, held only with evidence', () => {
    const breach = judge(latency({ tolerance: undefined, limit: { max: 110 } }), lognormal(11, 200, 130), lognormal(12, 200, 100));
    expect(breach).toMatchObject({ classification: 'fail', reason: expect.stringContaining('lies wholly above the limit 110') });
    const held = judge(latency({ tolerance: undefined, limit: { max: 150 } }), lognormal(11, 200, 100), lognormal(12, 200, 100));
    expect(held).toMatchObject({ classification: 'pass', reason: expect.stringContaining('lies within the limit 150') });
    const close = judge(latency({ tolerance: undefined, limit: { max: 101 } }), lognormal(11, 200, 100), lognormal(12, 200, 100));
    expect(close.classification).toBe('inconclusive');
    const below = judge(latency({ tolerance: undefined, limit: { min: 150 } }), lognormal(11, 200, 100), lognormal(12, 200, 100));
    expect(below).toMatchObject({ classification: 'fail', reason: expect.stringContaining('wholly below the limit 150') });
  });
});

describe('error ratios, counts, business values: the ratio of the means', () => {
  const errors = (over: Partial<ReleaseMetric> = {}): ReleaseMetric => latency({ name: 'errors', kind: 'error-ratio', tolerance: 0.2, ...over });

  it('a doubled error rate fails; an unchanged one passes', () => {
    expect(judge(errors(), ratios(1, 200, 0.02), ratios(2, 200, 0.01)).classification).toBe('fail');
    expect(judge(errors(), ratios(3, 400, 0.01), ratios(4, 400, 0.01)).classification).toBe('pass');
  });

  it('no errors on either side: the relative change is undefined, the limit decides; without a limit it holds and says why', () => {
    const zeros = Array(50).fill(0);
    expect(judge(errors({ limit: { max: 0.01 } }), zeros, zeros)).toMatchObject({ classification: 'pass', effect: null });
    expect(judge(errors(), zeros, zeros)).toMatchObject({ classification: 'inconclusive', reason: expect.stringContaining('give the metric a limit') });
  });

  it('a quiet canary (no errors) against a baseline with errors passes', () => {
    expect(judge(errors(), Array(60).fill(0), ratios(5, 60, 0.01)).classification).toBe('pass');
  });

  it('a constant non-zero series on both sides is flat-lined: inconclusive', () => {
    expect(judge(errors(), Array(60).fill(0.01), Array(60).fill(0.01))).toMatchObject({ classification: 'inconclusive', reason: expect.stringContaining('constant series') });
  });

  it('a business metric harmed by a decrease fails when it drops beyond the tolerance, and passes unchanged', () => {
    const revenue = latency({ name: 'revenue', kind: 'business', harmful: 'decrease', tolerance: 0.1 });
    expect(judge(revenue, lognormal(13, 300, 70), lognormal(14, 300, 100))).toMatchObject({ classification: 'fail', reason: expect.stringContaining('10.0 % decrease tolerated') });
    expect(judge(revenue, lognormal(15, 800, 100), lognormal(16, 800, 100)).classification).toBe('pass');
  });
});

describe('levels', () => {
  it('more metrics share the fail side: the harmful end of each interval widens; the pass end does not', () => {
    const m = latency();
    const c = lognormal(17, 300, 112);
    const b = lognormal(18, 300, 100);
    const alone = judgeOf([m])(m, c, b, { canary: 300, baseline: 300 });
    const many = judgeOf([m, ...Array.from({ length: 9 }, (_, i) => latency({ name: `m${i}` }))])(m, c, b, { canary: 300, baseline: 300 });
    expect(many.interval![0]).toBeLessThan(alone.interval![0]);
    expect(many.interval![1]).toBe(alone.interval![1]);
  });

  it('a later window spends less α: a wider interval', () => {
    const m = latency();
    const c = lognormal(19, 300, 105);
    const b = lognormal(20, 300, 100);
    const [w0, w3] = [0, 3].map((w) => judgeOf([m], 0, w)(m, c, b, { canary: 300, baseline: 300 }).interval!);
    expect(w3![0]).toBeLessThan(w0![0]);
    expect(w3![1]).toBeGreaterThan(w0![1]);
  });

  it('the p-value is at or below α exactly when the interval lies beyond the tolerance', () => {
    const m = latency();
    for (const scale of [108, 111, 114, 117, 120]) {
      const j = judge(m, lognormal(scale, 500, scale), lognormal(scale + 1, 500, 100));
      expect(j.pValue! <= 0.05).toBe(j.classification === 'fail');
    }
  });
});
