/**
 * Checks decision-record hash chains: every record's hash matches its content (`edited`),
 * every record links to the one before it (`broken-link`), no position is missing (`removed`)
 * and the store's order agrees with the chain's (`reordered`). Removing the latest records
 * leaves a shorter, valid chain: only an anchor kept outside the store (the latest hash the
 * pipeline printed or committed) catches that, and verifyChain checks anchors when given.
 * Keyed records (HMAC-SHA256) are checked with the record key: a record appended without the
 * key fails its hash (`edited`) or, left unkeyed after a keyed one, is `unkeyed`.
 */
import { PhasegateError } from '../../errors.js';
import type { HistoryRecord } from '../../store/records.js';
import { isKeyed, recordHash } from './hash.js';
import type { RecordKey } from './key.js';
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
  let keyedFrom: DecisionRecord | undefined;
  for (const r of bySeq) {
    if (keyedFrom && !isKeyed(r)) {
      problems.push({ id: r.id, problem: 'unkeyed', message: `decision ${r.id} (seq ${r.seq}) is not keyed, but rollout ${r.rollout} is keyed from seq ${keyedFrom.seq}: it was written without the record key` });
    }
    if (!keyedFrom && isKeyed(r)) keyedFrom = r;
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
 * Which key checks the keyed records: `key` when any keyed record names it (records naming
 * another key id are then forged, `edited`). Throws a PhasegateError (exit 2) when keyed
 * records exist and no key is set, or the key set is not the one they were recorded with.
 */
function keyFor(decisions: readonly DecisionRecord[], key: RecordKey | undefined): RecordKey | undefined {
  const keyed = decisions.filter(isKeyed);
  if (keyed.length === 0) return undefined;
  if (key && keyed.some((d) => d.keyId === key.id)) return key;
  const ids = [...new Set(keyed.map((d) => d.keyId ?? 'none'))].join(', ');
  throw new PhasegateError({
    message: key
      ? `the keyed decisions were recorded with key id ${ids}, but the record key set has id ${key.id}; set the key they were recorded with (docs/release-gate.md, key rotation)`
      : `${keyed.length} decision record${keyed.length === 1 ? ' is' : 's are'} keyed (hmac-sha256, key id ${ids}) and no record key is set; set PHASEGATE_RECORD_KEY or PHASEGATE_RECORD_KEY_FILE to verify them`,
  });
}

function hashProblem(d: DecisionRecord, key: RecordKey | undefined): ChainProblem | undefined {
  const at = `decision ${d.id} (seq ${d.seq} of rollout ${d.rollout})`;
  if (!isKeyed(d)) return recordHash(d) === d.hash ? undefined : { id: d.id, problem: 'edited', message: `${at} does not match its hash: it was changed after it was recorded` };
  if (d.keyId !== key?.id) return { id: d.id, problem: 'edited', message: `${at} names key id ${d.keyId ?? 'none'}, not the record key's ${key?.id ?? ''}: it was not written with the record key` };
  return recordHash(d, key) === d.hash ? undefined : { id: d.id, problem: 'edited', message: `${at} does not match its HMAC: it was changed, or written without the record key` };
}

/** Options of verifyChain. */
export interface VerifyOptions {
  /** The record key, for keyed records (required when there are any). */
  key?: RecordKey;
}

/**
 * Verifies the decision chains in `records` (history records of any kind, or bare decision
 * records), in the order the store returned them. Records of other kinds are ignored.
 * Throws a PhasegateError when keyed records cannot be checked (no key, or another key).
 */
export function verifyChain(records: readonly (HistoryRecord | DecisionRecord)[], anchors: readonly ChainAnchor[] = [], opts: VerifyOptions = {}): ChainReport {
  const problems: ChainProblem[] = [];
  const chains = new Map<string, DecisionRecord[]>();
  const decisions = records.flatMap((r) => {
    const d = unwrap(r, problems);
    return d ? [d] : [];
  });
  const key = keyFor(decisions, opts.key);
  for (const d of decisions) {
    const bad = hashProblem(d, key);
    if (bad) problems.push(bad);
    const chain = chains.get(chainKey(d));
    if (chain) chain.push(d);
    else chains.set(chainKey(d), [d]);
  }
  const heads: ChainReport['heads'] = {};
  for (const [name, chain] of chains) {
    checkChain(chain, problems);
    const head = chain.reduce((a, b) => (b.seq > a.seq ? b : a));
    heads[name] = { seq: head.seq, hash: head.hash };
  }
  for (const a of anchors) {
    if (!(chains.get(chainKey(a)) ?? []).some((r) => r.hash === a.hash)) {
      problems.push({ id: a.hash, problem: 'removed', message: `the anchored decision ${a.hash} of rollout ${a.rollout} is not in the store: records were removed from the end of the chain (or the anchor is wrong)` });
    }
  }
  return { ok: problems.length === 0, problems, heads };
}
