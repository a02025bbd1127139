// The implicit-matrix selection against brute force: every order statistic of x − y.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthDifference, kthDifferences, medianDifference } from '../../../src/release/stats/pairwise-select.js';

const sorted = (v: number[]): Float64Array => Float64Array.from(v).sort();
const sample = fc.array(fc.integer({ min: -50, max: 50 }).map((k) => k / 4), { minLength: 1, maxLength: 40 });

describe('kthDifference', () => {
  it('equals the k-th of the enumerated, sorted differences (ties included)', () => {
    fc.assert(
      fc.property(sample, sample, fc.nat(), (xs, ys, seed) => {
        const x = sorted(xs);
        const y = sorted(ys);
        const all = xs.flatMap((a) => ys.map((b) => a - b)).sort((p, q) => p - q);
        const k = seed % all.length;
        expect(kthDifference(x, y, k)).toBe(all[k]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the median as R does (mean of the two middle values)', () => {
    expect(medianDifference(sorted([1, 2]), sorted([0, 0.5]))).toBe(1.25);
    expect(medianDifference(sorted([5]), sorted([1, 2, 3]))).toBe(3);
  });

  it('handles large continuous samples like brute force', () => {
    const xs = Array.from({ length: 300 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const ys = Array.from({ length: 250 }, (_, i) => Math.cos(i * 78.233) * 12345.678 % 1);
    const all = xs.flatMap((a) => ys.map((b) => a - b)).sort((p, q) => p - q);
    for (const k of [0, 1, 37_000, 37_499, 37_500, 74_999]) expect(kthDifference(sorted(xs), sorted(ys), k)).toBe(all[k]);
  });

  it('selects several ranks through the sampling rounds (1,200 × 900 differences, with ties)', () => {
    const xs = Array.from({ length: 1200 }, (_, i) => Math.round((Math.sin(i * 12.9898) * 43758.5453 % 1) * 500) / 100);
    const ys = Array.from({ length: 900 }, (_, i) => (Math.cos(i * 78.233) * 12345.678) % 1);
    const all = Float64Array.from(xs.flatMap((a) => ys.map((b) => a - b))).sort();
    const ks = [0, 3, 500_000, 539_999, 540_000, 600_123, 1_079_999];
    // Below FINISH (4,000,000) candidates the rounds would be skipped: force them.
    expect(kthDifferences(sorted(xs), sorted(ys), ks, 200_000)).toEqual(ks.map((k) => all[k]));
    expect(kthDifferences(sorted(xs), sorted(ys), ks)).toEqual(ks.map((k) => all[k]));
  });

  it('quickselect finishes like a sort, ties included', () => {
    fc.assert(
      fc.property(sample, sample, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (xs, ys, seeds) => {
        const all = xs.flatMap((a) => ys.map((b) => a - b)).sort((p, q) => p - q);
        const ks = seeds.map((k) => k % all.length);
        expect(kthDifferences(sorted(xs), sorted(ys), ks, 0)).toEqual(ks.map((k) => all[k]));
      }),
      { numRuns: 200 },
    );
  });
});
