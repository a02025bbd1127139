/**
 * From a plan to its budgeted elements: every work item (and every budgeted phase without work
 * items) with a planned window and a budget. Items without a budget share what their phase's
 * budget (or, outside budgeted phases, the project's BAC) leaves, in proportion to their
 * weight. The elements' budgets add up to BAC exactly, or the plan is reported as wrong.
 */
import { PHASES } from '../policy/types.js';
import { bookingWindow, dayEnd, dayStart, isoDay } from './time.js';
import type { EvMethod, Phase, Plan, PlanMilestone, PlanWorkItem } from './types.js';
import { maxOf, minOf, pushAll } from '../io/array.js';

/** One budgeted piece of planned work; PV accrues linearly over [start, end). */
export interface Element {
  /** The work item id, or `phase:<name>` for a budgeted phase without work items. */
  key: string;
  itemId?: string;
  phase?: Phase;
  start: number;
  end: number;
  budget: number;
  /** How it earns its budget; milestones when `method` is `milestones`. */
  method: EvMethod;
  milestones?: PlanMilestone[];
}

/** A problem with the plan, at a path of the plan file (e.g. `['phases', 'design', 'finish']`). */
export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

export interface ResolvedPlan {
  elements: Element[];
  /** Planned start and finish of the whole project (ms); finish is the end of its last day. */
  start: number;
  finish: number;
  /** Planned windows of the phases the plan names or its work items belong to. */
  phaseWindows: Map<Phase, { start: number; end: number }>;
  problems: PlanProblem[];
}

/** Budgets are money: sums that differ by less than half a cent are equal. */
const CENT = 0.005;

function checkWindow(start: string, finish: string, path: (string | number)[], what: string, problems: PlanProblem[]): boolean {
  if (dayStart(finish) >= dayStart(start)) return true;
  problems.push({ path: [...path, 'finish'], message: `finish ${finish} is before start ${start} of ${what}; a window ends on or after the day it starts` });
  return false;
}

function itemWindow(item: PlanWorkItem, i: number, plan: Plan, problems: PlanProblem[]): { start: number; end: number } | undefined {
  const phase = item.phase ? plan.phases?.[item.phase] : undefined;
  const start = item.start ?? phase?.start;
  const finish = item.finish ?? phase?.finish;
  if (!start || !finish) {
    const why = item.phase ? `its phase "${item.phase}" is not planned under phases` : 'it belongs to no phase';
    problems.push({ path: ['workItems', i], message: `work item "${item.id}" needs start and finish: ${why}` });
    return undefined;
  }
  // A window inherited whole from its phase was already checked there.
  const inherited = item.start === undefined && item.finish === undefined;
  if (inherited ? dayStart(finish) < dayStart(start) : !checkWindow(start, finish, ['workItems', i], `work item "${item.id}"`, problems)) return undefined;
  return { start: dayStart(start), end: dayEnd(finish) };
}

type Planned = Array<{ item: PlanWorkItem; el: Element }>;

/** The earning method of a work item: its own, else its phase's, else 0/100; milestones need a list. */
function itemMethod(item: PlanWorkItem, i: number, plan: Plan, problems: PlanProblem[]): Pick<Element, 'method' | 'milestones'> {
  const phase = item.phase ? plan.phases?.[item.phase] : undefined;
  const milestones = item.milestones ?? (item.ev === undefined ? phase?.milestones : undefined);
  const method = item.ev ?? (item.milestones ? 'milestones' : phase?.ev) ?? '0/100';
  if (method === 'milestones' && !milestones) {
    problems.push({ path: ['workItems', i, 'ev'], message: `work item "${item.id}" earns by milestones but lists none; add milestones: [{ id, weight }] or choose 0/100, 50/50 or percent` });
    return { method: '0/100' };
  }
  return method === 'milestones' ? { method, milestones: milestones! } : { method };
}

