/**
 * Finish-date forecasts from the throughput of done work items (DOMAIN.md §4): the weekly
 * throughput of the last weeks before the status date, sampled by Monte Carlo (seeded, so
 * reproducible) until the remaining work is covered.
 *
 * One unit for both: an item's size is its latest record's `weight`, else the plan's, else 1.
 * When a plan item or a record gives a weight the unit is `weight`, otherwise `items` (every
 * size is 1); the result says which.
 */
import { PhasegateError } from '../errors.js';
import type { HistoryRecord, WorkItemRecord } from '../store/records.js';
import { doneSince, partition, stateAt, timelines, type At } from './history.js';
import { MAX_WEEKS, percentileWeeks, shareBefore, simulate } from './simulate.js';
import { dayEnd, isoDay, DAY_MS, WEEK_MS } from './time.js';
import type { Plan } from './types.js';

export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_THROUGHPUT_WEEKS = 12;

/** What remaining work and throughput are counted in. */
export type ForecastUnit = 'weight' | 'items';

export interface ForecastInput {
  project: string;
  asOf: Date;
  records: readonly HistoryRecord[];
  /** Planned items count as remaining work until done (at their plan weight), and the plan's due date is used. */
  plan?: Plan;
  /** Remaining work, in the forecast's unit; default: every recorded or planned item not done at asOf. */
  remaining?: number;
  /** YYYY-MM-DD; default plan.due. */
  due?: string;
  trials?: number;
  seed?: number;
  throughputWeeks?: number;
}

export interface ForecastResult {
  asOf: string;
  /** The unit of `remaining` and `throughput`. */
  unit: ForecastUnit;
  remaining: number;
  /** Work done in each of the last weeks before asOf (in `unit`), oldest week first. */
  throughput: number[];
  /** Part of each of those weeks that the history covers (1, or less for the oldest when the first record falls inside it). */
  coverage: number[];
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
  /**
   * Percent of the trials whose finish date is on or before the due date — the same dates
   * the percentiles are read from, so P85 ≤ due exactly when this is ≥ 85. Absent when there
   * is no due date or no work left (then `finished` says when it was done).
   */
  onTimeProbability?: number;
  /** When no work is left: the day the last item was done (YYYY-MM-DD). */
  finished?: string;
}

type Timelines = Map<string, At<WorkItemRecord>[]>;

/** Sizes the plan gives, by item id. */
function plannedWeights(plan?: Plan): Map<string, number | undefined> {
  return new Map((plan?.workItems ?? []).map((w) => [w.id, w.weight]));
}

/** Size of an item: its latest record's weight, else the plan's, else 1. */
function weightOf(tl: readonly At<WorkItemRecord>[] | undefined, planned: number | undefined, t: number): number {
  return (tl && stateAt(tl, t)?.r.weight) ?? planned ?? 1;
}

/** `weight` when the plan or a record gives any item a weight, else `items`. */
export function forecastUnit(items: Timelines, plan?: Plan): ForecastUnit {
  if (plan?.workItems?.some((w) => w.weight !== undefined)) return 'weight';
  for (const tl of items.values()) if (tl.some((x) => x.r.weight !== undefined)) return 'weight';
  return 'items';
}

