/**
 * DORA's four keys from deployment and incident records, over a window ending at asOf, each
 * with its performance band. Bands follow the software delivery performance clusters of the
 * Accelerate State of DevOps Report 2023 (DORA / Google Cloud); docs/metrics.md quotes them.
 */
import type { DeploymentRecord, IncidentRecord } from '../store/records.js';
import type { At } from './history.js';
import { Tally } from './measure.js';
import { DAY_MS, HOUR_MS, median } from './time.js';

export type Band = 'elite' | 'high' | 'medium' | 'low';
export const DORA_SOURCE = 'Accelerate State of DevOps Report 2023 (DORA), software delivery performance clusters';

/** Deployments per day: elite on demand (daily or more), high at least weekly, medium at least monthly. */
export function deploymentFrequencyBand(perDay: number): Band {
  return perDay >= 1 ? 'elite' : perDay >= 1 / 7 ? 'high' : perDay >= 12 / 365 ? 'medium' : 'low';
}

/** Lead time in hours: elite under a day, high up to a week, medium up to a month (30 days). */
export function leadTimeBand(hours: number): Band {
  return hours < 24 ? 'elite' : hours <= 168 ? 'high' : hours <= 720 ? 'medium' : 'low';
}

/** Change-failure rate in percent: elite ≤ 5, high ≤ 10, medium ≤ 15 (the 2023 cluster values), else low. */
export function changeFailureBand(percent: number): Band {
  return percent <= 5 ? 'elite' : percent <= 10 ? 'high' : percent <= 15 ? 'medium' : 'low';
}

/** Time to restore in hours: elite under an hour, high under a day, medium up to a week. */
export function timeToRestoreBand(hours: number): Band {
  return hours < 1 ? 'elite' : hours < 24 ? 'high' : hours <= 168 ? 'medium' : 'low';
}

export interface DoraReport {
  environment: string;
  window: { from: string; to: string; days: number };
  source: string;
  deployments: number;
  deploymentFrequency?: { value: number; band: Band };
  leadTime?: { value: number; band: Band; deployments: number };
  changeFailureRate?: { value: number; band: Band; failed: string[] };
  timeToRestore?: { value: number; band: Band; incidents: number; unresolved: number };
}

export interface DoraInput {
  deployments: readonly At<DeploymentRecord>[];
  incidents: readonly At<IncidentRecord>[];
  asOf: number;
  windowDays: number;
  environment: string;
}

/** The DORA section of the report and the dora.* KPIs. */
export function doraKpis(input: DoraInput): { report: DoraReport | null; tally: Tally } {
  const tally = new Tally();
  const env = input.deployments.filter((d) => d.r.environment === input.environment && d.r.status !== 'failed');
  if (env.length === 0) {
    tally.skip(['dora.deploymentFrequency', 'dora.leadTime', 'dora.changeFailureRate', 'dora.timeToRestore'], `no deployment to ${input.environment} recorded`);
    return { report: null, tally };
  }
  const from = input.asOf - input.windowDays * DAY_MS;
  const deps = env.filter((d) => d.ms > from);
  const report: DoraReport = {
    environment: input.environment,
    window: { from: new Date(from).toISOString(), to: new Date(input.asOf).toISOString(), days: input.windowDays },
    source: DORA_SOURCE,
    deployments: deps.length,
  };
  const perDay = deps.length / input.windowDays;
  report.deploymentFrequency = { value: perDay, band: deploymentFrequencyBand(perDay) };
  tally.set('dora.deploymentFrequency', perDay, '');
  leadTime(deps, report, tally, input.windowDays);
  changeFailure(deps, input.incidents, report, tally, input.windowDays);
  restore(input.incidents.filter((i) => i.ms > from), input.asOf, report, tally, input.windowDays);
  return { report, tally };
}

function leadTime(deps: readonly At<DeploymentRecord>[], report: DoraReport, tally: Tally, days: number): void {
  // A commit time after the deployment (or unreadable) is a recording error, not a lead time.
  const hours = deps.filter((d) => d.r.commitTime !== undefined).map((d) => (d.ms - Date.parse(d.r.commitTime!)) / HOUR_MS).filter((h) => h >= 0);
  if (hours.length > 0) report.leadTime = { value: median(hours), band: leadTimeBand(median(hours)), deployments: hours.length };
  tally.set('dora.leadTime', report.leadTime?.value, `no deployment in the last ${days} days records commitTime`);
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

function restore(incidents: readonly At<IncidentRecord>[], asOf: number, report: DoraReport, tally: Tally, days: number): void {
  const resolved = incidents.filter((i) => i.r.resolved !== undefined && Date.parse(i.r.resolved) <= asOf);
  const hours = resolved.map((i) => (Date.parse(i.r.resolved!) - i.ms) / HOUR_MS).filter((h) => h >= 0);
  if (hours.length > 0) {
    const value = median(hours);
    report.timeToRestore = { value, band: timeToRestoreBand(value), incidents: hours.length, unresolved: incidents.length - hours.length };
  }
  tally.set('dora.timeToRestore', report.timeToRestore?.value, `no incident started in the last ${days} days and was resolved`);
}
