/**
 * Verdicts from the history store: the latest recorded verdict of each phase as of a date,
 * as a Verdict the report builder takes. Recorded verdicts keep each rule's outcome, not its
 * full explanation, so their `rules` list is empty and only the summary counts are kept.
 */
import { emptySummary, VERDICT_SCHEMA_VERSION, type Verdict } from '../gate/types.js';
import { PHASES, type Tier } from '../policy/types.js';
import type { HistoryRecord, VerdictRecord } from '../store/records.js';

function fromRecord(r: VerdictRecord): Verdict {
  const summary = emptySummary();
  for (const status of Object.values(r.rules)) summary[status] += 1;
  return { schemaVersion: VERDICT_SCHEMA_VERSION, phase: r.phase, tier: r.tier ?? null, policy: r.policy, now: r.time, status: r.status, summary, rules: [], notices: [] };
}

/** The latest recorded verdict per phase at or before `asOf`, in phase order. */
export function recordedVerdicts(records: readonly HistoryRecord[], asOf: Date): Verdict[] {
  const latest = new Map<string, VerdictRecord>();
  const cut = asOf.toISOString();
  for (const r of records) {
    if (r.kind !== 'verdict' || r.time > cut) continue;
    const seen = latest.get(r.phase);
    if (!seen || seen.time <= r.time) latest.set(r.phase, r);
  }
  return PHASES.flatMap((p) => {
    const r = latest.get(p);
    return r ? [fromRecord(r)] : [];
  });
}

/** The tier the latest recorded verdict names, if any. */
export function recordedTier(records: readonly HistoryRecord[]): Tier | null {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const r = records[i]!;
    if (r.kind === 'verdict' && r.tier) return r.tier;
  }
  return null;
}