/** The earning method of a budgeted phase without work items: 0/100 on its gate, or milestones. */
function phaseMethod(p: NonNullable<Plan['phases']>[Phase], phase: Phase, problems: PlanProblem[]): Pick<Element, 'method' | 'milestones'> {
  const method = p?.ev ?? (p?.milestones ? 'milestones' : '0/100');
  if (method === '50/50' || method === 'percent') {
    problems.push({ path: ['phases', phase, 'ev'], message: `phase ${phase} has no work items, so it cannot earn by ${method}; it earns on its gate (0/100) or by milestones — list its work items or change ev` });
    return { method: '0/100' };
  }
  if (method === 'milestones') {
    if (p?.milestones) return { method, milestones: p.milestones };
    problems.push({ path: ['phases', phase, 'ev'], message: `phase ${phase} earns by milestones but lists none; add milestones: [{ id, weight }] or use 0/100` });
  }
  return { method: '0/100' };
}

/**
 * Work items of one pool that give both a budget and a weight must agree: the same budget per
 * unit of weight, else the plan says two different things about their size.
 */
function checkProportions(items: Planned, problems: PlanProblem[], index: Map<PlanWorkItem, number>): void {
  const both = items.filter((x) => x.item.budget !== undefined && x.item.weight !== undefined);
  const first = both[0];
  if (!first) return;
  const rate = first.item.budget! / first.item.weight!;
  for (const x of both.slice(1)) {
    const expected = rate * x.item.weight!;
    if (Math.abs(x.item.budget! - expected) > CENT) {
      problems.push({
        path: ['workItems', index.get(x.item)!, 'budget'],
        message: `work item "${x.item.id}" has budget ${round(x.item.budget!)} for weight ${round(x.item.weight!)}, but "${first.item.id}" has ${round(first.item.budget!)} for weight ${round(first.item.weight!)}: budgets and weights disagree; make the budget ${round(expected)} or drop one of budget and weight`,
      });
    }
  }
}

/** Who owns a pool of budget, for messages: the phase's or the project's. */
interface Owner {
  path: (string | number)[];
  /** `the budget of phase design (100)` / `budget (BAC) 1000`. */
  name: string;
  /** `its work items' budgets` / `the phase and work-item budgets below it`. */
  below: string;
}

/** Shares `pool` (budget less the explicit budgets below it) among the weighted items; reports a pool overdrawn or left over. */
function share(items: Planned, pool: number, owner: Owner, problems: PlanProblem[], complete: boolean): void {
  const weighted = items.filter((x) => x.item.budget === undefined);
  const weight = weighted.reduce((s, x) => s + (x.item.weight ?? 1), 0);
  if (pool < -CENT) {
    problems.push({ path: owner.path, message: `${owner.name} is ${round(-pool)} less than ${owner.below}; raise it or lower theirs` });
  } else if (weight === 0 && pool > CENT && complete) {
    problems.push({ path: owner.path, message: `${owner.name} leaves ${round(pool)} unplanned beyond ${owner.below}; give the rest to a work item with a weight instead of a budget, or lower it` });
  }
  if (weight > 0) for (const x of weighted) x.el.budget = (Math.max(0, pool) * (x.item.weight ?? 1)) / weight;
}

const round = (x: number): string => String(Math.round(x * 100) / 100);

function phaseWindows(plan: Plan, problems: PlanProblem[]): Map<Phase, { start: number; end: number }> {
  const windows = new Map<Phase, { start: number; end: number }>();
  for (const phase of PHASES) {
    const p = plan.phases?.[phase];
    if (p && checkWindow(p.start, p.finish, ['phases', phase], `phase ${phase}`, problems)) windows.set(phase, { start: dayStart(p.start), end: dayEnd(p.finish) });
  }
  return windows;
}

