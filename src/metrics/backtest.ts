/**
 * Back-test of the forecast: cut the history at past dates, forecast the work open at each
 * cut from the throughput known then, and compare with when that work really finished (the
 * last of those items to be done, by asOf). Work added after a cut is not part of its scope.
 */
import type { HistoryRecord } from '../store/records.js';
import { forecastFrom, remainingWork, type ForecastResult } from './forecast.js';
import { doneSince, partition, stateAt, timelines } from './history.js';
import { DAY_MS, isoDay, dayStart } from './time.js';
import { maxOf, minOf } from '../io/array.js';

export interface BacktestInput {
  project: string;
  asOf: Date;
  records: readonly HistoryRecord[];
  /** Cut dates; default every `stepDays` from four weeks after the first work item to asOf (the last 52). */
  cuts?: Date[];
  stepDays?: number;
  trials?: number;
  seed?: number;
  throughputWeeks?: number;
}

export interface BacktestPoint {
  cut: string;
  remaining: number;
  p50?: string;
  p85?: string;
  p95?: string;
  /** Why there was no forecast at this cut. */
  reason?: string;
  /** When the work open at the cut was all done (YYYY-MM-DD); absent while some is still open. */
  actual?: string;
  /** P50 − actual, in days (positive: the forecast was late). */
  errorDays?: number;
  withinP85?: boolean;
  withinP95?: boolean;
}

export interface BacktestResult {
  points: BacktestPoint[];
  /** Cuts with both a forecast and an actual finish. */
  evaluated: number;
  meanAbsErrorDays?: number;
  /** Mean signed error: positive when forecasts were pessimistic. */
  meanErrorDays?: number;
  /** Percent of actual finishes on or before P85 / P95. */
  p85HitRate?: number;
  p95HitRate?: number;
}

const MAX_CUTS = 52;

function defaultCuts(first: number, asOf: number, stepDays: number): number[] {
  const cuts: number[] = [];
  for (let t = first + 28 * DAY_MS; t < asOf; t += stepDays * DAY_MS) cuts.push(t);
  return cuts.slice(-MAX_CUTS);
}

function point(f: ForecastResult | { reason: string }, cut: number, remaining: number, actual: number | undefined): BacktestPoint {
  const p: BacktestPoint = { cut: new Date(cut).toISOString(), remaining };
  if ('reason' in f) return { ...p, reason: f.reason };
  Object.assign(p, { p50: f.p50, p85: f.p85, p95: f.p95 });
  if (actual === undefined) return p;
  const day = isoDay(actual);
  return { ...p, actual: day, errorDays: (dayStart(f.p50) - dayStart(day)) / DAY_MS, withinP85: day <= f.p85, withinP95: day <= f.p95 };
}

/** Forecasts from each cut and scores them against what happened. */
export function backtest(input: BacktestInput): BacktestResult {
  const asOf = input.asOf.getTime();
  const items = timelines(partition(input.records, input.project, asOf).workItems);
  const first = minOf([...items.values()].map((tl) => tl[0]!.ms));
  const cuts = input.cuts?.map((d) => d.getTime()) ?? (items.size ? defaultCuts(first, asOf, input.stepDays ?? 7) : []);
  const points: BacktestPoint[] = [];
  for (const cut of cuts) {
    const open = [...items.values()].filter((tl) => {
      const s = stateAt(tl, cut);
      return s !== undefined && s.r.state !== 'done';
    });
    if (open.length === 0) continue;
    const finishes = open.map((tl) => doneSince(tl, asOf));
    const actual = finishes.every((x) => x !== undefined) ? maxOf(finishes as number[]) : undefined;
    const remaining = remainingWork(items, cut);
    const f = forecastFrom(items, cut, { remaining, trials: input.trials, seed: input.seed, throughputWeeks: input.throughputWeeks });
    points.push(point(f, cut, remaining, actual));
  }
  return summarize(points);
}

function summarize(points: BacktestPoint[]): BacktestResult {
  const scored = points.filter((p) => p.errorDays !== undefined);
  const result: BacktestResult = { points, evaluated: scored.length };
  if (scored.length === 0) return result;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  result.meanAbsErrorDays = mean(scored.map((p) => Math.abs(p.errorDays!)));
  result.meanErrorDays = mean(scored.map((p) => p.errorDays!));
  result.p85HitRate = (scored.filter((p) => p.withinP85).length / scored.length) * 100;
  result.p95HitRate = (scored.filter((p) => p.withinP95).length / scored.length) * 100;
  return result;
}
