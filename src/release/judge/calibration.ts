/**
 * Monte Carlo calibration of the release judge's decision rule: how often a step is rolled back
 * or promoted when the canary's true change is known, over 1 to 1,000 looks. Each trial draws
 * one canary and one baseline stream and looks at them as `release evaluate` would, after
 * every `samplesPerSide / looks` new observations per side; the first look that fails or passes
 * the metric ends the trial.
 *
 * The decision at a look is the judge's: fail when the interval lies wholly beyond the
 * tolerance, pass when it lies wholly within, with the same levels (levels.ts), boundary and
 * minimum samples, computed incrementally (calibration-looks.ts). Seeded (mulberry32): a run is
 * reproducible.
 */
import { mulberry32 } from '../../metrics/random.js';
import { trialDecisions, type LookRule, type Trial } from './calibration-looks.js';
import { KINDS } from './kinds.js';
import { boundary, DEFAULT_ALPHA } from './levels.js';

/** The data a trial draws: latencies (a scale family, the canary's times 1 + effect) or error ratios. */
export type Scenario =
  | { kind: 'lognormal'; sigma: number }
  | { kind: 'pareto'; shape: number }
  | { kind: 'errors'; rate: number; requests: number };

/** One simulation. */
export interface CalibrationOptions {
  scenario: Scenario;
  /** The canary's true relative change (0.1: latencies 10 % longer, or an error rate 10 % higher). */
  effect: number;
  /** The policy's tolerance (harmful: increase). */
  tolerance: number;
  /** Observations per side at the last look. */
  samplesPerSide: number;
  /** Looks, evenly spread over the samples (at most samplesPerSide). */
  looks: number;
  trials: number;
  seed: number;
  /** Default 0.05. */
  alpha?: number;
  /** Observations per side before a metric may pass; default: the kind's (kinds.ts). A metric may fail from the kind's leastSamples. */
  minSamples?: number;
  /** Bounds in the policy that can fail a metric, sharing α (levels.ts). Default 1. */
  failBounds?: number;
}

/** Share of trials that ended rolled back, promoted, or still held after the last look. */
export interface CalibrationResult {
  rollback: number;
  promote: number;
  hold: number;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** Binomial(n, p) by inversion, for the small means of error counts. */
function binomial(rand: () => number, n: number, p: number): number {
  const u = rand();
  let k = 0;
  let pmf = (1 - p) ** n;
  let cdf = pmf;
  const odds = p / (1 - p);
  while (u > cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * odds;
    k++;
    cdf += pmf;
  }
  return k;
}

/** Draws one trial: latencies (a scale family, the canary's times 1 + effect) or error ratios per interval. */
export function drawTrial(o: Pick<CalibrationOptions, 'scenario' | 'effect' | 'samplesPerSide'>, rand: () => number): Trial {
  const n = o.samplesPerSide;
  const s = o.scenario;
  const canary = new Float64Array(n);
  const baseline = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (s.kind === 'errors') {
      canary[i] = binomial(rand, s.requests, s.rate * (1 + o.effect)) / s.requests;
      baseline[i] = binomial(rand, s.requests, s.rate) / s.requests;
    } else {
      const draw = (): number => (s.kind === 'lognormal' ? Math.exp(s.sigma * gaussian(rand)) : (1 - rand()) ** (-1 / s.shape));
      canary[i] = (1 + o.effect) * draw();
      baseline[i] = draw();
    }
  }
  return { canary, baseline };
}

/** The look sizes: `looks` increasing sample counts per side ending at `total`. */
export function lookSizes(total: number, looks: number): number[] {
  const sizes = new Set<number>();
  for (let k = 1; k <= looks; k++) sizes.add(Math.max(1, Math.round((k * total) / looks)));
  return [...sizes];
}

/** The rule of a simulation: the judge's boundaries and minimum samples for one metric among `failBounds`. */
export function lookRule(o: Pick<CalibrationOptions, 'scenario' | 'tolerance' | 'alpha' | 'minSamples' | 'failBounds'>): LookRule & { least: number } {
  const alpha = o.alpha ?? DEFAULT_ALPHA;
  const kind = o.scenario.kind === 'errors' ? 'error-ratio' : 'latency';
  const min = o.minSamples ?? KINDS[kind].minSamples;
  const levels = { fail: alpha / (o.failBounds ?? 1), pass: alpha };
  return {
    tolerance: o.tolerance,
    z: (t, side) => boundary(t, levels[side], min, 2),
    mayPass: (size) => size >= min,
    least: Math.min(min, KINDS[kind].leastSamples),
  };
}

/** Runs the simulation: the share of trials rolled back, promoted and still held. */
export function calibrate(o: CalibrationOptions): CalibrationResult {
  const rule = lookRule(o);
  const sizes = lookSizes(o.samplesPerSide, Math.min(o.looks, o.samplesPerSide)).filter((size) => size >= rule.least);
  const rand = mulberry32(o.seed);
  const tally = { rollback: 0, promote: 0, hold: 0 };
  for (let t = 0; t < o.trials; t++) {
    const first = trialDecisions(o.scenario.kind === 'errors' ? 'ratio-of-means' : 'log-shift', drawTrial(o, rand), sizes, rule).find((d) => d !== null);
    tally[first === 'fail' ? 'rollback' : first === 'pass' ? 'promote' : 'hold']++;
  }
  return { rollback: tally.rollback / o.trials, promote: tally.promote / o.trials, hold: tally.hold / o.trials };
}
