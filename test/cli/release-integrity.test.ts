/**
 * `phasegate release` decides only on an intact history, and `release verify` catches store
 * damage and forged appends: the reproducers of issue 10 (edited then evaluated, truncated
 * file, duplicate id, forged append under a key with and without --anchor, keys missing).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../src/io/json.js';
import { cli, expectNoStack, ROOT, tempDir } from '../helpers/cli.js';

const POLICY = readFileSync(path.join(ROOT, 'test/fixtures/release/latency-policy.yaml'), 'utf8');
const points = (v: number) => Array.from({ length: 20 }, (_, i) => ({ t: `2024-03-01T00:${String(i * 2).padStart(2, '0')}:00Z`, v: v + (i % 5) / 1000 }));
const SAMPLES = JSON.stringify({ canary: points(0.2), baseline: points(0.2) });
const KEY = { PHASEGATE_RECORD_KEY: 'a-test-key-of-more-than-16-bytes' };

function setup(): { dir: string; evaluate: (minute: number, env?: NodeJS.ProcessEnv) => ReturnType<typeof cli>; verify: (env?: NodeJS.ProcessEnv, extra?: string[]) => ReturnType<typeof cli>; file: () => string } {
  const dir = tempDir({ 'p.yaml': POLICY, 's.json': SAMPLES });
  const evaluate = (minute: number, env: NodeJS.ProcessEnv = {}) =>
    cli(['release', 'evaluate', '--project', 'payments', '--rollout', 'v2', '--store', 'file:h', '--policy', 'p.yaml', '--step', '0', '--samples', 's.json', '--format', 'json', '--started-at', '2024-03-01T00:00:00Z', '--window', '60m', '--now', `2024-03-01T00:${String(minute).padStart(2, '0')}:00Z`], { cwd: dir, env: { PHASEGATE_RECORD_KEY: undefined, PHASEGATE_RECORD_KEY_FILE: undefined, ...env } });
  const verify = (env: NodeJS.ProcessEnv = {}, extra: string[] = []) => cli(['release', 'verify', '--project', 'payments', '--store', 'file:h', ...extra], { cwd: dir, env: { PHASEGATE_RECORD_KEY: undefined, PHASEGATE_RECORD_KEY_FILE: undefined, ...env } });
  const file = () => path.join(dir, 'h', readdirSync(path.join(dir, 'h')).find((f) => f.endsWith('.ndjson'))!);
  return { dir, evaluate, verify, file };
}

describe('release evaluate decides only on an intact history', () => {
  it('prints the chain head, refuses (exit 2, nothing appended) after a record was edited without fixing its hash', () => {
    const s = setup();
    const first = s.evaluate(40);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.head).toBe(`payments/v2=${out.record.hash}`);
    expect(out.record).toMatchObject({ seq: 1, alg: 'sha256' });
    writeFileSync(s.file(), readFileSync(s.file(), 'utf8').replace('"decision":"promote"', '"decision":"rollback"'));
    const before = readFileSync(s.file(), 'utf8');
    const r = s.evaluate(50);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^phasegate: the history of payments\/v2 is not intact: edited: .*nothing was decided or recorded/);
    expectNoStack(r.stderr);
    expect(readFileSync(s.file(), 'utf8')).toBe(before);
  });

  it('refuses when the store is damaged (a torn line)', () => {
    const s = setup();
    expect(s.evaluate(40).code).toBe(0);
    appendFileSync(s.file(), '{"schemaVersion":1,"id":"torn');
    const r = s.evaluate(50);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not intact: store: .*incomplete last line/);
  });
});

describe('release verify counts store damage', () => {
  it('a file truncated mid-line: exit 1 naming the torn line', () => {
    const s = setup();
    for (const m of [40, 41, 42, 43, 44]) expect(s.evaluate(m).code).not.toBe(2);
    const text = readFileSync(s.file(), 'utf8');
    const lines = text.split('\n');
    writeFileSync(s.file(), `${lines.slice(0, 2).join('\n')}\n${lines[2]!.slice(0, 40)}`);
    const r = s.verify();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^phasegate: store: .*\.ndjson:3: incomplete last line/m);
    expect(r.stdout).toMatch(/tampered with or damaged: 1 problem/);
  });

  it('a duplicate id with edited content: exit 1 naming it', () => {
    const s = setup();
    expect(s.evaluate(40).code).toBe(0);
    const line = readFileSync(s.file(), 'utf8').split('\n')[0]!;
    appendFileSync(s.file(), `${line.replace('"decision":"promote"', '"decision":"rollback"')}\n`);
    const r = s.verify();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/store: .*:2: duplicate id \S+ with content that differs/);
  });
});

describe('keyed records', () => {
  /** A forged next decision appended by someone without the key: sha256 over the content, alg and key id copied. */
  function forge(s: ReturnType<typeof setup>): void {
    const last = JSON.parse(readFileSync(s.file(), 'utf8').trim().split('\n').at(-1)!);
    const d = { ...last.record, seq: last.record.seq + 1, time: '2024-03-01T00:59:00.000Z', prev: last.record.hash, decision: 'promote' };
    d.id = `${d.id.replace(/\d+$/, '')}${d.seq}`;
    const { hash: _h, ...content } = d;
    d.hash = createHash('sha256').update(stableJson(content)).digest('hex');
    appendFileSync(s.file(), `${JSON.stringify({ ...last, id: d.id, time: d.time, record: d })}\n`);
  }

  it('a forged append fails verify under the key, with and without --anchor; without the key verify exits 2', () => {
    const s = setup();
    expect(s.evaluate(40, KEY).code).toBe(0);
    const second = JSON.parse(s.evaluate(45, KEY).stdout);
    expect(second.record).toMatchObject({ alg: 'hmac-sha256', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(readFileSync(s.file(), 'utf8')).not.toContain(KEY.PHASEGATE_RECORD_KEY);
    expect(s.verify(KEY)).toMatchObject({ code: 0, stdout: '2 decision records in 1 chain verified: intact\n' });
    forge(s);
    for (const extra of [[], ['--anchor', second.head]]) {
      const r = s.verify(KEY, extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/edited: .*does not match its HMAC/);
    }
    const nokey = s.verify();
    expect(nokey.code).toBe(2);
    expect(nokey.stderr).toMatch(/^phasegate: 3 decision records are keyed \(hmac-sha256, key id [0-9a-f]{16}\) and no record key is set; set PHASEGATE_RECORD_KEY/);
    expect(s.evaluate(58).code).toBe(2);
  });

  it('unkeyed records verify with a key set (counted as unkeyed); keyed records with another key exit 2', () => {
    const s = setup();
    expect(s.evaluate(40).code).toBe(0);
    expect(s.verify(KEY)).toMatchObject({ code: 0, stdout: '1 decision records in 1 chain verified: intact (1 of them unkeyed, sha256 only: recorded without a record key)\n' });
    expect(s.evaluate(45, KEY).code).not.toBe(2);
    expect(s.verify(KEY).code).toBe(0);
    const other = s.verify({ PHASEGATE_RECORD_KEY: 'another-key-of-more-than-16-bytes' });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/recorded with key id [0-9a-f]{16}, but the record key set has id/);
  });
});
