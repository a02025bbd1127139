/**
 * DORA's four keys from deployment and incident records, over a window ending at asOf, each
 * with its performance band. Definitions follow DORA and its reference implementation, Four
 * Keys (github.com/dora-team/fourkeys): lead time is the median over every commit a deployment
 * brought, time to restore counts only failures caused by a deployment, and deployment
 * frequency is given both as a rate and as Four Keys' deploy-days per week. Bands follow the
 * software delivery performance clusters of the Accelerate State of DevOps Report 2023;
 * docs/metrics.md quotes them with their source.
 */
import type { DeploymentRecord, IncidentRecord } from '../store/records.js';
import type { At } from './history.js';
import { Tally } from './measure.js';
import { DAY_MS, HOUR_MS, WEEK_MS, median } from './time.js';

export type Band = 'elite' | 'high' | 'medium' | 'low';
export const DORA_SOURCE = 'Accelerate State of DevOps Report 2023 (DORA / Google Cloud), software delivery performance clusters';

/** Deployments per day: elite on demand (daily or more), high at least weekly, medium at least monthly. */
export function deploymentFrequencyBand(perDay: number): Band {
  return perDay >= 1 ? 'elite' : perDay >= 1 / 7 ? 'high' : perDay >= 12 / 365 ? 'medium' : 'low';
}

/** Lead time in hours: elite under a day, high up to a week, medium up to a month (30 days). */
export function leadTimeBand(hours: number): Band {
  return hours < 24 ? 'elite' : hours <= 168 ? 'high' : hours <= 720 ? 'medium' : 'low';
}

/**
 * The 2023 report gives one change-failure rate per cluster (elite 5 %, high 10 %, medium 15 %,
 * low 64 %), not ranges: a rate takes the band of the nearest cluster value, so the boundaries
 * are the midpoints 7.5, 12.5 and 39.5 %.
 */
export const CHANGE_FAILURE_CLUSTERS: Readonly<Record<Band, number>> = { elite: 5, high: 10, medium: 15, low: 64 };

/** Change-failure rate in percent: the cluster whose 2023 value is nearest (≤ 7.5 elite, ≤ 12.5 high, ≤ 39.5 medium, else low). */
export function changeFailureBand(percent: number): Band {
  const c = CHANGE_FAILURE_CLUSTERS;
  return percent <= (c.elite + c.high) / 2 ? 'elite' : percent <= (c.high + c.medium) / 2 ? 'high' : percent <= (c.medium + c.low) / 2 ? 'medium' : 'low';
}

/** Time to restore in hours: elite under an hour, high under a day, medium up to a week. */
export function timeToRestoreBand(hours: number): Band {
  return hours < 1 ? 'elite' : hours < 24 ? 'high' : hours <= 168 ? 'medium' : 'low';
}

/** Four Keys' deployment-frequency bucket: daily (median deploy-days per week ≥ 3), weekly, monthly, yearly. */
export type FourKeysFrequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

export interface DoraReport {
  environment: string;
  window: { from: string; to: string; days: number };
  source: string;
  deployments: number;
  /**
   * `value` per day (deployments / window days) and the same per week; `deployDaysPerWeek` is
   * the median, over the window's whole 7-day weeks counted back from asOf, of the days with a
   * deployment (Four Keys' measure), with Four Keys' bucket; absent for a window under a week.
   */
  deploymentFrequency?: { value: number; perWeek: number; band: Band; deployDaysPerWeek?: number; weeks?: number; fourKeys?: FourKeysFrequency };
  /** Median hours over every commit of the window's deployments; `commits` lead times from `deployments` deployments. */
  leadTime?: { value: number; band: Band; deployments: number; commits: number };
  changeFailureRate?: { value: number; band: Band; failed: string[] };
  /**
   * Median hours from the deployment that caused a failure to the restore, over the incidents
   * of the window that name a recorded deployment; `notCaused` incidents named none (or one not
   * recorded) and are left out.
   */
  timeToRestore?: { value: number; band: Band; incidents: number; unresolved: number; notCaused: number };
}

export interface DoraInput {
  deployments: readonly At<DeploymentRecord>[];
  incidents: readonly At<IncidentRecord>[];
  asOf: number;
  /** Length of the window ending at asOf, in days (the CLI and policy default is 30). */
  windowDays: number;
  environment: string;
}

const KEYS = ['dora.deploymentFrequency', 'dora.leadTime', 'dora.changeFailureRate', 'dora.timeToRestore'];

/** The DORA section of the report and the dora.* KPIs. */
export function doraKpis(input: DoraInput): { report: DoraReport | null; tally: Tally } {
  const tally = new Tally();
  if (!(input.windowDays > 0)) throw new RangeError(`windowDays must be positive, got ${input.windowDays}`);
  const env = input.deployments.filter((d) => d.r.environment === input.environment && d.r.status !== 'failed');
  if (env.length === 0) {
    tally.skip(KEYS, `no deployment to ${input.environment} recorded`);
    return { report: null, tally };
  }
  const from = input.asOf - input.windowDays * DAY_MS;
  const deps = env.filter((d) => d.ms > from && d.ms <= input.asOf);
  const report: DoraReport = {
    environment: input.environment,
    window: { from: new Date(from).toISOString(), to: new Date(input.asOf).toISOString(), days: input.windowDays },
    source: DORA_SOURCE,
    deployments: deps.length,
  };
  report.deploymentFrequency = frequency(deps, input.asOf, input.windowDays);
  tally.set('dora.deploymentFrequency', report.deploymentFrequency.value, '');
  leadTime(deps, report, tally, input.windowDays);
  changeFailure(deps, input.incidents, report, tally, input.windowDays);
  restore(env, input.incidents.filter((i) => i.ms > from && i.ms <= input.asOf), input.asOf, report, tally, input.windowDays);
  return { report, tally };
}

