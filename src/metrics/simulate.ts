/**
 * Monte Carlo over weekly throughput: each trial draws past weeks at random (with
 * replacement) until the drawn throughput covers the remaining work; the number of weeks it
 * took is one possible future. Percentiles are nearest-rank over the trials.
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

/** Runs `trials` trials drawing from `samples` (weekly throughput, at least one above 0). */
export function simulate(samples: readonly number[], remaining: number, trials: number, seed: number): Simulation {
  const rand = mulberry32(seed);
  const counts = new Uint32Array(MAX_WEEKS + 1);
  const n = samples.length;
  const pool = Float64Array.from(samples);
  for (let i = 0; i < trials; i++) {
    let done = 0;
    let weeks = 0;
    while (done < remaining && weeks < MAX_WEEKS) {
      done += pool[Math.floor(rand() * n)]!;
      weeks++;
    }
    counts[done < remaining ? MAX_WEEKS : weeks]!++;
  }
  return { trials, counts, capped: counts[MAX_WEEKS]! };
}

/** The nearest-rank `p`-th percentile (0 < p ≤ 100) of the simulated weeks. */
export function percentileWeeks(sim: Simulation, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sim.trials));
  let seen = 0;
  for (let k = 0; k < sim.counts.length; k++) {
    seen += sim.counts[k]!;
    if (seen >= rank) return k;
  }
  return MAX_WEEKS;
}

/** Share of trials (percent) that finished within `weeks` weeks. */
export function shareWithin(sim: Simulation, weeks: number): number {
  let within = 0;
  for (let k = 0; k <= Math.min(weeks, MAX_WEEKS - 1); k++) within += sim.counts[k]!;
  return (within / sim.trials) * 100;
}
