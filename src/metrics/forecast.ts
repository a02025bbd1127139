/**
 * Finish-date forecasts from the throughput of done work items (DOMAIN.md §4): the weekly
 * throughput of the last weeks before the status date, sampled by Monte Carlo (seeded, so
 * reproducible) until the remaining work is covered. Work is counted in item weights (1 each
 * unless a record or the plan gives one).
 */
import { PhasegateError } from '../errors.js';
import type { HistoryRecord, WorkItemRecord } from '../store/records.js';
import { doneSince, partition, stateAt, timelines, type At } from './history.js';
import { percentileWeeks, shareWithin, simulate } from './simulate.js';
import { dayEnd, isoDay, WEEK_MS } from './time.js';
import type { Plan } from './types.js';

export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_THROUGHPUT_WEEKS = 12;

export interface ForecastInput {
  project: string;
  asOf: Date;
  records: readonly HistoryRecord[];
  /** Planned items count as remaining work until done, and the plan's due date is used. */
  plan?: Plan;
  /** Remaining work (weights); default: every recorded or planned item not done at asOf. */
  remaining?: number;
  /** YYYY-MM-DD; default plan.due. */
  due?: string;
  trials?: number;
  seed?: number;
  throughputWeeks?: number;
}

export interface ForecastResult {
  asOf: string;
  remaining: number;
  /** Weekly throughput samples, oldest week first. */
  throughput: number[];
  trials: number;
  seed: number;
  weeks: { p50: number; p85: number; p95: number };
  /** Finish dates (YYYY-MM-DD) that 50/85/95 % of the trials met. */
  p50: string;
  p85: string;
  p95: string;
  /** Trials that had not finished after ten years. */
  capped: number;
  due?: string;
  /** Percent of trials finishing by the end of the due date. */
  onTimeProbability?: number;
}

type Timelines = Map<string, At<WorkItemRecord>[]>;

/** Weight of an item: its latest record's, else the plan's, else 1. */
function weightOf(tl: readonly At<WorkItemRecord>[] | undefined, planned: number | undefined, t: number): number {
  return (tl && stateAt(tl, t)?.r.weight) ?? planned ?? 1;
}

/** Work not done at `t`: items recorded by then, plus planned items, not done. */
export function remainingWork(items: Timelines, t: number, plan?: Plan): number {
  const planned = new Map((plan?.workItems ?? []).map((w) => [w.id, w.weight]));
  let left = 0;
  for (const id of new Set([...items.keys(), ...planned.keys()])) {
    const tl = items.get(id);
    const state = tl && stateAt(tl, t);
    // An unplanned item counts once recorded; a planned one from the start.
    if ((!state && !planned.has(id)) || state?.r.state === 'done') continue;
    left += weightOf(tl, planned.get(id), t);
  }
  return left;
}

/** Weight done in each of the last `weeks` weeks before `t` (oldest first), not before the first record. */
export function weeklyThroughput(items: Timelines, t: number, weeks: number): number[] {
  let first = Infinity;
  for (const tl of items.values()) if (tl[0]!.ms <= t) first = Math.min(first, tl[0]!.ms);
  const n = Math.max(1, Math.min(weeks, Math.ceil((t - first) / WEEK_MS)));
  const samples = new Array<number>(n).fill(0);
  for (const tl of items.values()) {
    const done = doneSince(tl, t);
    if (done === undefined) continue;
    const k = Math.floor((t - done) / WEEK_MS);
    if (k < n) samples[n - 1 - k]! += weightOf(tl, undefined, t);
  }
  return samples;
}

/** The forecast from prepared timelines, or why there is none. */
export function forecastFrom(items: Timelines, asOf: number, opts: Omit<ForecastInput, 'project' | 'asOf' | 'records'>): ForecastResult | { reason: string } {
  if (items.size === 0 && !opts.plan?.workItems?.length && opts.remaining === undefined) return { reason: 'no work items recorded or planned' };
  const remaining = opts.remaining ?? remainingWork(items, asOf, opts.plan);
  const throughput = items.size > 0 ? weeklyThroughput(items, asOf, opts.throughputWeeks ?? DEFAULT_THROUGHPUT_WEEKS) : [];
  if (remaining > 0 && !throughput.some((x) => x > 0)) {
    return { reason: items.size === 0 ? 'no work item recorded: no throughput to forecast from' : `no work item was done in the last ${throughput.length} week(s): no throughput to forecast from` };
  }
  if (remaining <= 0) return finished(items, asOf, throughput, opts);
  const trials = opts.trials ?? DEFAULT_TRIALS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const sim = simulate(throughput, remaining, trials, seed);
  const weeks = { p50: percentileWeeks(sim, 50), p85: percentileWeeks(sim, 85), p95: percentileWeeks(sim, 95) };
  const date = (w: number) => isoDay(asOf + w * WEEK_MS);
  const result: ForecastResult = { asOf: new Date(asOf).toISOString(), remaining, throughput, trials, seed, weeks, p50: date(weeks.p50), p85: date(weeks.p85), p95: date(weeks.p95), capped: sim.capped };
  const due = opts.due ?? opts.plan?.due;
  if (due) {
    result.due = due;
    result.onTimeProbability = shareWithin(sim, Math.floor((dayEnd(due) - asOf) / WEEK_MS));
  }
  return result;
}

/** The "forecast" of work that is all done: the finish is when the last item was done. */
function finished(items: Timelines, asOf: number, throughput: number[], opts: Omit<ForecastInput, 'project' | 'asOf' | 'records'>): ForecastResult {
  let end = -Infinity;
  for (const tl of items.values()) end = Math.max(end, doneSince(tl, asOf) ?? -Infinity);
  const day = isoDay(Number.isFinite(end) ? end : asOf);
  const result: ForecastResult = { asOf: new Date(asOf).toISOString(), remaining: 0, throughput, trials: 0, seed: opts.seed ?? DEFAULT_SEED, weeks: { p50: 0, p85: 0, p95: 0 }, p50: day, p85: day, p95: day, capped: 0 };
  const due = opts.due ?? opts.plan?.due;
  if (due) Object.assign(result, { due, onTimeProbability: day <= due ? 100 : 0 });
  return result;
}

/**
 * Forecasts the finish of the remaining work by Monte Carlo over weekly throughput: P50, P85
 * and P95 dates and the chance to finish by the due date. Throws a PhasegateError when there
 * is no throughput to forecast from.
 */
export function forecast(input: ForecastInput): ForecastResult {
  const asOf = input.asOf.getTime();
  const items = timelines(partition(input.records, input.project, asOf).workItems);
  const out = forecastFrom(items, asOf, input);
  if ('reason' in out) throw new PhasegateError({ message: `cannot forecast ${input.project}: ${out.reason}` });
  return out;
}
