/**
 * Back-test of the forecast: cut the history at past dates, forecast the work open at each
 * cut from what was known then, and score the forecast against when that work was really all
 * done. Work added after a cut is not part of its scope, so the back-test scores the method,
 * not scope growth.
 *
 * Scoring with censoring (docs/metrics.md, "Back-test"): the history ends at asOf, so the
 * scope of a cut may still be open then (its finish is censored: later than asOf, by an
 * unknown amount). A percentile date is scored once it has passed — its day ended by asOf —
 * because then the outcome is known whether or not the work finished: a hit when all the
 * scope was done by the end of that day, a miss when some was still open. A date not yet
 * reached is not scored, even when the work already finished: scoring only those would count
 * the early finishes and leave out the late ones. The P50 error (P50 − actual finish, in days)
 * is taken over the same cuts as the P50 hit rate; a censored cut counts at its bound (the
 * finish taken as the status date), so the mean is then an upper bound, and says so.
 */
import type { HistoryRecord, WorkItemRecord } from '../store/records.js';
import { forecastFrom, forecastUnit, remainingWork, type ForecastResult, type ForecastUnit } from './forecast.js';
import { doneSince, partition, stateAt, timelines, type At } from './history.js';
import { DAY_MS, isoDay, dayStart, dayEnd } from './time.js';
import type { Plan } from './types.js';
import { maxOf, minOf } from '../io/array.js';

export interface BacktestInput {
  project: string;
  asOf: Date;
  records: readonly HistoryRecord[];
  /** Planned items are part of a cut's scope until done, sized by the plan's weights (as in the forecast). */
  plan?: Plan;
  /** Cut dates; default every `stepDays` from four weeks after the first work item to asOf (the last 52). */
  cuts?: Date[];
  stepDays?: number;
  trials?: number;
  seed?: number;
  throughputWeeks?: number;
}

export interface BacktestPoint {
  cut: string;
  /** Work open at the cut, in the result's unit. */
  remaining: number;
  p50?: string;
  p85?: string;
  p95?: string;
  /** Why there was no forecast at this cut. */
  reason?: string;
  /** When the work open at the cut was all done (YYYY-MM-DD); absent while some is still open at asOf. */
  actual?: string;
  /** Some of the cut's work was still open at asOf: its finish is censored (after asOf). */
  censored?: boolean;
  /** P50 − actual finish, in days (positive: the forecast was pessimistic); with `censored`, an upper bound (the finish taken as asOf's day). */
  errorDays?: number;
  /** Hit (true) or miss (false) of each percentile date; absent while that date has not passed by asOf. */
  withinP50?: boolean;
  withinP85?: boolean;
  withinP95?: boolean;
}

export interface BacktestResult {
  asOf: string;
  unit: ForecastUnit;
  points: BacktestPoint[];
  /** Cuts with a forecast. */
  forecasts: number;
  /** Cuts whose work was still open at asOf. */
  censored: number;
  /** Cuts scored for each percentile: the date had passed by asOf. */
  scored: { p50: number; p85: number; p95: number };
  /** Percent of the scored cuts whose work was all done by the end of the P50 / P85 / P95 date. */
  p50HitRate?: number;
  p85HitRate?: number;
  p95HitRate?: number;
  /** Mean P50 − actual finish in days over the P50-scored cuts (positive: pessimistic). */
  meanErrorDays?: number;
  /** Mean |P50 − actual finish| in days over the same cuts. */
  meanAbsErrorDays?: number;
  /**
   * `exact`, or `bound` when some scored cuts are censored: then the true mean error is at
   * most meanErrorDays (forecasts at least that optimistic) and the mean |error| at least
   * meanAbsErrorDays.
   */
  errorIs?: 'exact' | 'bound';
}

const MAX_CUTS = 52;

function defaultCuts(first: number, asOf: number, stepDays: number): number[] {
  const cuts: number[] = [];
  for (let t = first + 28 * DAY_MS; t < asOf; t += stepDays * DAY_MS) cuts.push(t);
  return cuts.slice(-MAX_CUTS);
}