/** Work not done at `t`: items recorded by then, plus planned items, not done. */
export function remainingWork(items: Timelines, t: number, plan?: Plan): number {
  const planned = plannedWeights(plan);
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

export interface Throughput {
  /** Work done in each week (oldest first). */
  samples: number[];
  /** Part of each week after the first record (0 < c ≤ 1). */
  coverage: number[];
}

/**
 * Work done (sized as in remainingWork) in each of the last `weeks` weeks before `t`, oldest
 * first, counted back from `t`, not before the first record: the oldest week may be covered
 * only in part (at least a day), and says so in `coverage` rather than counting as a whole
 * week of nothing.
 */
export function weeklyThroughput(items: Timelines, t: number, weeks: number, plan?: Plan): Throughput {
  const planned = plannedWeights(plan);
  let first = Infinity;
  for (const tl of items.values()) if (tl[0]!.ms <= t) first = Math.min(first, tl[0]!.ms);
  const span = t - first;
  const n = Math.max(1, Math.min(weeks, Math.ceil(span / WEEK_MS)));
  const samples = new Array<number>(n).fill(0);
  const coverage = new Array<number>(n).fill(1);
  // The oldest week is [t − n weeks, t − (n − 1) weeks); the history starts at `first`. It
  // counts at least one day, so that a history of minutes is not extrapolated to a week.
  if (Number.isFinite(span) && span < n * WEEK_MS) coverage[0] = Math.max(DAY_MS, span - (n - 1) * WEEK_MS) / WEEK_MS;
  for (const [id, tl] of items) {
    const done = doneSince(tl, t);
    if (done === undefined) continue;
    const k = Math.floor((t - done) / WEEK_MS);
    if (k < n) samples[n - 1 - k]! += weightOf(tl, planned.get(id), t);
  }
  return { samples, coverage };
}

/** The day a trial of `weeks` weeks from `asOf` finishes: the percentiles and the on-time share both use it. */
export const finishDay = (asOf: number, weeks: number): string => isoDay(asOf + weeks * WEEK_MS);

type Options = Omit<ForecastInput, 'project' | 'asOf' | 'records'>;

/** The forecast from prepared timelines, or why there is none. */
export function forecastFrom(items: Timelines, asOf: number, opts: Options): ForecastResult | { reason: string } {
  if (items.size === 0 && !opts.plan?.workItems?.length && opts.remaining === undefined) return { reason: 'no work items recorded or planned' };
  const unit = forecastUnit(items, opts.plan);
  const remaining = opts.remaining ?? remainingWork(items, asOf, opts.plan);
  const tp = items.size > 0 ? weeklyThroughput(items, asOf, opts.throughputWeeks ?? DEFAULT_THROUGHPUT_WEEKS, opts.plan) : { samples: [], coverage: [] };
  if (remaining > 0 && !tp.samples.some((x) => x > 0)) {
    return { reason: items.size === 0 ? 'no work item recorded: no throughput to forecast from' : `no work item was done in the last ${tp.samples.length} week(s): no throughput to forecast from` };
  }
  if (remaining <= 0) return finished(items, asOf, unit, tp, opts);
  const trials = opts.trials ?? DEFAULT_TRIALS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const sim = simulate(tp.samples, remaining, trials, seed, tp.coverage);
  const weeks = { p50: percentileWeeks(sim, 50), p85: percentileWeeks(sim, 85), p95: percentileWeeks(sim, 95) };
  const date = (w: number) => finishDay(asOf, w);
  const result: ForecastResult = {
    asOf: new Date(asOf).toISOString(), unit, remaining, throughput: tp.samples, coverage: tp.coverage, trials, seed, weeks,
    p50: date(weeks.p50), p85: date(weeks.p85), p95: date(weeks.p95), capped: sim.capped,
  };
  const due = opts.due ?? opts.plan?.due;
  if (due) {
    result.due = due;
    // finishDay(asOf, k) ≤ due ⇔ asOf + k weeks < the end of the due date.
    result.onTimeProbability = shareBefore(sim, Math.min(MAX_WEEKS, (dayEnd(due) - asOf) / WEEK_MS));
  }
  return result;
}

/** Work that is all done: no trials, the finish is when the last item was done, the on-time chance is not measured. */
function finished(items: Timelines, asOf: number, unit: ForecastUnit, tp: Throughput, opts: Options): ForecastResult {
  let end = -Infinity;
  for (const tl of items.values()) end = Math.max(end, doneSince(tl, asOf) ?? -Infinity);
  const day = isoDay(Number.isFinite(end) ? end : asOf);
  const result: ForecastResult = {
    asOf: new Date(asOf).toISOString(), unit, remaining: 0, throughput: tp.samples, coverage: tp.coverage, trials: 0, seed: opts.seed ?? DEFAULT_SEED,
    weeks: { p50: 0, p85: 0, p95: 0 }, p50: day, p85: day, p95: day, capped: 0, finished: day,
  };
  const due = opts.due ?? opts.plan?.due;
  if (due) result.due = due;
  return result;
}

/** Why `forecast.onTimeProbability` is absent from a forecast (undefined when it is present). */
export function onTimeAbsence(f: ForecastResult): string | undefined {
  if (f.onTimeProbability !== undefined) return undefined;
  if (f.finished !== undefined) {
    if (!f.due) return `all work was done on ${f.finished}: nothing left to forecast`;
    const late = Math.round((Date.parse(f.finished) - Date.parse(f.due)) / DAY_MS);
    const vs = late > 0 ? `${late} day(s) after` : late < 0 ? `${-late} day(s) before` : 'on';
    return `all work was done on ${f.finished}, ${vs} the due date ${f.due}: nothing left to forecast`;
  }
  return 'no due date: give a plan with a due date, or --due';
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
