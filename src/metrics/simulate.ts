/**
 * Monte Carlo over weekly throughput: each trial draws past weeks at random (with
 * replacement) until the drawn throughput covers the remaining work; the number of weeks it
 * took is one possible future. A week observed only in part (the oldest one, cut by the first
 * record) is drawn with a probability in proportion to the part observed, and counts at its
 * pace over a whole week (its throughput / the part observed): so the expected weekly
 * throughput is the work done over the time observed, not diluted by zero-filled days.
 * Percentiles are nearest-rank over the trials.
 */
import { mulberry32 } from './random.js';

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
  const rand = mulberry32(seed);
  const counts = new Uint32Array(MAX_WEEKS + 1);
  const n = samples.length;
  const whole = !coverage || coverage.every((c) => c === 1);
  const pool = Float64Array.from(samples, (x, i) => (whole ? x : x / coverage[i]!));
  // Cumulative coverage for the weighted draw: week i when cum[i-1] ≤ u < cum[i].
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cum[i] = total += whole ? 1 : coverage[i]!;
  const draw = whole
    ? () => pool[Math.floor(rand() * n)]!
    : () => {
        const u = rand() * total;
        let i = 0;
        while (i < n - 1 && cum[i]! <= u) i++;
        return pool[i]!;
      };
  for (let i = 0; i < trials; i++) {
    let done = 0;
    let weeks = 0;
    while (done < remaining && weeks < MAX_WEEKS) {
      done += draw();
      weeks++;
    }
    counts[done < remaining ? MAX_WEEKS : weeks]!++;
  }
  return { trials, counts, capped: counts[MAX_WEEKS]! };
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
