/**
 * The EVM section of the report: the status at asOf, the table per phase, the trend at the
 * end of each period, and the schedule.* and cost.* KPIs with the reason for each one missing.
 */
import { dailyPv, evmStatus, planContext, type EvmStatus } from './evm.js';
import type { History } from './history.js';
import { Tally } from './measure.js';
import { phaseTable, type PhaseRow } from './phases.js';
import { completePeriods, isoDay, DAY_MS, periodLabel, type PeriodUnit } from './time.js';
import type { Plan } from './types.js';

export interface EvmReport {
  currency?: string;
  bac: number;
  plannedStart: string;
  plannedFinish: string;
  due: string;
  status: EvmStatus;
  phases: PhaseRow[];
  /** The status at the end of each complete period since the plan started. */
  trend: Array<{ period: string; pv: number; ev: number; spi?: number; spiT?: number }>;
}

export const SCHEDULE_KPIS = ['schedule.pv', 'schedule.ev', 'schedule.sv', 'schedule.spi', 'schedule.spiT', 'schedule.svT', 'schedule.deviationRate'];
export const COST_KPIS = ['cost.ac', 'cost.cv', 'cost.cpi', 'cost.eac', 'cost.vac', 'cost.overrunRate'];

function costKpis(s: EvmStatus, tally: Tally): void {
  if (s.ac === undefined) {
    tally.skip(COST_KPIS, 'the plan books no actual cost (actuals or actualsFile)');
    return;
  }
  tally.set('cost.ac', s.ac, '');
  tally.set('cost.cv', s.cv, '');
  tally.set('cost.cpi', s.cpi, 'no actual cost booked by asOf (AC = 0)');
  const noEac = s.cpi === undefined ? 'no actual cost booked by asOf (AC = 0)' : 'no value earned yet (CPI = 0): EAC = BAC / CPI has no bound';
  tally.set('cost.eac', s.eac, noEac);
  tally.set('cost.vac', s.vac, noEac);
  tally.set('cost.overrunRate', s.overrunRate, s.finished ? 'BAC is 0' : noEac);
}

/** The EVM report and KPIs of a plan at asOf. */
export function evmKpis(plan: Plan | undefined, history: History, asOf: number, unit: PeriodUnit, periods: number): { report: EvmReport | null; tally: Tally } {
  const tally = new Tally();
  if (!plan) {
    tally.skip([...SCHEDULE_KPIS, ...COST_KPIS], 'no plan given (.phasegate/plan.yaml)');
    return { report: null, tally };
  }
  const ctx = planContext(plan, history);
  const pvDays = dailyPv(ctx);
  const status = evmStatus(ctx, asOf, pvDays);
  const phases = phaseTable(ctx, asOf);
  const trend = completePeriods(asOf, unit, periods)
    .filter(([, end]) => end > ctx.resolved.start)
    .map(([start, end]) => {
      const s = evmStatus(ctx, end, pvDays);
      return { period: periodLabel(start, unit), pv: s.pv, ev: s.ev, ...(s.spi === undefined ? {} : { spi: s.spi }), ...(s.spiT === undefined ? {} : { spiT: s.spiT }) };
    });
  const report: EvmReport = {
    ...(plan.currency ? { currency: plan.currency } : {}),
    bac: plan.budget,
    plannedStart: isoDay(ctx.resolved.start),
    plannedFinish: isoDay(ctx.resolved.finish - DAY_MS),
    due: plan.due,
    status,
    phases,
    trend,
  };
  tally.set('schedule.deviationRate', phases.at(-1)?.deviationRate, 'the plan has not started by asOf');
  if (ctx.resolved.elements.length === 0) {
    tally.skip([...SCHEDULE_KPIS.filter((k) => k !== 'schedule.deviationRate'), ...COST_KPIS], 'the plan budgets no phase and no work item');
    return { report, tally };
  }
  tally.set('schedule.pv', status.pv, '');
  tally.set('schedule.ev', status.ev, '');
  tally.set('schedule.sv', status.sv, '');
  tally.set('schedule.spi', status.spi, 'no value was planned by asOf (PV = 0)');
  tally.set('schedule.spiT', status.spiT, 'the plan has not started by asOf (AT = 0)');
  tally.set('schedule.svT', status.svT, '');
  costKpis(status, tally);
  return { report, tally };
}
