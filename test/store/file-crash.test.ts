/**
 * The file store under stress: several writer processes at once, writers killed mid-append,
 * torn and corrupt lines. Writers are separate processes running the built store (dist/).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { ids, run } from './builders.js';

const CHILD = path.join(ROOT, 'test', 'store', 'fixtures', 'append-child.mjs');

/** The built store must be at least as new as its source, or the child processes test old code. */
function assertDistFresh(): void {
  const src = path.join(ROOT, 'src', 'store');
  for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'))) {
    const built = path.join(ROOT, 'dist', 'store', f.replace(/\.ts$/, '.js'));
    let fresh = false;
    try {
      fresh = statSync(built).mtimeMs >= statSync(path.join(src, f)).mtimeMs;
    } catch {
      // missing: not fresh
    }
    if (!fresh) throw new Error(`dist/store/${f.replace(/\.ts$/, '.js')} is missing or older than its source: run npm run build (npm test does)`);
  }
}

function writer(url: string, n: number, batches: number | 'forever', size: number) {
  const child = spawn(process.execPath, [CHILD, url, String(n), String(batches), String(size)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const acked = (): number => out.split('\n').filter((l) => l.startsWith('acked ')).length;
  return { child, acked, output: () => `${out}${err}` };
}

/** Every line of every partition file, parsed (throws on a corrupt line). */
function allLines(dir: string): { id: string }[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ndjson')).flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string }));
}

describe('file store: several writers, killed writers', () => {
  beforeAll(assertDistFresh);

  it('keeps every record of six concurrent writer processes exactly once, with no corrupt line', async () => {
    const dir = tempDir();
    const url = `file:${dir}`;
    const writers = Array.from({ length: 6 }, (_, i) => writer(url, i, 15, 20));
    const codes = await Promise.all(writers.map(async (w) => (await once(w.child, 'exit'))[0] as number));
    expect(codes, writers.map((w) => w.output()).join('\n')).toEqual([0, 0, 0, 0, 0, 0]);
    const lines = allLines(dir);
    // 6 writers × 15 batches × 20 own records, plus 15 shared ids each stored once.
    expect(lines.length).toBe(6 * 15 * 20 + 15);
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    const store = await openStore(url);
    expect((await store.query({})).length).toBe(lines.length);
    expect(store.warnings()).toEqual([]);
  });

  it('rolls back the batch of a writer killed mid-append; acknowledged batches stay whole', async () => {
    const dir = tempDir();
    const url = `file:${dir}`;
    for (const delay of [150, 400]) {
      const w = writer(url, delay, 'forever', 3000);
      while (w.acked() < 1) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, delay));
      w.child.kill('SIGKILL');
      await once(w.child, 'close');
      const store = await openStore(url, { lockStaleMs: 2000 });
      const stored = new Set(ids(await store.query({})));
      // Batch B of this writer holds ids w<delay>-b<B>-0..2999: either all of it or none.
      const perBatch = new Map<string, number>();
      for (const id of stored) if (id.startsWith(`w${delay}-`)) perBatch.set(id.split('-')[1]!, (perBatch.get(id.split('-')[1]!) ?? 0) + 1);
      for (let b = 0; b < w.acked(); b++) expect(perBatch.get(`b${b}`)).toBe(3000);
      expect([...perBatch.values()].every((n) => n === 3000)).toBe(true);
      expect(store.warnings().every((x) => x.message.startsWith('rolled back '))).toBe(true);
      expect(await store.append([run(`after-${delay}`, '2026-01-01T00:00:00Z')])).toBe(1);
      expect(allLines(dir).length).toBe(stored.size + 1);
    }
  });
});
