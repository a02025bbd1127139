/**
 * The EVM table per phase and the schedule deviation rate per phase and for the project.
 * A phase finishes when its gate first passes (a pass or warn verdict). It starts when work
 * on one of its items first shows (in-progress or done), else on its planned start. While
 * a phase or the project runs, its deviation is the forecast from earned schedule:
 * IEAC(t) = PD / SPI(t) against the planned duration PD, never below the elapsed lower bound
 * (elapsed − PD) / PD; both are in the row, with the basis of `deviationRate` named.
 */
import { PHASES } from '../policy/types.js';
import { deviationRate, earnedSchedule, evIndices, ieacT } from './formulas.js';
import { acAt, evAt, finishedAt, pvAt, pvCurve, type PlanContext } from './evm.js';
import { firstActive, firstGatePass } from './history.js';
import { DAY_MS, isoDay } from './time.js';
import type { Phase } from './types.js';

export interface PhaseRow {
  phase: Phase | 'project';
  /** Planned window: first and last day (YYYY-MM-DD). */
  plannedStart: string;
  plannedFinish: string;
  plannedDays: number;
  status: 'done' | 'running' | 'not-started';
  actualStart?: string;
  actualFinish?: string;
  /** Finished: the actual duration; running: the days elapsed since it started. */
  actualDays?: number;
  /**
   * Percent: finished, (actual − planned) / planned duration; running, the forecast
   * (IEAC(t) − planned) / planned, or the elapsed lower bound where that is higher; with
   * nothing earned yet (no forecast) the elapsed bound once it is ≥ 0, else absent.
   */
  deviationRate?: number;
  /** What `deviationRate` is: the actual duration, the earned-schedule forecast or the elapsed lower bound. */
  deviationBasis?: 'actual' | 'forecast' | 'elapsed';
  /** Running: (elapsed − planned) / planned, %; the deviation can be no less. */
  elapsedDeviationRate?: number;
  /** Running: (IEAC(t) − planned) / planned, %. */
  forecastDeviationRate?: number;
  /** Running: earned schedule (days from the planned start), SPI(t) and IEAC(t) = PD / SPI(t) in days. */
  es?: number;
  spiT?: number;
  ieacT?: number;
  budget: number;
  pv: number;
  ev: number;
  sv: number;
  spi?: number;
  ac?: number;
  cv?: number;
  cpi?: number;
}

interface Window {
  start: number;
  end: number;
}

type DurationColumns = Omit<PhaseRow, 'budget' | 'pv' | 'ev' | 'sv' | 'spi' | 'ac' | 'cv' | 'cpi'>;

/** Earned schedule of a running phase or project: ES in days from its planned start and AT. */
interface Schedule {
  es: number;
  at: number;
}

