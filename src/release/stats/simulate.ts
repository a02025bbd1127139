/**
 * Monte Carlo measurement of the gate's false-alarm rate and power under repeated looks:
 * naive re-testing (a fixed-sample test at level α after every look, as Kayenta's judge does)
 * against the mSPRT always-valid p-value. Seeded (mulberry32), so a run is reproducible; both
 * methods see the same data stream for the same seed.
 *
 * Scenarios: 'latency' draws lognormal(0, 0.5) values per side, the canary scaled by
 * (1 + effect) so its mean moves by that fraction, tested by Mann-Whitney (normal
 * approximation); 'errors' draws Bernoulli(rate) requests per side, the canary's rate times
 * (1 + effect), tested by the pooled z-test. Each look adds `perLook` values per side.
 */
import { mulberry32 } from '../../metrics/random.js';
import { normalPValue } from './mann-whitney-normal.js';
import { proportionTest } from './proportions.js';
import { rankSum } from './rank-sum.js';
import { alwaysValidPValues, proportionLook, rankLook } from './sequential.js';
import type { Look } from './sequential.js';

/** Settings of one simulation. */
export interface SimulationOptions {
  looks: number;
  alpha: number;
  trials: number;
  seed: number;
  method: 'naive' | 'sequential';
  /** Default 'latency'. */
  metric?: 'latency' | 'errors';
  /** New values per side at each look. Default 100 (latency) or 20,000 (errors). */
  perLook?: number;
  /** Relative change of the canary (0.1 = +10 %). Default 0 (A/A). */
  effect?: number;
  /** Baseline error rate for 'errors'. Default 0.01. */
  baselineRate?: number;
  /** Mixture standard deviation of the mSPRT. Default 0.05 (latency) or 0.1 × baselineRate. */
  tau?: number;
}

interface Step {
  pNaive: number | null;
  look: Look;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function latencySteps(o: Required<SimulationOptions>, rand: () => number): Step[] {
  const total = o.looks * o.perLook;
  const x = new Float64Array(total);
  const y = new Float64Array(total);
  const steps: Step[] = [];
  for (let k = 0; k < o.looks; k++) {
    for (let i = k * o.perLook; i < (k + 1) * o.perLook; i++) {
      x[i] = (1 + o.effect) * Math.exp(0.5 * gaussian(rand));
      y[i] = Math.exp(0.5 * gaussian(rand));
    }
    const n = (k + 1) * o.perLook;
    const xs = x.slice(0, n).sort();
    const ys = y.slice(0, n).sort();
    const rs = rankSum(xs, ys);
    const pNaive = o.method === 'naive' ? normalPValue(rs.u, n, n, rs.tieTerm, 'two-sided', true) : null;
    steps.push({ pNaive, look: o.method === 'naive' ? { estimate: 0, variance: 0 } : rankLook(xs, ys) });
  }
  return steps;
}

function errorSteps(o: Required<SimulationOptions>, rand: () => number): Step[] {
  const rateX = o.baselineRate * (1 + o.effect);
  let ex = 0;
  let ey = 0;
  const steps: Step[] = [];
  for (let k = 0; k < o.looks; k++) {
    for (let i = 0; i < o.perLook; i++) {
      if (rand() < rateX) ex++;
      if (rand() < o.baselineRate) ey++;
    }
    const n = (k + 1) * o.perLook;
    const pNaive = o.method === 'naive' ? proportionTest(ex, n, ey, n, { method: 'z-test' }).pValue : null;
    steps.push({ pNaive, look: proportionLook(ex, n, ey, n) });
  }
  return steps;
}

function withDefaults(opts: SimulationOptions): Required<SimulationOptions> {
  const metric = opts.metric ?? 'latency';
  const baselineRate = opts.baselineRate ?? 0.01;
  // Each default by `??`, never by spreading `opts` over them: an option given as undefined keeps its default.
  return {
    looks: opts.looks,
    alpha: opts.alpha,
    trials: opts.trials,
    seed: opts.seed,
    method: opts.method,
    metric,
    baselineRate,
    perLook: opts.perLook ?? (metric === 'latency' ? 100 : 20_000),
    effect: opts.effect ?? 0,
    tau: opts.tau ?? (metric === 'latency' ? 0.05 : 0.1 * baselineRate),
  };
}

/** Fraction of trials in which the method raised an alarm at any of the looks. */
export function simulateAlarmRate(opts: SimulationOptions): number {
  const o = withDefaults(opts);
  const rand = mulberry32(o.seed);
  let alarms = 0;
  for (let t = 0; t < o.trials; t++) {
    const steps = o.metric === 'latency' ? latencySteps(o, rand) : errorSteps(o, rand);
    const alarm =
      o.method === 'naive'
        ? steps.some((s) => s.pNaive !== null && s.pNaive <= o.alpha)
        : alwaysValidPValues(steps.map((s) => s.look), o.tau).some((p) => p <= o.alpha);
    if (alarm) alarms++;
  }
  return alarms / o.trials;
}

/** False-alarm rate on A/A data (no effect) over `looks` looks. */
export function simulateFalseAlarms(opts: Omit<SimulationOptions, 'effect'>): number {
  return simulateAlarmRate({ ...opts, effect: 0 });
}

/** Power: the fraction of trials that detect a canary changed by `effect` (e.g. 0.1 = +10 %). */
export function simulatePower(opts: SimulationOptions & { effect: number }): number {
  return simulateAlarmRate(opts);
}

/** One row of {@link falseAlarmTable}. */
export interface FalseAlarmRow {
  looks: number;
  naive: number;
  sequential: number;
}

/** False-alarm rate by number of looks for naive re-testing and the sequential method. */
export function falseAlarmTable(opts: Omit<SimulationOptions, 'looks' | 'method' | 'effect'> & { looksList?: number[] }): FalseAlarmRow[] {
  const { looksList = [1, 2, 5, 10], ...rest } = opts;
  return looksList.map((looks) => ({
    looks,
    naive: simulateFalseAlarms({ ...rest, looks, method: 'naive' }),
    sequential: simulateFalseAlarms({ ...rest, looks, method: 'sequential' }),
  }));
}
