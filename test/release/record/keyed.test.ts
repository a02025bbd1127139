/**
 * Keyed decision records (HMAC-SHA256 under PHASEGATE_RECORD_KEY) and the intact-history check
 * evaluate runs before deciding: forged appends, keys missing or swapped, unkeyed records after
 * keyed ones, store damage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepDecision } from '../../../src/release/decision/types.js';
import { assertIntact, buildDecisionRecord, decisionHistoryRecord, decisionProblems, recordHash, recordKeyFromEnv, recordKeyOf, verifyChain, type DecisionRecord, type RecordContext } from '../../../src/release/record/index.js';

const KEY = recordKeyOf('k'.repeat(32), 'test key');
const OTHER = recordKeyOf('o'.repeat(32), 'other key');
const CTX: RecordContext = { project: 'payments', rollout: 'v1', policy: { name: 'payments', digest: 'a'.repeat(64) }, weight: 10 };

function decision(minute: number, kind: StepDecision['decision'] = 'hold'): StepDecision {
  return { decision: kind, step: 0, nextStep: 0, check: 'waiting', score: 100, time: `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`, reasons: [], metrics: [], approvals: [] };
}

function chain(n: number, key = KEY, after: DecisionRecord[] = []): DecisionRecord[] {
  const out = [...after];
  for (let i = 0; i < n; i++) out.push(buildDecisionRecord({ ...CTX, key }, decision(out.length), out.at(-1)));
  return out;
}

describe('keyed records', () => {
  it('carry alg and key id, never the key, validate against the schema and verify with the key', () => {
    const c = chain(3);
    expect(c.map((r) => [r.alg, r.keyId])).toEqual(Array(3).fill(['hmac-sha256', KEY.id]));
    expect(JSON.stringify(c)).not.toContain('k'.repeat(32));
    expect(c.flatMap(decisionProblems)).toEqual([]);
    expect(verifyChain(c, [], { key: KEY }).ok).toBe(true);
    expect(buildDecisionRecord(CTX, decision(0)).alg).toBe('sha256');
  });

  it('a forged append without the key fails, with and without an anchor', () => {
    const c = chain(2);
    const content = { ...buildDecisionRecord(CTX, decision(9, 'promote'), { ...c[1]!, alg: 'sha256' }), alg: 'hmac-sha256' as const, keyId: KEY.id };
    const forged = { ...content, hash: recordHash({ ...content, alg: 'sha256' }) };
    for (const anchors of [[], [{ project: 'payments', rollout: 'v1', hash: c[1]!.hash }]]) {
      expect(verifyChain([...c, forged], anchors, { key: KEY }).problems.map((p) => [p.id, p.problem])).toEqual([[forged.id, 'edited']]);
    }
    const unkeyed = buildDecisionRecord(CTX, decision(9, 'promote'), { ...c[1]!, alg: 'sha256' });
    expect(verifyChain([...c, unkeyed], [], { key: KEY }).problems.map((p) => p.problem)).toEqual(['unkeyed']);
    const withOtherKey = buildDecisionRecord({ ...CTX, key: OTHER }, decision(9, 'promote'), c[1]);
    expect(verifyChain([...c, withOtherKey], [], { key: KEY }).problems.map((p) => p.problem)).toEqual(['edited']);
  });

  it('keyed records without the key, or with another key, cannot be verified (exit 2)', () => {
    const c = chain(2);
    expect(() => verifyChain(c)).toThrow(/2 decision records are keyed \(hmac-sha256, key id [0-9a-f]{16}\) and no record key is set; set PHASEGATE_RECORD_KEY/);
    expect(() => verifyChain(c, [], { key: OTHER })).toThrow(/recorded with key id .* but the record key set has id/);
    expect(() => buildDecisionRecord(CTX, decision(5), c[1])).toThrow(/are keyed .* no record key is set/);
  });

  it('records written before keying (no alg) still verify, with or without a key; a chain may become keyed', () => {
    const legacy = chain(2, undefined as never).map(({ alg: _alg, ...r }) => ({ ...r, hash: recordHash(r) }) as DecisionRecord);
    const fixed = [legacy[0]!];
    const second = { ...legacy[1]!, prev: legacy[0]!.hash };
    fixed.push({ ...second, hash: recordHash(second) });
    expect(fixed[0]!.alg).toBeUndefined();
    expect(fixed.flatMap(decisionProblems)).toEqual([]);
    expect(verifyChain(fixed).ok).toBe(true);
    expect(verifyChain(fixed, [], { key: KEY }).ok).toBe(true);
    expect(verifyChain(chain(1, KEY, fixed), [], { key: KEY }).ok).toBe(true);
  });
});

describe('the record key from the environment', () => {
  it('reads the key inline or from a file, refuses both, short keys and non-files, never quoting the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phasegate-key-'));
    try {
      writeFileSync(path.join(dir, 'key'), `${'k'.repeat(32)}\n`);
      expect(recordKeyFromEnv({})).toBeUndefined();
      expect(recordKeyFromEnv({ PHASEGATE_RECORD_KEY: 'k'.repeat(32) })?.id).toBe(KEY.id);
      expect(recordKeyFromEnv({ PHASEGATE_RECORD_KEY_FILE: path.join(dir, 'key') })?.id).toBe(KEY.id);
      expect(() => recordKeyFromEnv({ PHASEGATE_RECORD_KEY: 'x'.repeat(32), PHASEGATE_RECORD_KEY_FILE: 'f' })).toThrow(/set only one/);
      expect(() => recordKeyFromEnv({ PHASEGATE_RECORD_KEY: 'short-secret' })).toThrow(/shorter than 16 bytes/);
      expect(() => recordKeyFromEnv({ PHASEGATE_RECORD_KEY: 'short-secret' })).not.toThrow(/short-secret/);
      expect(() => recordKeyFromEnv({ PHASEGATE_RECORD_KEY_FILE: dir })).toThrow(/regular file/);
      expect(() => recordKeyFromEnv({ PHASEGATE_RECORD_KEY_FILE: path.join(dir, 'nope') })).toThrow(/ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('assertIntact', () => {
  const input = (records: DecisionRecord[], warnings: { where: string; message: string; recovered?: boolean }[] = []) => ({ project: 'payments', rollout: 'v1', records: records.map(decisionHistoryRecord), warnings, key: KEY });

  it('returns the rollout chain when it verifies and the store saw no damage (completed repairs do not count)', () => {
    const c = chain(2);
    expect(assertIntact(input(c, [{ where: 'f', message: 'rolled back 5 bytes', recovered: true }]))).toEqual(c);
  });

  it('refuses an edited record, and store damage, in one line', () => {
    const c = chain(2);
    const edited = [c[0]!, { ...c[1]!, decision: 'promote' as const }];
    expect(() => assertIntact(input(edited))).toThrow(/^the history of payments\/v1 is not intact: edited: .*nothing was decided or recorded; run phasegate release verify --project payments/);
    expect(() => assertIntact(input(c, [{ where: 'h/2026-11.ndjson:3', message: 'incomplete last line' }]))).toThrow(/not intact: store: h\/2026-11\.ndjson:3: incomplete last line/);
  });
});
