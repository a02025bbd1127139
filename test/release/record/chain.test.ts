import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepDecision } from '../../../src/release/decision/types.js';
import { buildDecisionRecord, type RecordContext } from '../../../src/release/record/build.js';
import { appendDecision, decisionProblems, readDecisions } from '../../../src/release/record/store.js';
import type { DecisionRecord } from '../../../src/release/record/types.js';
import { verifyChain } from '../../../src/release/record/verify.js';
import { openStore } from '../../../src/store/open.js';
import type { HistoryStore } from '../../../src/store/port.js';

const CTX: RecordContext = { project: 'payments', rollout: 'v2.4.0', policy: { name: 'payments', digest: 'a'.repeat(64) }, weight: 10, commit: 'abc123' };

function decision(minute: number, canaryValue = 0.004): StepDecision {
  return {
    decision: 'hold', step: 0, nextStep: 0, check: 'waiting', score: 100, time: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`,
    reasons: [{ code: 'min-duration', effect: 'hold', message: 'step 0 has run 2m of 10m' }],
    metrics: [{ metric: 'http-errors', critical: true, classification: 'pass', canary: canaryValue, baseline: 0.004, effect: 0, interval: null, pValue: null, reason: 'ok', samples: { canary: 900, baseline: 950 }, data: { canary: 'c'.repeat(64), baseline: 'b'.repeat(64) } }],
    approvals: [{ who: 'alice', role: 'release-manager', time: '2026-11-27T09:00:00.000Z', commit: 'abc123', counted: true }],
  };
}

/** A chain of `n` records, one a minute. */
function chain(n: number): DecisionRecord[] {
  const out: DecisionRecord[] = [];
  for (let i = 0; i < n; i++) out.push(buildDecisionRecord(CTX, decision(i), out.at(-1)));
  return out;
}

describe('building and verifying a chain in memory', () => {
  it('links each record to the one before and validates against the schema', () => {
    const c = chain(3);
    expect(c.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.prev).toBeNull();
    expect(c[2]!.prev).toBe(c[1]!.hash);
    expect(c.flatMap(decisionProblems)).toEqual([]);
    expect(verifyChain(c)).toEqual({ ok: true, problems: [], heads: { 'payments/v2.4.0': { seq: 3, hash: c[2]!.hash } } });
  });

  it('finds an edit, a middle removal, a reordering and a truncation caught by an anchor', () => {
    const c = chain(4);
    const edited = c.map((r, i) => (i === 1 ? { ...r, score: 50 } : r));
    expect(verifyChain(edited).problems.map((p) => [p.id, p.problem])).toEqual([[c[1]!.id, 'edited']]);
    const removed = [c[0]!, c[2]!, c[3]!];
    expect(verifyChain(removed).problems.map((p) => [p.id, p.problem])).toEqual([[c[2]!.id, 'removed'], [c[2]!.id, 'broken-link']]);
    expect(verifyChain([c[0]!, c[2]!, c[1]!, c[3]!]).problems.map((p) => [p.id, p.problem])).toEqual([[c[2]!.id, 'reordered']]);
    const truncated = c.slice(0, 3);
    expect(verifyChain(truncated).ok).toBe(true);
    expect(verifyChain(truncated, [{ project: 'payments', rollout: 'v2.4.0', hash: c[3]!.hash }]).problems.map((p) => p.problem)).toEqual(['removed']);
  });

  it('an edit with a recomputed hash breaks the next link', () => {
    const c = chain(3);
    const forged = buildDecisionRecord(CTX, { ...decision(1), decision: 'promote' }, c[0]);
    expect(verifyChain([c[0]!, forged, c[2]!]).problems.map((p) => [p.id, p.problem])).toEqual([[c[2]!.id, 'broken-link']]);
  });

  it('reports a history record whose decision record was stripped, without failing', () => {
    const [first] = chain(1);
    const wrapper = { schemaVersion: 1 as const, id: first!.id, project: 'payments', time: first!.time, kind: 'decision' as const, record: null as unknown as DecisionRecord };
    expect(verifyChain([wrapper]).problems.map((p) => [p.id, p.problem])).toEqual([[first!.id, 'edited']]);
  });

  it('refuses a decision not later than the previous one', () => {
    const [first] = chain(1);
    expect(() => buildDecisionRecord(CTX, decision(0), first)).toThrow(/not after the previous decision/);
  });
});

describe('against the file store', () => {
  let dir: string;
  let store: HistoryStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'phasegate-chain-'));
    store = await openStore(`file:${dir}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Rewrites the store's NDJSON lines with `edit` (a reopened store reads them afresh). */
  function tamper(edit: (lines: string[]) => string[]): void {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ndjson'));
    expect(files).toHaveLength(1);
    const file = path.join(dir, files[0]!);
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    writeFileSync(file, `${edit(lines).join('\n')}\n`);
  }

  async function verifyStored() {
    const reopened = await openStore(`file:${dir}`);
    try {
      return verifyChain(await reopened.query({ project: 'payments' }));
    } finally {
      await reopened.close();
    }
  }

  it('appends, reads back, is idempotent on retry, and verifies', async () => {
    const c = chain(3);
    for (const r of c) await appendDecision(store, r);
    await appendDecision(store, c[2]!);
    expect(await readDecisions(store, 'payments', 'v2.4.0')).toEqual(c);
    expect((await verifyStored()).ok).toBe(true);
  });

  it('refuses a different decision in a place already taken', async () => {
    const [first] = chain(1);
    await appendDecision(store, first!);
    const other = buildDecisionRecord(CTX, decision(5));
    await expect(appendDecision(store, other)).rejects.toThrow(/already recorded with other content/);
  });

  it('reports an amount edited in a stored record at its id', async () => {
    const c = chain(3);
    for (const r of c) await appendDecision(store, r);
    tamper((lines) => lines.map((l) => (l.includes(c[1]!.id) ? l.replace('"canary":0.004', '"canary":0.001') : l)));
    expect((await verifyStored()).problems.map((p) => [p.id, p.problem])).toEqual([[c[1]!.id, 'edited']]);
  });

  it('reports a deleted middle record as a broken link', async () => {
    const c = chain(3);
    for (const r of c) await appendDecision(store, r);
    tamper((lines) => lines.filter((l) => !l.includes(c[1]!.id)));
    const problems = (await verifyStored()).problems;
    expect(problems).toContainEqual(expect.objectContaining({ id: c[2]!.id, problem: 'broken-link' }));
    expect(problems).toContainEqual(expect.objectContaining({ id: c[2]!.id, problem: 'removed' }));
  });
});
