/**
 * Earned value over time from a plan and the history. PV accrues linearly over each
 * element's planned window by its budget; an element earns by its method (0/100 by default:
 * its whole budget once done — a work item whose latest state is `done`, a budgeted phase
 * without work items once its gate passed; or 50/50, percent complete, weighted milestones); AC accrues the way PV does: each booking linearly over its period (a
 * month over its days, a dated booking over its day) up to the status date, so CPI and EAC do
 * not jump at month boundaries.
 */
import { PhasegateError } from '../errors.js';
import { PHASES } from '../policy/types.js';
import type { WorkItemRecord } from '../store/records.js';
import { costForecasts, earnedSchedule, evIndices, ieacT, overrunRate, scheduleIndicators, type CostForecasts, type EvIndices } from './formulas.js';
import { doneSince, firstActive, firstGatePass, timelines, type At, type History } from './history.js';
import { resolvePlan, type Element, type ResolvedPlan } from './plan-model.js';
import { bookingWindow, DAY_MS } from './time.js';
import type { Phase, Plan } from './types.js';

/** A plan resolved against the history, ready to be read at any status date. */
export interface PlanContext {
  plan: Plan;
  resolved: ResolvedPlan;
  items: Map<string, At<WorkItemRecord>[]>;
  history: History;
  bac: number;
  /** The plan's cost bookings with the window each accrues over. */
  bookings: Booking[];
}

/** A cost booking accruing linearly over [start, end). */
export interface Booking {
  start: number;
  end: number;
  cost: number;
  phase?: Phase;
}

/** Resolves the plan; a plan with problems (only possible when built in code) is a user error. */
export function planContext(plan: Plan, history: History, items: Map<string, At<WorkItemRecord>[]> = timelines(history.workItems)): PlanContext {
  const resolved = resolvePlan(plan);
  if (resolved.problems.length > 0) {
    throw new PhasegateError(resolved.problems.map((p) => ({ file: plan.file, message: `${p.path.join('.')}: ${p.message}` })));
  }
  const bookings = (plan.actuals ?? []).map((a) => {
    const w = bookingWindow(a.period)!; // resolvePlan reported any period that does not parse
    return { ...w, cost: a.cost, ...(a.phase ? { phase: a.phase } : {}) };
  });
  return { plan, resolved, items, history, bac: plan.budget, bookings };
}

/** When the element was done at `t` (undefined while it is not). */
export function elementDone(ctx: PlanContext, el: Element, t: number): number | undefined {
  if (el.itemId !== undefined) {
    const tl = ctx.items.get(el.itemId);
    return tl ? doneSince(tl, t) : undefined;
  }
  return el.phase ? firstGatePass(ctx.history.verdicts, el.phase, t)?.ms : undefined;
}

const accrued = (el: Element, t: number): number => el.budget * Math.min(1, Math.max(0, (t - el.start) / (el.end - el.start)));

/** Planned value at `t` of the elements of `phase` (or of all). */
export function pvAt(ctx: PlanContext, t: number, phase?: Phase): number {
  return ctx.resolved.elements.reduce((s, el) => (phase && el.phase !== phase ? s : s + accrued(el, t)), 0);
}

/** Whether the work item `id` is done at `t` (a milestone reached). */
const itemDone = (ctx: PlanContext, id: string, t: number): boolean => {
  const tl = ctx.items.get(id);
  return tl !== undefined && doneSince(tl, t) !== undefined;
};

/** The latest percentComplete a work item's records give at `t` (0 without one). */
function percentAt(ctx: PlanContext, id: string, t: number): number {
  const tl = ctx.items.get(id) ?? [];
  for (let i = tl.length - 1; i >= 0; i--) {
    const x = tl[i]!;
    if (x.ms > t || x.r.percentComplete === undefined) continue;
    const p = x.r.percentComplete;
    if (!(p >= 0 && p <= 100)) {
      throw new PhasegateError({ message: `work item record ${x.r.id} of ${id}: percentComplete ${p} is outside 0 to 100; record the item again with --percent between 0 and 100` });
    }
    return p;
  }
  return 0;
}

/**
 * The share of its budget an element has earned at `t` by its method: 0/100 all once done;
 * 50/50 half once started (in progress or done) and all once done; percent the latest
 * percentComplete of its records (all once done); milestones the weights of its milestones
 * reached over their total.
 */
export function earnedShare(ctx: PlanContext, el: Element, t: number): number {
  if (el.method === 'milestones' && el.milestones) {
    const total = el.milestones.reduce((s, m) => s + m.weight, 0);
    const reached = el.milestones.reduce((s, m) => (itemDone(ctx, m.id, t) ? s + m.weight : s), 0);
    return elementDone(ctx, el, t) !== undefined ? 1 : total > 0 ? reached / total : 0;
  }
  if (elementDone(ctx, el, t) !== undefined) return 1;
  if (el.itemId === undefined) return 0;
  if (el.method === '50/50') {
    const tl = ctx.items.get(el.itemId);
    return tl && firstActive(tl, t) !== undefined ? 0.5 : 0;
  }
  if (el.method === 'percent') return percentAt(ctx, el.itemId, t) / 100;
  return 0;
}

