/**
 * The EVM section of the report: the status at asOf, the table per phase, the trend at the
 * end of each period, and the schedule.* and cost.* KPIs with the reason for each one missing.
 */
import { dailyPv, evmStatus, planContext, type EvmStatus } from './evm.js';
import type { At, History } from './history.js';
import type { WorkItemRecord } from '../store/records.js';
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
  trend: Array<{ period: string; pv: number; ev: number; ac?: number; spi?: number; spiT?: number; cpi?: number }>;
  /** The method behind each EVM figure, as the report names it (docs/metrics.md). */
  methods: EvmMethods;
}

/** How the report's earned-value figures are computed, in words and formulas. */
export interface EvmMethods {
  pv: string;
  ev: string;
  ac: string;
  es: string;
  eac: string;
  deviation: string;
  overrun: string;
}

export const EVM_METHODS: EvmMethods = {
  pv: 'PV accrues linearly over each planned window by its budget',
  ev: 'EV per work item or phase by its earning rule (0/100 unless the plan says 50/50, percent complete or weighted milestones)',
  ac: 'AC accrues each booking linearly over its period (a month over its days, a dated booking over its day) up to the status date',
  es: 'ES = the earliest time PV reached EV (Lipke); SPI(t) = ES / AT, SV(t) = ES − AT, IEAC(t) = PD / SPI(t)',
  eac: 'EAC = BAC / CPI; also AC + (BAC − EV) and AC + (BAC − EV) / (CPI × SPI); ETC = EAC − AC; TCPI = (BAC − EV) / (BAC − AC), to EAC (BAC − EV) / (EAC − AC)',
  deviation: 'finished: (actual − planned duration) / planned; running: (IEAC(t) − PD) / PD, not below the elapsed lower bound (elapsed − PD) / PD',
  overrun: 'finished: (AC − BAC) / BAC; running: (EAC − BAC) / BAC with EAC = BAC / CPI',
};

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
export function evmKpis(plan: Plan | undefined, history: History, asOf: number, unit: PeriodUnit, periods: number, items?: Map<string, At<WorkItemRecord>[]>): { report: EvmReport | null; tally: Tally } {
  const tally = new Tally();
  if (!plan) {
    tally.skip([...SCHEDULE_KPIS, ...COST_KPIS], 'no plan given (.phasegate/plan.yaml)');
    return { report: null, tally };
  }
  const ctx = planContext(plan, history, items);
  const pvDays = dailyPv(ctx);
  const status = evmStatus(ctx, asOf, pvDays);
  const phases = phaseTable(ctx, asOf);
  const trend = completePeriods(asOf, unit, periods)
    .filter(([, end]) => end > ctx.resolved.start)
    .map(([start, end]) => {
      const s = evmStatus(ctx, end, pvDays);
      const opt = { ac: s.ac, spi: s.spi, spiT: s.spiT, cpi: s.cpi };
      return { period: periodLabel(start, unit), pv: s.pv, ev: s.ev, ...Object.fromEntries(Object.entries(opt).filter(([, v]) => v !== undefined)) };
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
    methods: EVM_METHODS,
  };
  const project = phases.at(-1);
  const noDeviation =
    project?.status === 'running'
      ? `nothing earned yet, so IEAC(t) = PD / SPI(t) has no bound; the elapsed lower bound (${Math.round((project.elapsedDeviationRate ?? 0) * 10) / 10} %) shows no delay yet`
      : 'the plan has not started by asOf';
  tally.set('schedule.deviationRate', project?.deviationRate, noDeviation);
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
