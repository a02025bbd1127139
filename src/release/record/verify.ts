/**
 * Checks decision-record hash chains: every record's hash matches its content (`edited`),
 * every record links to the one before it (`broken-link`), no position is missing (`removed`)
 * and the store's order agrees with the chain's (`reordered`). Removing the latest records
 * leaves a shorter, valid chain: only an anchor kept outside the store (the latest hash the
 * pipeline printed or committed) catches that, and verifyChain checks anchors when given.
 */
import type { HistoryRecord } from '../../store/records.js';
import { recordHash } from './hash.js';
import type { ChainProblem, DecisionRecord } from './types.js';

/** The result of verifyChain. */
export interface ChainReport {
  ok: boolean;
  problems: ChainProblem[];
  /** Per chain (`project/rollout`): the latest record's seq and hash, to print or commit as an anchor. */
  heads: Record<string, { seq: number; hash: string }>;
}

/** A hash known from outside the store (e.g. printed in a pipeline log) that must still be in its chain. */
export interface ChainAnchor {
  project: string;
  rollout: string;
  hash: string;
}

const chainKey = (r: { project: string; rollout: string }): string => `${r.project}/${r.rollout}`;

function unwrap(r: HistoryRecord | DecisionRecord, problems: ChainProblem[]): DecisionRecord | undefined {
  if (!('kind' in r)) return r;
  if (r.kind !== 'decision') return undefined;
  const d = r.record as DecisionRecord | undefined;
  if (d === null || typeof d !== 'object' || typeof d.rollout !== 'string' || typeof d.seq !== 'number') {
    problems.push({ id: r.id, problem: 'edited', message: `history record ${r.id}: the decision record it carries is missing or malformed` });
    return undefined;
  }
  if (r.id !== d.id || r.project !== d.project || r.time !== d.time) {
    problems.push({ id: r.id, problem: 'edited', message: `history record ${r.id}: its id, project or time differs from the decision record it carries` });
  }
  return d;
}

function checkChain(records: DecisionRecord[], problems: ChainProblem[]): void {
  const bySeq = [...records].sort((a, b) => a.seq - b.seq);
  const firstOut = records.findIndex((r, i) => r !== bySeq[i]);
  if (firstOut >= 0) {
    const r = records[firstOut]!;
    problems.push({ id: r.id, problem: 'reordered', message: `decision ${r.id} (seq ${r.seq}) is stored out of chain order (its time ${r.time} does not follow the chain)` });
  }
  let before: DecisionRecord | undefined;
  for (const r of bySeq) {
    const expectedSeq = (before?.seq ?? 0) + 1;
    if (r.seq > expectedSeq) {
      const gap = r.seq === expectedSeq + 1 ? `seq ${expectedSeq}` : `seq ${expectedSeq} to ${r.seq - 1}`;
      problems.push({ id: r.id, problem: 'removed', message: `decision ${r.id} (seq ${r.seq}): ${gap} of rollout ${r.rollout} is missing` });
    }
    if (before && r.seq === before.seq) {
      problems.push({ id: r.id, problem: 'broken-link', message: `decision ${r.id} repeats seq ${r.seq} of rollout ${r.rollout} (a forked chain)` });
    } else if (r.prev !== (before?.hash ?? null)) {
      problems.push({ id: r.id, problem: 'broken-link', message: `decision ${r.id} (seq ${r.seq}) links to ${r.prev ?? 'nothing'}, but the record before it in rollout ${r.rollout} has hash ${before?.hash ?? 'none (it should be first)'}` });
    }
    before = r;
  }
}

/**
 * Verifies the decision chains in `records` (history records of any kind, or bare decision
 * records), in the order the store returned them. Records of other kinds are ignored.
 */
export function verifyChain(records: readonly (HistoryRecord | DecisionRecord)[], anchors: readonly ChainAnchor[] = []): ChainReport {
  const problems: ChainProblem[] = [];
  const chains = new Map<string, DecisionRecord[]>();
  for (const r of records) {
    const d = unwrap(r, problems);
    if (!d) continue;
    if (recordHash(d) !== d.hash) problems.push({ id: d.id, problem: 'edited', message: `decision ${d.id} (seq ${d.seq} of rollout ${d.rollout}) does not match its hash: it was changed after it was recorded` });
    const key = chainKey(d);
    chains.set(key, [...(chains.get(key) ?? []), d]);
  }
  const heads: ChainReport['heads'] = {};
  for (const [key, chain] of chains) {
    checkChain(chain, problems);
    const head = chain.reduce((a, b) => (b.seq > a.seq ? b : a));
    heads[key] = { seq: head.seq, hash: head.hash };
  }
  for (const a of anchors) {
    if (!(chains.get(chainKey(a)) ?? []).some((r) => r.hash === a.hash)) {
      problems.push({ id: a.hash, problem: 'removed', message: `the anchored decision ${a.hash} of rollout ${a.rollout} is not in the store: records were removed from the end of the chain (or the anchor is wrong)` });
    }
  }
  return { ok: problems.length === 0, problems, heads };
}
