/**
 * The file store reading damaged partitions: a torn last line, a corrupt line in the middle,
 * the journal and bytes a killed writer leaves, a lock a killed writer leaves, retention files.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLine } from '../../src/store/file/lines.js';
import { openStore } from '../../src/store/open.js';
import { tempDir } from '../helpers/cli.js';
import { ids, run } from './builders.js';

const JAN = '2026-01.ndjson';

async function storeWith(records: ReturnType<typeof run>[]) {
  const dir = tempDir();
  const store = await openStore(`file:${dir}`, { lockStaleMs: 2000 });
  await store.append(records);
  return { dir, store, jan: path.join(dir, JAN) };
}

describe('file store: damaged partitions', () => {
  it('skips and reports a torn last line; the next append starts a new line', async () => {
    const { store, jan } = await storeWith([run('a', '2026-01-01T00:00:00Z'), run('b', '2026-01-02T00:00:00Z')]);
    appendFileSync(jan, '{"schemaVersion":1,"id":"torn","kind":"run","proj');
    expect(ids(await store.query({}))).toEqual(['a', 'b']);
    expect(store.warnings()).toEqual([{ where: `${jan}:3`, message: 'incomplete last line (a writer was stopped mid-append); skipped' }]);
    expect(await store.append([run('c', '2026-01-03T00:00:00Z')])).toBe(1);
    const lines = readFileSync(jan, 'utf8').split('\n');
    expect(lines[2]).toBe('{"schemaVersion":1,"id":"torn","kind":"run","proj');
    expect(JSON.parse(lines[3]!)).toMatchObject({ id: 'c' });
    const fresh = await openStore(`file:${path.dirname(jan)}`);
    expect(ids(await fresh.query({}))).toEqual(['a', 'b', 'c']);
    expect(fresh.warnings()).toEqual([{ where: `${jan}:3`, message: 'corrupt line (not complete JSON, e.g. left by a writer stopped mid-append); skipped' }]);
  });

  it('skips and reports a corrupt line in the middle, keeping everything else', async () => {
    const { dir, store, jan } = await storeWith([run('a', '2026-01-01T00:00:00Z')]);
    appendFileSync(jan, 'garbage\n[1,2]\n{"id":"x"}\n');
    await store.append([run('b', '2026-01-02T00:00:00Z')]);
    expect(ids(await store.query({}))).toEqual(['a', 'b']);
    expect(await store.projects()).toEqual(['acme']);
    expect(store.warnings().map((w) => [path.relative(dir, w.where), w.message.split(';')[0]])).toEqual([
      [`${JAN}:2`, 'corrupt line (not complete JSON, e.g. left by a writer stopped mid-append)'],
      [`${JAN}:3`, 'line is not a JSON object'],
      [`${JAN}:4`, 'line lacks a string id, project, kind or a valid time'],
    ]);
  });

  it('rolls back what a killed writer left: its journal names the sizes before its batch', async () => {
    const { dir, store, jan } = await storeWith([run('a', '2026-01-01T00:00:00Z')]);
    const feb = path.join(dir, '2026-02.ndjson');
    const janSize = readFileSync(jan).length;
    writeFileSync(path.join(dir, '.append-journal.json'), JSON.stringify({ pid: 4242, sizes: { [JAN]: janSize, '2026-02.ndjson': 0 } }));
    appendFileSync(jan, `${JSON.stringify(run('half1', '2026-01-05T00:00:00Z'))}\n`);
    writeFileSync(feb, `${JSON.stringify(run('half2', '2026-02-05T00:00:00Z'))}\n{"id":`);
    expect(ids(await store.query({}))).toEqual(['a']);
    expect(store.warnings().map((w) => w.message)).toEqual([
      expect.stringMatching(/^rolled back \d+ bytes of an append that process 4242 did not finish/),
      expect.stringMatching(/^rolled back \d+ bytes of an append that process 4242 did not finish/),
    ]);
    expect(existsSync(path.join(dir, '.append-journal.json'))).toBe(false);
    expect(readFileSync(jan).length).toBe(janSize);
    expect(await store.append([run('half1', '2026-01-05T00:00:00Z')])).toBe(1);
  });

  it('takes over a lock whose holder was killed once it is stale', async () => {
    const { dir, store } = await storeWith([]);
    mkdirSync(path.join(dir, '.lock'));
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, '.lock'), old, old);
    expect(await store.append([run('a', '2026-01-01T00:00:00Z')])).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['.fence', JAN]);
  });

  it('gives up on a live lock after the timeout with a clear message', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.lock'));
    const store = await openStore(`file:${dir}`, { lockStaleMs: 60_000, lockTimeoutMs: 300 });
    await expect(store.append([run('a', '2026-01-01T00:00:00Z')])).rejects.toThrow(/\.lock: cannot lock the history store \(another phasegate held it for more than 0.3 s\)/);
  });

  it('prunes by dropping whole months and rewriting the month that straddles the cut', async () => {
    const { dir, store } = await storeWith([run('a', '2025-12-01T00:00:00Z'), run('b', '2026-01-01T00:00:00Z'), run('c', '2026-01-20T00:00:00Z')]);
    expect(await store.prune('2026-01-10')).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['.fence', JAN]);
    expect(readFileSync(path.join(dir, JAN), 'utf8')).toBe(`${recordLine(run('c', '2026-01-20T00:00:00Z'))}\n`);
    expect(recordLine(run('c', '2026-01-20T00:00:00Z'))).toMatch(/^\{"branch":"main","buildId":"c",.*"metrics":\{"coverage.line":81.5,"tests.total":10\},.*"time":"2026-01-20T00:00:00Z"\}$/);
  });
});
