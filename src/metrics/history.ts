/**
 * History records of one project, split by kind, each paired with its time in milliseconds
 * and sorted by time then id, so every analysis reads them in one deterministic order.
 */
import type {
  DeploymentRecord,
  HistoryRecord,
  IncidentRecord,
  RunRecord,
  VerdictRecord,
  WorkItemRecord,
} from '../store/records.js';
import type { Phase } from './types.js';

/** A record with its parsed time. */
export interface At<T> {
  ms: number;
  r: T;
}

export interface History {
  runs: At<RunRecord>[];
  verdicts: At<VerdictRecord>[];
  deployments: At<DeploymentRecord>[];
  incidents: At<IncidentRecord>[];
  workItems: At<WorkItemRecord>[];
}

const byTime = <T extends { id: string }>(a: At<T>, b: At<T>): number => a.ms - b.ms || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0);

/** The project's records up to `asOf` (inclusive), by kind, sorted by time then id. */
export function partition(records: readonly HistoryRecord[], project: string, asOf: number): History {
  const h: History = { runs: [], verdicts: [], deployments: [], incidents: [], workItems: [] };
  for (const r of records) {
    if (r.project !== project) continue;
    const ms = Date.parse(r.time);
    if (!(ms <= asOf)) continue;
    if (r.kind === 'run') h.runs.push({ ms, r });
    else if (r.kind === 'verdict') h.verdicts.push({ ms, r });
    else if (r.kind === 'deployment') h.deployments.push({ ms, r });
    else if (r.kind === 'incident') h.incidents.push({ ms, r });
    else if (r.kind === 'workitem') h.workItems.push({ ms, r });
  }
  for (const list of Object.values(h) as At<{ id: string }>[][]) list.sort(byTime);
  return h;
}

/** Each work item's records in time order, by item id. */
export function timelines(items: readonly At<WorkItemRecord>[]): Map<string, At<WorkItemRecord>[]> {
  const map = new Map<string, At<WorkItemRecord>[]>();
  for (const it of items) {
    const list = map.get(it.r.itemId);
    if (list) list.push(it);
    else map.set(it.r.itemId, [it]);
  }
  return map;
}

/** Index of the latest record at or before `t` (-1 when none): the latest state per item wins. */
function latestIndex(timeline: readonly At<WorkItemRecord>[], t: number): number {
  let i = timeline.length - 1;
  while (i >= 0 && timeline[i]!.ms > t) i--;
  return i;
}

/** The item's state at `t`, or undefined when it had no record yet. */
export function stateAt(timeline: readonly At<WorkItemRecord>[], t: number): At<WorkItemRecord> | undefined {
  const i = latestIndex(timeline, t);
  return i < 0 ? undefined : timeline[i];
}

/** When the item became done for the last time, if it is done at `t`. */
export function doneSince(timeline: readonly At<WorkItemRecord>[], t: number): number | undefined {
  let i = latestIndex(timeline, t);
  if (i < 0 || timeline[i]!.r.state !== 'done') return undefined;
  while (i > 0 && timeline[i - 1]!.r.state === 'done') i--;
  return timeline[i]!.ms;
}

/** When work on the item first showed (its first in-progress or done record) at or before `t`. */
export function firstActive(timeline: readonly At<WorkItemRecord>[], t: number): number | undefined {
  return timeline.find((x) => x.ms <= t && x.r.state !== 'open')?.ms;
}

/** The first verdict that passed (pass or warn) the phase's gate at or before `t`. */
export function firstGatePass(verdicts: readonly At<VerdictRecord>[], phase: Phase, t: number): At<VerdictRecord> | undefined {
  return verdicts.find((v) => v.ms <= t && v.r.phase === phase && (v.r.status === 'pass' || v.r.status === 'warn'));
}