function frequency(deps: readonly At<DeploymentRecord>[], asOf: number, days: number): NonNullable<DoraReport['deploymentFrequency']> {
  const perDay = deps.length / days;
  const out: NonNullable<DoraReport['deploymentFrequency']> = { value: perDay, perWeek: (deps.length * 7) / days, band: deploymentFrequencyBand(perDay) };
  const weeks = Math.floor(days / 7);
  if (weeks === 0) return out;
  // Four Keys: per week, the number of distinct (UTC) days with a deployment; its median.
  const daysPerWeek = Array.from({ length: weeks }, (_, w) => {
    const end = asOf - w * WEEK_MS;
    return new Set(deps.filter((d) => d.ms > end - WEEK_MS && d.ms <= end).map((d) => Math.floor(d.ms / DAY_MS))).size;
  });
  const deployDaysPerWeek = median(daysPerWeek);
  out.deployDaysPerWeek = deployDaysPerWeek;
  out.weeks = weeks;
  out.fourKeys = fourKeysBucket(daysPerWeek);
  return out;
}

/**
 * Four Keys' dashboard: daily when the median deploy-days per week is at least 3, weekly when
 * most weeks have a deployment, monthly when the median month (here: 4-week block) has one, else yearly.
 */
function fourKeysBucket(daysPerWeek: readonly number[]): FourKeysFrequency {
  if (median(daysPerWeek) >= 3) return 'daily';
  if (median(daysPerWeek.map((n) => (n > 0 ? 1 : 0))) >= 1) return 'weekly';
  const months: number[] = [];
  for (let i = 0; i < daysPerWeek.length; i += 4) months.push(daysPerWeek.slice(i, i + 4).filter((n) => n > 0).length);
  return median(months) >= 1 ? 'monthly' : 'yearly';
}

/** Commit times of a deployment: its `commits`, else its `commitTime` (older records: the earliest commit only). */
function commitTimes(d: DeploymentRecord): number[] {
  if (d.commits?.length) return d.commits.map((c) => Date.parse(c.time));
  return d.commitTime === undefined ? [] : [Date.parse(d.commitTime)];
}

function leadTime(deps: readonly At<DeploymentRecord>[], report: DoraReport, tally: Tally, days: number): void {
  // One lead time per commit a deployment brought (DORA, Four Keys); a commit after its deployment is a recording error.
  let counted = 0;
  const hours: number[] = [];
  for (const d of deps) {
    const h = commitTimes(d.r).map((t) => (d.ms - t) / HOUR_MS).filter((x) => x >= 0);
    if (h.length > 0) counted++;
    hours.push(...h);
  }
  if (hours.length > 0) {
    const value = median(hours);
    report.leadTime = { value, band: leadTimeBand(value), deployments: counted, commits: hours.length };
  }
  tally.set('dora.leadTime', report.leadTime?.value, `no deployment in the last ${days} days records its commits (record deployment --commits) or --commit-time`);
}

function changeFailure(deps: readonly At<DeploymentRecord>[], incidents: readonly At<IncidentRecord>[], report: DoraReport, tally: Tally, days: number): void {
  if (deps.length === 0) {
    tally.skip(['dora.changeFailureRate'], `no deployment in the last ${days} days`);
    return;
  }
  const caused = new Set(incidents.map((i) => i.r.deployment).filter((d) => d !== undefined));
  const failed = deps.filter((d) => d.r.status === 'rolled_back' || caused.has(d.r.id) || caused.has(d.r.version)).map((d) => d.r.id);
  const value = (failed.length / deps.length) * 100;
  report.changeFailureRate = { value, band: changeFailureBand(value), failed };
  tally.set('dora.changeFailureRate', value, '');
}

/** The deployment an incident names (by id, else by version), if recorded for the environment. */
function causeOf(i: IncidentRecord, env: readonly At<DeploymentRecord>[]): At<DeploymentRecord> | undefined {
  if (i.deployment === undefined) return undefined;
  return env.find((d) => d.r.id === i.deployment) ?? env.filter((d) => d.r.version === i.deployment).at(-1);
}

function restore(env: readonly At<DeploymentRecord>[], incidents: readonly At<IncidentRecord>[], asOf: number, report: DoraReport, tally: Tally, days: number): void {
  const caused = incidents.map((i) => ({ i, cause: causeOf(i.r, env) })).filter((x) => x.cause !== undefined);
  const resolved = caused.filter((x) => x.i.r.resolved !== undefined && Date.parse(x.i.r.resolved) <= asOf);
  // From the deployment that caused the failure (never later than the incident's start) to the restore.
  const hours = resolved.map((x) => (Date.parse(x.i.r.resolved!) - Math.min(x.cause!.ms, x.i.ms)) / HOUR_MS).filter((h) => h >= 0);
  if (hours.length > 0) {
    const value = median(hours);
    report.timeToRestore = { value, band: timeToRestoreBand(value), incidents: hours.length, unresolved: caused.length - hours.length, notCaused: incidents.length - caused.length };
  }
  tally.set('dora.timeToRestore', report.timeToRestore?.value, `no incident started in the last ${days} days, named the deployment that caused it (record incident --deployment) and was resolved`);
}

/**
 * A deployment rate in words that never rounds to 0 for a slow but steady cadence: per day
 * from one a day, else per week from one a week, else per 30 days.
 */
export function frequencyText(perDay: number): string {
  const show = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (perDay === 0) return '0 per day';
  if (perDay >= 1) return `${show(perDay)} per day`;
  if (perDay * 7 >= 1) return `${show(perDay * 7)} per week`;
  return `${show(perDay * 30)} per 30 days`;
}