/** Hit or miss of the work finishing (at `actual`, or after asOf) by the end of `date`; undefined while that day has not ended. */
function within(date: string, actual: number | undefined, asOf: number): boolean | undefined {
  const end = dayEnd(date);
  if (end > asOf) return undefined;
  return actual !== undefined && actual < end;
}

function point(f: ForecastResult | { reason: string }, cut: number, remaining: number, actual: number | undefined, asOf: number): BacktestPoint {
  const p: BacktestPoint = { cut: new Date(cut).toISOString(), remaining };
  if ('reason' in f) return { ...p, reason: f.reason };
  Object.assign(p, { p50: f.p50, p85: f.p85, p95: f.p95 });
  if (actual !== undefined) p.actual = isoDay(actual);
  else p.censored = true;
  p.errorDays = (dayStart(f.p50) - dayStart(p.actual ?? isoDay(asOf))) / DAY_MS;
  const hits = { withinP50: within(f.p50, actual, asOf), withinP85: within(f.p85, actual, asOf), withinP95: within(f.p95, actual, asOf) };
  for (const [k, v] of Object.entries(hits)) if (v !== undefined) Object.assign(p, { [k]: v });
  return p;
}

/** The ids of the work open at `cut`: recorded by then and not done, or planned and not done. */
function scopeAt(items: Map<string, At<WorkItemRecord>[]>, planned: ReadonlySet<string>, cut: number): string[] {
  const open: string[] = [];
  for (const id of new Set([...items.keys(), ...planned])) {
    const tl = items.get(id);
    const s = tl && stateAt(tl, cut);
    if (s ? s.r.state !== 'done' : planned.has(id)) open.push(id);
  }
  return open;
}

/** Forecasts from each cut and scores them against what happened. */
export function backtest(input: BacktestInput): BacktestResult {
  const asOf = input.asOf.getTime();
  const items = timelines(partition(input.records, input.project, asOf).workItems);
  const planned = new Set((input.plan?.workItems ?? []).map((w) => w.id));
  const first = minOf([...items.values()].map((tl) => tl[0]!.ms));
  const cuts = input.cuts?.map((d) => d.getTime()) ?? (items.size ? defaultCuts(first, asOf, input.stepDays ?? 7) : []);
  const points: BacktestPoint[] = [];
  for (const cut of cuts) {
    const open = scopeAt(items, planned, cut);
    if (open.length === 0) continue;
    const finishes = open.map((id) => {
      const tl = items.get(id);
      return tl && doneSince(tl, asOf);
    });
    const actual = finishes.every((x) => x !== undefined) ? maxOf(finishes as number[]) : undefined;
    const remaining = remainingWork(items, cut, input.plan);
    const f = forecastFrom(items, cut, { plan: input.plan, remaining, trials: input.trials, seed: input.seed, throughputWeeks: input.throughputWeeks });
    points.push(point(f, cut, remaining, actual, asOf));
  }
  return summarize(points, asOf, forecastUnit(items, input.plan));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rate = (scored: BacktestPoint[], key: 'withinP50' | 'withinP85' | 'withinP95') => (scored.filter((p) => p[key]).length * 100) / scored.length;

function summarize(points: BacktestPoint[], asOf: number, unit: ForecastUnit): BacktestResult {
  const withForecast = points.filter((p) => p.p50 !== undefined);
  const by = (key: 'withinP50' | 'withinP85' | 'withinP95') => withForecast.filter((p) => p[key] !== undefined);
  const [s50, s85, s95] = [by('withinP50'), by('withinP85'), by('withinP95')];
  const result: BacktestResult = {
    asOf: new Date(asOf).toISOString(), unit, points,
    forecasts: withForecast.length,
    censored: withForecast.filter((p) => p.censored).length,
    scored: { p50: s50.length, p85: s85.length, p95: s95.length },
  };
  if (s50.length) {
    result.p50HitRate = rate(s50, 'withinP50');
    result.meanErrorDays = mean(s50.map((p) => p.errorDays!));
    result.meanAbsErrorDays = mean(s50.map((p) => Math.abs(p.errorDays!)));
    result.errorIs = s50.some((p) => p.censored) ? 'bound' : 'exact';
  }
  if (s85.length) result.p85HitRate = rate(s85, 'withinP85');
  if (s95.length) result.p95HitRate = rate(s95, 'withinP95');
  return result;
}