/** Earned value at `t` of the elements of `phase` (or of all). */
export function evAt(ctx: PlanContext, t: number, phase?: Phase): number {
  let sum = 0;
  for (const el of ctx.resolved.elements) if (!(phase && el.phase !== phase) && el.budget > 0) sum += el.budget * earnedShare(ctx, el, t);
  return sum;
}

/** Actual cost accrued by `t` (of `phase` when given): each booking spread linearly over its period; undefined when the plan books none. */
export function acAt(ctx: PlanContext, t: number, phase?: Phase): number | undefined {
  const bookings = phase ? ctx.bookings.filter((b) => b.phase === phase) : ctx.bookings;
  if (bookings.length === 0) return undefined;
  let sum = 0;
  for (const b of bookings) sum += t >= b.end ? b.cost : t <= b.start ? 0 : (b.cost * (t - b.start)) / (b.end - b.start);
  return sum;
}

/** The cumulative PV at the end of each planned day, for earned schedule in days. */
export function dailyPv(ctx: PlanContext): number[] {
  return pvCurve(ctx.resolved.elements, ctx.resolved.start, ctx.resolved.finish);
}

/** The cumulative PV of `elements` at the end of each day from `start` to `finish` (day-aligned ms). */
export function pvCurve(elements: readonly Element[], start: number, finish: number): number[] {
  const days = Math.max(0, Math.round((finish - start) / DAY_MS));
  const slope = new Float64Array(days + 1);
  let pv = 0;
  for (const el of elements) {
    const s = Math.round((el.start - start) / DAY_MS);
    const e = Math.round((el.end - start) / DAY_MS);
    if (e <= 0) {
      pv += el.budget; // wholly before the curve starts
      continue;
    }
    const perDay = el.budget / (e - s);
    const from = Math.max(0, s);
    if (s < 0) pv += perDay * -s;
    if (from < days) {
      slope[from] = slope[from]! + perDay;
      slope[Math.min(e, days)] = slope[Math.min(e, days)]! - perDay;
    }
  }
  const out: number[] = [];
  let rate = 0;
  for (let d = 0; d < days; d++) {
    rate += slope[d]!;
    pv += rate;
    out.push(pv);
  }
  return out;
}

/** When the project finished by `t`: the gate of its last planned phase (normally release) passed, or every element was done. */
export function finishedAt(ctx: PlanContext, t: number): number | undefined {
  const lastPhase = PHASES.filter((p) => ctx.resolved.phaseWindows.has(p)).at(-1) ?? 'release';
  const gate = firstGatePass(ctx.history.verdicts, lastPhase, t)?.ms;
  if (gate !== undefined) return gate;
  const els = ctx.resolved.elements;
  if (els.length === 0) return undefined;
  let last = -Infinity;
  for (const el of els) {
    const done = elementDone(ctx, el, t);
    if (done === undefined) return undefined;
    last = Math.max(last, done);
  }
  return last;
}

/** Earned value, earned schedule and cost overrun at the status date `t`. */
export interface EvmStatus extends EvIndices {
  /** Earned schedule and actual time, days from the planned start; SV(t) in days. */
  es: number;
  at: number;
  svT: number;
  spiT?: number;
  finished: boolean;
  /** Percent. */
  overrunRate?: number;
  /** EAC variants, ETC and TCPI (formulas.costForecasts). */
  forecasts: CostForecasts;
  /** Planned duration PD in days and IEAC(t) = PD / SPI(t) in days. */
  plannedDays: number;
  ieacT?: number;
}

/** The project's EVM status at `t`; `pvDays` is dailyPv(ctx), passed in to compute it once. */
export function evmStatus(ctx: PlanContext, t: number, pvDays: readonly number[]): EvmStatus {
  const end = finishedAt(ctx, t);
  const ix = evIndices(pvAt(ctx, t), evAt(ctx, t), acAt(ctx, t), ctx.bac);
  // Actual time stops when the project finishes (Lipke): a finished project's SPI(t) stays put.
  const at = Math.max(0, ((end ?? t) - ctx.resolved.start) / DAY_MS);
  const st = scheduleIndicators(earnedSchedule(pvDays, ix.ev), at);
  const overrun = overrunRate(end !== undefined, ix);
  const plannedDays = (ctx.resolved.finish - ctx.resolved.start) / DAY_MS;
  const ieac = ieacT(plannedDays, st.spiT);
  return { ...ix, ...st, finished: end !== undefined, ...(overrun === undefined ? {} : { overrunRate: overrun }), forecasts: costForecasts(ix), plannedDays, ...(ieac === undefined ? {} : { ieacT: ieac }) };
}