function durationRow(name: PhaseRow['phase'], w: Window, started: number | undefined, finished: number | undefined, asOf: number, sched?: Schedule): DurationColumns {
  const plannedDays = (w.end - w.start) / DAY_MS;
  const base = { phase: name, plannedStart: isoDay(w.start), plannedFinish: isoDay(w.end - DAY_MS), plannedDays };
  if (finished !== undefined) {
    const start = Math.min(started ?? w.start, finished);
    const actualDays = (finished - start) / DAY_MS;
    const d = deviationRate(actualDays, plannedDays);
    return { ...base, status: 'done' as const, actualStart: iso(start), actualFinish: iso(finished), actualDays, ...(d === undefined ? {} : { deviationRate: d, deviationBasis: 'actual' as const }) };
  }
  const start = started ?? (asOf >= w.start ? w.start : undefined);
  if (start === undefined) return { ...base, status: 'not-started' as const };
  const actualDays = Math.max(0, (asOf - start) / DAY_MS);
  const elapsed = deviationRate(actualDays, plannedDays);
  const spiT = sched && sched.at > 0 ? sched.es / sched.at : undefined;
  const ieac = ieacT(plannedDays, spiT);
  const forecast = ieac === undefined ? undefined : deviationRate(ieac, plannedDays);
  const out: DurationColumns = { ...base, status: 'running' as const, actualStart: iso(start), actualDays };
  if (sched && spiT !== undefined) Object.assign(out, { es: sched.es, spiT }, ieac === undefined ? {} : { ieacT: ieac });
  if (elapsed !== undefined) out.elapsedDeviationRate = elapsed;
  if (forecast !== undefined) out.forecastDeviationRate = forecast;
  if (forecast !== undefined && (elapsed === undefined || forecast >= elapsed)) Object.assign(out, { deviationRate: forecast, deviationBasis: 'forecast' as const });
  // Nothing earned yet (no forecast): the elapsed bound stands in only once it shows a delay.
  else if (elapsed !== undefined && (forecast !== undefined || elapsed >= 0)) Object.assign(out, { deviationRate: elapsed, deviationBasis: 'elapsed' as const });
  return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function valueColumns(ctx: PlanContext, asOf: number, phase?: Phase) {
  const budget = ctx.resolved.elements.reduce((s, el) => (phase && el.phase !== phase ? s : s + el.budget), 0);
  const ix = evIndices(pvAt(ctx, asOf, phase), evAt(ctx, asOf, phase), acAt(ctx, asOf, phase), budget);
  const { pv, ev, sv, spi, ac, cv, cpi } = ix;
  return Object.fromEntries(Object.entries({ budget, pv, ev, sv, spi, ac, cv, cpi }).filter(([, v]) => v !== undefined)) as Pick<PhaseRow, 'budget' | 'pv' | 'ev' | 'sv' | 'spi' | 'ac' | 'cv' | 'cpi'>;
}

/** When work on a phase's items first showed. */
function phaseActivity(ctx: PlanContext, phase: Phase, asOf: number): number | undefined {
  let first: number | undefined;
  for (const el of ctx.resolved.elements) {
    if (el.phase !== phase || el.itemId === undefined) continue;
    const tl = ctx.items.get(el.itemId);
    const t = tl ? firstActive(tl, asOf) : undefined;
    if (t !== undefined && (first === undefined || t < first)) first = t;
  }
  return first;
}

/** Earned schedule of a phase on its own PV curve, from its planned start; none for a phase that budgets nothing. */
function phaseSchedule(ctx: PlanContext, phase: Phase, w: Window, asOf: number): Schedule | undefined {
  const els = ctx.resolved.elements.filter((el) => el.phase === phase);
  if (els.length === 0 || !els.some((el) => el.budget > 0)) return undefined;
  const start = Math.min(w.start, ...els.map((el) => el.start));
  const end = Math.max(w.end, ...els.map((el) => el.end));
  return { es: earnedSchedule(pvCurve(els, start, end), evAt(ctx, asOf, phase)) - (w.start - start) / DAY_MS, at: (asOf - w.start) / DAY_MS };
}

/** One row per planned phase (in phase order), then the project row. */
export function phaseTable(ctx: PlanContext, asOf: number): PhaseRow[] {
  const rows: PhaseRow[] = [];
  const starts: number[] = [];
  for (const phase of PHASES) {
    const w = ctx.resolved.phaseWindows.get(phase);
    if (!w) continue;
    const row = durationRow(phase, w, phaseActivity(ctx, phase, asOf), firstGatePass(ctx.history.verdicts, phase, asOf)?.ms, asOf, phaseSchedule(ctx, phase, w, asOf));
    if (row.actualStart) starts.push(Date.parse(row.actualStart));
    rows.push({ ...row, ...valueColumns(ctx, asOf, phase) });
  }
  const project = { start: ctx.resolved.start, end: ctx.resolved.finish };
  const started = starts.length ? Math.min(...starts) : undefined;
  const sched = ctx.resolved.elements.length > 0 ? { es: earnedSchedule(pvCurve(ctx.resolved.elements, project.start, project.end), evAt(ctx, asOf)), at: (asOf - project.start) / DAY_MS } : undefined;
  rows.push({ ...durationRow('project', project, started, finishedAt(ctx, asOf), asOf, sched), ...valueColumns(ctx, asOf) });
  return rows;
}
