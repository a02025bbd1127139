/**
 * Decision records in the history store: appended as `decision` history records after a check
 * against schemas/decision.schema.json, and read back per rollout.
 */
import { PhasegateError } from '../../errors.js';
import { decision as validate } from '../../generated/validate-decision.js';
import type { HistoryStore } from '../../store/port.js';
import type { DecisionHistoryRecord } from '../../store/records.js';
import type { DecisionRecord } from './types.js';

/** Schema problems of a decision record (empty when valid; src/generated/validate-decision.ts checks). */
export function decisionProblems(record: unknown): string[] {
  return validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}`);
}

/** The history record that carries `record`. */
export function decisionHistoryRecord(record: DecisionRecord): DecisionHistoryRecord {
  return { schemaVersion: 1, id: record.id, project: record.project, time: record.time, kind: 'decision', record };
}

/**
 * Appends `record` to the store. Throws a PhasegateError when it breaks the decision schema,
 * or when another record already holds its place in the chain (a concurrent writer, or the
 * same decision made twice with different content): then re-read the chain and decide again.
 */
export async function appendDecision(store: HistoryStore, record: DecisionRecord): Promise<void> {
  const problems = decisionProblems(record);
  if (problems.length) throw new PhasegateError(problems.map((p) => ({ message: `decision record ${record.id}: ${p}` })));
  if ((await store.append([decisionHistoryRecord(record)])) === 1) return;
  const stored = (await readDecisions(store, record.project, record.rollout)).find((r) => r.id === record.id);
  if (stored?.hash !== record.hash) {
    throw new PhasegateError({ message: `decision ${record.seq} of rollout ${record.rollout} is already recorded with other content (hash ${stored?.hash ?? 'unknown'}); read the chain again and decide on its latest record` });
  }
}

/** The decision records of one rollout in the store's order (time, then id). */
export async function readDecisions(store: HistoryStore, project: string, rollout: string): Promise<DecisionRecord[]> {
  const records = await store.query({ project, kinds: ['decision'] });
  return records.flatMap((r) => (r.kind === 'decision' && r.record.rollout === rollout ? [r.record] : []));
}
