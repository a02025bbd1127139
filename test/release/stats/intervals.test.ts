// The always-valid intervals of the release judge against independent references: the
// boundary against SciPy (root finding, and the mixture by numerical integration), the rank
// shift, the median and Fieller's ratio against R (brute-force differences, uniroot). The
// scripts that wrote the fixtures: test/release/stats/py/boundary_vectors.py and
// test/release/stats/r/interval-vectors.R.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixturePValue, mixtureRho, oneSidedBoundary } from '../../../src/release/stats/boundary.js';
import { medianBounds, meanBounds } from '../../../src/release/stats/location-bounds.js';
import { ratioBounds, ratioStatistic, summarize, type VarianceFloor } from '../../../src/release/stats/ratio-bounds.js';
import { shiftBounds as bounds, shiftSamples, shiftStatistic as statistic } from '../../../src/release/stats/shift-bounds.js';

const shiftBounds = (x: Float64Array, y: Float64Array, zl: number, zu: number) => bounds(shiftSamples(x, y), zl, zu);
const shiftStatistic = (x: Float64Array, y: Float64Array, theta: number) => statistic(shiftSamples(x, y), theta);

const REF = path.resolve(import.meta.dirname, '../../fixtures/release/reference');
const read = (f: string) => JSON.parse(readFileSync(path.join(REF, f), 'utf8'));
const value = (v: number | string): number => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v));
const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('the one-sided mixture boundary (SciPy)', () => {
  const { cases } = read('boundary.json') as { cases: { t: number; alpha: number; targetT: number; rho: number; z: number; pValues: [number, number][]; 'mAt2.5': number }[] };
  it.each(cases.map((c) => [c.t, c.alpha, c]))('t = %d, alpha = %d', (_t, _a, c) => {
    const rho = mixtureRho(c.targetT, c.alpha);
    expect(rho).toBeCloseTo(c.rho, 14);
    expect(oneSidedBoundary(c.t, c.alpha, rho)).toBeCloseTo(c.z, 8);
    for (const [z, p] of c.pValues) expect(mixturePValue(z, c.t, rho)).toBeCloseTo(p, 10);
    expect(1 / mixturePValue(2.5, c.t, rho)).toBeCloseTo(Math.max(1, c['mAt2.5']), 8);
  });

  it('is at least the fixed-sample quantile and grows as alpha falls', () => {
    const rho = mixtureRho(80, 0.05);
    expect(oneSidedBoundary(80, 0.05, rho)).toBeGreaterThan(1.6449);
    expect(oneSidedBoundary(80, 0.01, rho)).toBeGreaterThan(oneSidedBoundary(80, 0.05, rho));
  });
});

describe('interval bounds (R)', () => {
  const { cases } = read('intervals.json') as { cases: { name: string; kind: string; floor?: VarianceFloor; x?: number[]; y?: number[]; c?: number[]; b?: number[]; zl: number; zu: number; expected: (number | string)[] }[] };
  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => {
    const [estimate, lower, upper] = c.expected.map(value);
    const got =
      c.kind === 'shift' ? shiftBounds(sorted(c.x!), sorted(c.y!), c.zl, c.zu)
      : c.kind === 'median' ? medianBounds(sorted(c.x!), c.zl, c.zu)
      : ratioBounds(summarize(c.c!), summarize(c.b!), c.zl, c.zu, c.floor!);
    // Order statistics agree exactly; Fieller's roots to uniroot's tolerance.
    const digits = c.kind === 'ratio' ? 9 : 12;
    for (const [g, e] of [[got.estimate, estimate], [got.lower, lower], [got.upper, upper]] as const) {
      if (Number.isFinite(e)) expect(g).toBeCloseTo(e!, digits);
      else expect(g).toBe(e);
    }
  });
});

const sample = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 40 });

describe('bounds and tests agree', () => {
  it('the shift: the lower bound is above theta exactly when the test at theta rejects (continuous data)', () => {
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: 0.5, max: 3.5, noNaN: true }), (xs, ys, theta, z) => {
        const x = sorted(xs);
        const y = sorted(ys);
        const b = shiftBounds(x, y, z, z);
        expect(b.lower).toBeLessThanOrEqual(b.estimate);
        expect(b.upper).toBeGreaterThanOrEqual(b.estimate);
        const diffs = xs.flatMap((a) => ys.map((c) => a - c));
        // Away from ties at theta (and within-sample ties that change the null sd), the two agree.
        if (new Set(diffs).size !== diffs.length || diffs.some((d) => Math.abs(d - theta) < 1e-9) || new Set(xs).size < xs.length || new Set(ys).size < ys.length) return;
        expect(b.lower > theta).toBe(shiftStatistic(x, y, theta) >= z);
        expect(b.upper <= theta).toBe(-shiftStatistic(x, y, theta) >= z);
      }),
      { numRuns: 300 },
    );
  });

  it('the ratio: the lower bound is above r0 exactly when the test at r0 rejects', () => {
    const positive = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 3, maxLength: 40 });
    fc.assert(
      fc.property(positive, positive, fc.double({ min: 0.2, max: 3, noNaN: true }), fc.constantFrom<VarianceFloor>('count', 'scale', 'none'), (cs, bs, r0, floor) => {
        const c = summarize(cs);
        const b = summarize(bs);
        const z = 2.8;
        const r = ratioBounds(c, b, z, z, floor);
        if (!Number.isFinite(r.lower) || !Number.isFinite(r.upper) || Math.abs(r.lower - r0) < 1e-9 || Math.abs(r.upper - r0) < 1e-9) return;
        expect(r.lower > r0).toBe(ratioStatistic(c, b, r0, floor) >= z);
        expect(r.upper < r0).toBe(-ratioStatistic(c, b, r0, floor) >= z);
      }),
      { numRuns: 300 },
    );
  });
});

describe('edges', () => {
  it('±Infinity ranks as the extreme it is; a bound on it is infinite', () => {
    const b = shiftBounds(sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Infinity, Infinity]), sorted([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5]), 0.5, 0.5);
    expect(Number.isFinite(b.estimate)).toBe(true);
    const all = shiftBounds(sorted(Array(12).fill(Infinity)), sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 0.5, 0.5);
    expect([all.estimate, all.lower, all.upper]).toEqual([Infinity, Infinity, Infinity]);
    expect(shiftStatistic(sorted([Infinity, Infinity, Infinity]), sorted([1, 2, 3]), 0)).toBeGreaterThan(0);
  });

  it('one value per side bounds nothing', () => {
    const b = shiftBounds(sorted([5]), sorted([4]), 2, 2);
    expect([b.estimate, b.lower, b.upper]).toEqual([1, -Infinity, Infinity]);
    expect(medianBounds(sorted([5]), 2, 2)).toEqual({ estimate: 5, lower: -Infinity, upper: Infinity });
  });

  it('a baseline mean that cannot be told from 0 leaves the ratio unbounded', () => {
    const r = ratioBounds(summarize([0.01, 0.02, 0.01]), summarize([0, 0, 0.01]), 3, 3, 'count');
    expect([r.lower, r.upper]).toEqual([0, Infinity]);
  });

  it('the mean: estimate ± z standard errors', () => {
    expect(meanBounds(10, 4, 16, 2, 3)).toEqual({ estimate: 10, lower: 9, upper: 11.5 });
  });
});
