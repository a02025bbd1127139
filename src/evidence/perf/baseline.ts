/**
 * The baseline of `--perf-baseline store:BRANCH`: the perf.* metrics of the latest run recorded
 * (`phasegate record run --evidence …`) for the project on that branch that has any.
 */
import type { HistoryStore } from '../../store/port.js';
import type { RunRecord } from '../../store/records.js';

/** The latest run on `branch` with perf.* metrics, or undefined when none is recorded. */
export async function latestRecordedPerf(store: HistoryStore, project: string, branch: string): Promise<{ run: RunRecord; metrics: Record<string, number> } | undefined> {
  const records = await store.query({ project, kinds: ['run'] });
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.kind !== 'run' || r.branch !== branch) continue;
    const metrics = Object.fromEntries(Object.entries(r.metrics).filter(([k]) => k.startsWith('perf.')));
    if (Object.keys(metrics).length > 0) return { run: r, metrics };
  }
  return undefined;
}
