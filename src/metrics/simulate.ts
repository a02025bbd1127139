/**
 * Monte Carlo over weekly throughput: each trial draws past weeks at random (with
 * replacement) until the drawn throughput covers the remaining work; the number of weeks it
 * took is one possible future. A week observed only in part (the oldest one, cut by the first
 * record) is drawn with a probability in proportion to the part observed (an alias table: one
 * uniform number per draw), and counts at its
 * pace over a whole week (its throughput / the part observed): so the expected weekly
 * throughput is the work done over the time observed, not diluted by zero-filled days.
 * Percentiles are nearest-rank over the trials.
 */

/** A trial that has not finished after this many weeks (ten years) stops there. */
export const MAX_WEEKS = 520;

export interface Simulation {
  trials: number;
  /** counts[k]: trials that finished in k weeks (k = MAX_WEEKS: did not finish by then). */
  counts: Uint32Array;
  /** Trials that did not finish within MAX_WEEKS. */
  capped: number;
}

/**
 * Runs `trials` trials drawing from `samples` (weekly throughput, at least one above 0).
 * `coverage[i]` (0 < c ≤ 1, default 1) is the part of week i that was observed.
 */
export function simulate(samples: readonly number[], remaining: number, trials: number, seed: number, coverage?: readonly number[]): Simulation {
  const counts = new Uint32Array(MAX_WEEKS + 1);
  const n = samples.length;
  const share = coverage ?? samples.map(() => 1);
  const pool = Float64Array.from(samples, (x, i) => x / share[i]!);
  const { prob, alias } = aliasTable(share);
  // mulberry32 (random.ts) inlined: a call per draw costs more than the draw. The same seed
  // gives the same stream as mulberry32(seed), one number per draw (a test checks).
  let a = seed >>> 0;
  for (let i = 0; i < trials; i++) {
    let done = 0;
    let weeks = 0;
    while (done < remaining && weeks < MAX_WEEKS) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const x = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
      let k = Math.floor(x);
      if (x - k >= prob[k]!) k = alias[k]!;
      done += pool[k]!;
      weeks++;
    }
    counts[done < remaining ? MAX_WEEKS : weeks]!++;
  }
  return { trials, counts, capped: counts[MAX_WEEKS]! };
}

/**
 * Walker's alias table for drawing index i with probability w[i] / Σw from one uniform u:
 * k = ⌊u n⌋, kept when the fraction u n − k < prob[k], else alias[k] (Vose's construction).
 * Equal weights give prob 1 everywhere: k = ⌊u n⌋, the plain uniform draw.
 */
export function aliasTable(w: readonly number[]): { prob: Float64Array; alias: Uint32Array } {
  const n = w.length;
  const total = w.reduce((s, x) => s + x, 0);
  const prob = new Float64Array(n).fill(1);
  const alias = Uint32Array.from(w, (_, i) => i);
  const scaled = w.map((x) => (x * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // What is left has probability 1 up to rounding.
  return { prob, alias };
}

/** The nearest-rank `p`-th percentile (0 < p ≤ 100, a whole number) of the simulated weeks. */
export function percentileWeeks(sim: Simulation, p: number): number {
  // p × trials / 100 in integers first, so that e.g. 85 % of 10,000 is the 8,500th exactly.
  const rank = Math.max(1, Math.ceil((p * sim.trials) / 100));
  let seen = 0;
  for (let k = 0; k < sim.counts.length; k++) {
    seen += sim.counts[k]!;
    if (seen >= rank) return k;
  }
  return MAX_WEEKS;
}

/**
 * Share of trials (percent) that finished in fewer than `weeks` weeks (`weeks` may be a
 * fraction or negative). Computed as 100 × count / trials so that it is at least p exactly
 * when the p-th percentile is below `weeks`.
 */
export function shareBefore(sim: Simulation, weeks: number): number {
  let within = 0;
  for (let k = 0; k < Math.min(weeks, MAX_WEEKS); k++) within += sim.counts[k]!;
  return (within * 100) / sim.trials;
}
