/**
 * The EVM table per phase and the schedule deviation rate per phase and for the project.
 * A phase finishes when its gate first passes (a pass or warn verdict). It starts when work
 * on one of its items first shows (in-progress or done), else on its planned start. While
 * a phase runs, its duration is taken as at least the planned one: max(elapsed, planned).
 */
import { PHASES } from '../policy/types.js';
import { deviationRate, evIndices } from './formulas.js';
import { acAt, evAt, finishedAt, pvAt, type PlanContext } from './evm.js';
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
  /** Finished: the actual duration; running: max(elapsed, planned), a lower bound. */
  actualDays?: number;
  /** Percent: (actual − planned duration) / planned duration. */
  deviationRate?: number;
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

function durationRow(name: PhaseRow['phase'], w: Window, started: number | undefined, finished: number | undefined, asOf: number): DurationColumns {
  const plannedDays = (w.end - w.start) / DAY_MS;
  const base = { phase: name, plannedStart: isoDay(w.start), plannedFinish: isoDay(w.end - DAY_MS), plannedDays };
  if (finished !== undefined) {
    const start = Math.min(started ?? w.start, finished);
    const actualDays = (finished - start) / DAY_MS;
    return { ...base, status: 'done' as const, actualStart: iso(start), actualFinish: iso(finished), actualDays, ...dev(actualDays, plannedDays) };
  }
  const start = started ?? (asOf >= w.start ? w.start : undefined);
  if (start === undefined) return { ...base, status: 'not-started' as const };
  const actualDays = Math.max((asOf - start) / DAY_MS, plannedDays);
  return { ...base, status: 'running' as const, actualStart: iso(start), actualDays, ...dev(actualDays, plannedDays) };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function dev(actual: number, planned: number): { deviationRate?: number } {
  const r = deviationRate(actual, planned);
  return r === undefined ? {} : { deviationRate: r };
}

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

/** One row per planned phase (in phase order), then the project row. */
export function phaseTable(ctx: PlanContext, asOf: number): PhaseRow[] {
  const rows: PhaseRow[] = [];
  const starts: number[] = [];
  for (const phase of PHASES) {
    const w = ctx.resolved.phaseWindows.get(phase);
    if (!w) continue;
    const row = durationRow(phase, w, phaseActivity(ctx, phase, asOf), firstGatePass(ctx.history.verdicts, phase, asOf)?.ms, asOf);
    if (row.actualStart) starts.push(Date.parse(row.actualStart));
    rows.push({ ...row, ...valueColumns(ctx, asOf, phase) });
  }
  const project = { start: ctx.resolved.start, end: ctx.resolved.finish };
  const started = starts.length ? Math.min(...starts) : undefined;
  rows.push({ ...durationRow('project', project, started, finishedAt(ctx, asOf), asOf), ...valueColumns(ctx, asOf) });
  return rows;
}