/** Gives every element its budget; `complete` is false when some items were left out for a problem. */
function allocate(plan: Plan, items: Planned, elements: Element[], problems: PlanProblem[], complete: boolean): void {
  const index = new Map((plan.workItems ?? []).map((item, i) => [item, i]));
  let projectPool = plan.budget;
  const projectItems: Planned = [];
  for (const phase of PHASES) {
    const p = plan.phases?.[phase];
    const mine = items.filter((x) => x.item.phase === phase);
    if (p?.budget === undefined) {
      pushAll(projectItems, mine);
      continue;
    }
    checkProportions(mine, problems, index);
    projectPool -= p.budget;
    const owner = { path: ['phases', phase, 'budget'], name: `the budget of phase ${phase} (${round(p.budget)})`, below: "its work items' budgets" };
    if (mine.length > 0) share(mine, p.budget - mine.reduce((s, x) => s + (x.item.budget ?? 0), 0), owner, problems, complete);
    else elements.push({ key: `phase:${phase}`, phase, start: dayStart(p.start), end: dayEnd(p.finish), budget: p.budget, ...phaseMethod(p, phase, problems) });
  }
  pushAll(projectItems, items.filter((x) => !x.item.phase));
  checkProportions(projectItems, problems, index);
  const pool = projectPool - projectItems.reduce((s, x) => s + (x.item.budget ?? 0), 0);
  const owner = { path: ['budget'], name: `budget (BAC) ${round(plan.budget)}`, below: 'the phase and work-item budgets under it' };
  if (elements.length + items.length > 0) share(projectItems, pool, owner, problems, complete);
}

/** Resolves windows and budgets; `problems` lists everything wrong, located by plan path. */
export function resolvePlan(plan: Plan): ResolvedPlan {
  const problems: PlanProblem[] = [];
  const windows = phaseWindows(plan, problems);
  const seen = new Set<string>();
  const items: Planned = [];
  for (const [i, item] of (plan.workItems ?? []).entries()) {
    if (seen.has(item.id)) problems.push({ path: ['workItems', i, 'id'], message: `work item "${item.id}" is planned twice; keep one` });
    seen.add(item.id);
    const w = itemWindow(item, i, plan, problems);
    if (!w) continue;
    items.push({ item, el: { key: item.id, itemId: item.id, ...(item.phase ? { phase: item.phase } : {}), ...w, budget: item.budget ?? 0, ...itemMethod(item, i, plan, problems) } });
    // A phase planned only through its work items spans them.
    if (item.phase && !plan.phases?.[item.phase]) widen(windows, item.phase, w);
  }
  const elements: Element[] = [];
  allocate(plan, items, elements, problems, items.length === (plan.workItems ?? []).length);
  pushAll(elements, items.map((x) => x.el));
  for (const [i, a] of (plan.actuals ?? []).entries()) {
    if (!bookingWindow(a.period)) problems.push({ path: ['actuals', i, 'period'], message: `invalid period "${a.period}" (use YYYY-MM or YYYY-MM-DD)` });
  }
  const starts = [...windows.values()].map((w) => w.start).concat(elements.map((e) => e.start));
  const ends = [...windows.values()].map((w) => w.end).concat(elements.map((e) => e.end));
  const start = plan.start ? dayStart(plan.start) : starts.length ? minOf(starts) : dayStart(plan.due);
  const finish = ends.length ? maxOf(ends) : dayEnd(plan.due);
  if (plan.start && starts.length && minOf(starts) < start) {
    problems.push({ path: ['start'], message: `start ${plan.start} is after work planned from ${isoDay(minOf(starts))}; move start to that day or earlier` });
  }
  if (dayEnd(plan.due) <= start) problems.push({ path: ['due'], message: `due ${plan.due} is before the plan starts (${isoDay(start)})` });
  return { elements, start, finish, phaseWindows: windows, problems };
}

function widen(windows: Map<Phase, { start: number; end: number }>, phase: Phase, w: { start: number; end: number }): void {
  const cur = windows.get(phase);
  windows.set(phase, cur ? { start: Math.min(cur.start, w.start), end: Math.max(cur.end, w.end) } : { ...w });
}
