/**
 * One lock holder: a writer paused (SIGSTOP) past the lock's stale timeout loses the lock to
 * another process, and its commit then fails (fencing token), so every record is stored
 * exactly once. Real processes on the built store (dist/), paused at each point of a batch.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

const CHILD = path.join(ROOT, 'test', 'store', 'fixtures', 'fence-child.mjs');

function writer(dir: string, n: string, pauseAt?: string, retry = false) {
  const env = { ...process.env, PHASEGATE_TEST_PAUSE_AT: pauseAt };
  const child = spawn(process.execPath, [CHILD, `file:${dir}`, n, ...(retry ? ['retry'] : [])], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exit, output: () => out };
}

/** Waits until process `pid` is stopped (state T in /proc). */
async function stopped(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (/^\d+ \(.*\) T/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`process ${pid} did not stop`);
}

const lines = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.ndjson'))
    .flatMap((n) => readFileSync(path.join(dir, n), 'utf8').split('\n').filter((l) => l !== ''));

describe.skipIf(process.platform !== 'linux')('file store: a writer paused past the stale timeout', () => {
  it.each([
    ['locked', 'after taking the lock', false],
    ['written', 'after writing its lines, before committing', false],
    ['committed', 'after committing, before ending its batch', true],
  ])('paused %s (%s): exactly one copy of every record', async (at, _what, pausedWins) => {
    const dir = tempDir();
    const a = writer(dir, 'a', at);
    await stopped(a.child.pid!);
    const b = writer(dir, 'b');
    expect(await b.exit).toBe(0);
    a.child.kill('SIGCONT');
    const aCode = await a.exit;
    if (pausedWins) {
      expect([aCode, a.output()]).toEqual([0, 'acked 2\n']);
      expect(b.output()).toBe('acked 1\n');
    } else {
      expect([aCode, a.output()]).toEqual([2, `error: ${dir}: the store lock was taken over while this process was paused; nothing was written; run again\n`]);
      expect(b.output()).toBe('acked 2\n');
    }
    const stored = lines(dir).map((l) => (JSON.parse(l) as { id: string }).id).sort();
    expect(stored).toEqual(pausedWins ? ['own-a', 'own-b', 'shared'] : ['own-b', 'shared']);
    const store = await openStore(`file:${dir}`);
    expect((await store.query({})).length).toBe(stored.length);
    expect(store.warnings().filter((w) => !w.recovered)).toEqual([]);
    await store.close();
  }, 30_000);

  it('a writer that lost the lock can retry on the same store object: its own record is then stored, the shared one still once', async () => {
    const dir = tempDir();
    const a = writer(dir, 'a', 'written', true);
    await stopped(a.child.pid!);
    const b = writer(dir, 'b');
    expect(await b.exit).toBe(0);
    a.child.kill('SIGCONT');
    await a.exit;
    expect(a.output()).toMatch(/the store lock was taken over .*\nretry acked 1\n$/);
    expect(lines(dir).map((l) => (JSON.parse(l) as { id: string }).id).sort()).toEqual(['own-a', 'own-b', 'shared']);
  }, 30_000);

  it('two phasegate processes (release approve), the first paused after taking the lock: it exits 2, the approval is stored once', async () => {
    const dir = tempDir();
    const args = [BIN, 'release', 'approve', '--project', 'payments', '--rollout', 'v2', '--store', `file:${dir}`, '--by', 'alice', '--role', 'release-manager', '--step', '1', '--commit', 'abc123', '--time', '2026-01-05T10:00:00Z'];
    const run = (pauseAt?: string) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PHASEGATE_LOCK_STALE_MS: '2000', PHASEGATE_TEST_PAUSE_AT: pauseAt } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return { child, exit: once(child, 'exit').then(([code]) => code as number | null), output: () => out };
    };
    const a = run('locked');
    await stopped(a.child.pid!);
    const b = run();
    expect(await b.exit).toBe(0);
    a.child.kill('SIGCONT');
    expect(await a.exit).toBe(2);
    expect(a.output()).toBe(`phasegate: ${dir}: the store lock was taken over while this process was paused; nothing was written; run again\n`);
    expect(lines(dir)).toHaveLength(1);
  }, 30_000);
});
