/**
 * The release judge's decisions over one simulated trial, look by look, by the incremental form
 * of its tests: the interval lies wholly beyond the tolerance exactly when the always-valid test
 * at the tolerance rejects on the harmful side, and wholly within it when it rejects on the
 * other (test/release/stats/intervals.test.ts checks the equivalence for every interval; 
 * test/release/judge/calibration.test.ts checks these decisions against the judge's). Ranks
 * by Fenwick trees for latencies, running sums for ratios: a trial of 1,000 looks costs about
 * one look.
 */
import { sigmaU } from '../stats/rank-sum.js';
import type { KindModel } from './kinds.js';

/** A look's decision on the metric: fail, pass, or neither (hold). */
export type Decision = 'fail' | 'pass' | null;

/** One trial's data: canary and baseline observations in the order they arrive. */
export interface Trial {
  canary: Float64Array;
  baseline: Float64Array;
}

/**
 * A Fenwick tree of counts over ranks 1..size, with the count at each rank kept too, and the
 * tie term Σ(t³ − t) of what it holds (t: the values at one rank).
 */
function fenwick(size: number): { add: (i: number) => void; below: (i: number) => number; at: (i: number) => number; tieTerm: () => number } {
  const tree = new Int32Array(size + 1);
  const count = new Int32Array(size + 1);
  let tieTerm = 0;
  return {
    add: (i) => {
      const c = count[i]!++;
      tieTerm += 3 * c * c + 3 * c; // (c + 1)³ − (c + 1) − (c³ − c)
      for (let k = i; k <= size; k += k & -k) tree[k]!++;
    },
    below: (i) => {
      let s = 0;
      for (let k = i - 1; k > 0; k -= k & -k) s += tree[k]!;
      return s;
    },
    at: (i) => count[i]!,
    tieTerm: () => tieTerm,
  };
}

/** 1-based ranks, equal values sharing one (a sorted copy and a binary search each: faster than sorting indices). */
function ranksOf(values: Float64Array): Int32Array {
  const sorted = values.slice().sort();
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo + 1;
  }
  return ranks;
}

/** How one trial's looks are decided: the boundary at t observations in all for each side, and from which size a metric may pass. */
export interface LookRule {
  tolerance: number;
  z: (t: number, side: 'fail' | 'pass') => number;
  mayPass: (size: number) => boolean;
}

/**
 * Latency: the rank test of log canary − log(1 + tolerance) against log baseline, updated by
 * Fenwick trees; equal values count one half, and the null sd takes the ties within each side,
 * as shift-bounds.ts does.
 */
function latencyLooks(trial: Trial, sizes: readonly number[], rule: LookRule): Decision[] {
  const n = trial.canary.length;
  const values = new Float64Array(2 * n);
  const shift = Math.log1p(rule.tolerance);
  for (let i = 0; i < n; i++) {
    values[i] = Math.log(trial.canary[i]!) - shift;
    values[n + i] = Math.log(trial.baseline[i]!);
  }
  const rank = ranksOf(values);
  const fx = fenwick(2 * n);
  const fy = fenwick(2 * n);
  let u = 0;
  let had = 0;
  return sizes.map((size) => {
    for (; had < size; had++) {
      const rx = rank[had]!;
      u += fy.below(rx) + fy.at(rx) / 2;
      fx.add(rx);
      const ry = rank[n + had]!;
      u += had + 1 - fx.below(ry + 1) + fx.at(ry) / 2;
      fy.add(ry);
    }
    const stat = (u - (size * size) / 2) / sigmaU(size, size, fx.tieTerm() + fy.tieTerm());
    return stat >= rule.z(2 * size, 'fail') ? 'fail' : rule.mayPass(size) && -stat >= rule.z(2 * size, 'pass') ? 'pass' : null;
  });
}

/** Error ratios: Fieller's test at 1 + tolerance with the count floor (ratio-bounds.ts), from running sums. */
function ratioLooks(trial: Trial, sizes: readonly number[], rule: LookRule): Decision[] {
  const r0 = 1 + rule.tolerance;
  let had = 0;
  const sum = [0, 0];
  const sq = [0, 0];
  return sizes.map((size) => {
    for (; had < size; had++) {
      const c = trial.canary[had]!;
      const b = trial.baseline[had]!;
      sum[0]! += c;
      sq[0]! += c * c;
      sum[1]! += b;
      sq[1]! += b * b;
    }
    const [mc, mb] = [sum[0]! / size, sum[1]! / size];
    const [vc, vb] = [Math.max(0, sq[0]! - size * mc * mc) / (size - 1), Math.max(0, sq[1]! - size * mb * mb) / (size - 1)];
    const variance = Math.max(vc, r0 * vb) / size + (r0 * r0 * vb) / size;
    if (!(variance > 0)) return null;
    const stat = (mc - r0 * mb) / Math.sqrt(variance);
    // Decided only where Fieller's set is bounded, as the judge does.
    const bounded = (z: number) => mb * mb - (z * z * vb) / size > 0;
    const zf = rule.z(2 * size, 'fail');
    const zp = rule.z(2 * size, 'pass');
    return stat >= zf && bounded(zf) ? 'fail' : rule.mayPass(size) && -stat >= zp && bounded(zp) ? 'pass' : null;
  });
}

/**
 * The decision at each look of one trial (the first `size` observations per side), by the
 * incremental tests: what the judge decides on the same data, for a metric judged by `effect`
 * (a latency, or an error ratio with the count floor) with only a tolerance (harmful: increase).
 */
export function trialDecisions(effect: KindModel['effect'], trial: Trial, sizes: readonly number[], rule: LookRule): Decision[] {
  return effect === 'ratio-of-means' ? ratioLooks(trial, sizes, rule) : latencyLooks(trial, sizes, rule);
}

