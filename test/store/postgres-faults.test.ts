/**
 * The PostgreSQL adapter's own promises: migrations applied once even when many stores open
 * at once, a connection dropped mid-write rolled back and retried once without duplicates,
 * and clear one-line errors, without the password, for servers it cannot use.
 */
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import { openStore } from '../../src/store/open.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';
import { run } from './builders.js';

const records = Array.from({ length: 100 }, (_, i) => run(`r${i}`, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client(url);
  await c.connect();
  return c;
}

/** Waits until a store backend other than `spare` waits on a row lock, then terminates it; returns its pid. */
async function terminateWaitingWriter(admin: pg.Client, database: string, spare = 0): Promise<number> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'phasegate' AND wait_event_type = 'Lock' AND pid <> $2", [database, spare]);
    if (rows[0]) {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      return rows[0].pid;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the store never waited on the lock');
}

describe.skipIf(postgresSkipReason() !== undefined)('PostgreSQL adapter: migrations, faults, errors', () => {
  const pgs = usePostgres();
  const dbName = (url: string): string => new URL(url).pathname.slice(1);

  it('applies each migration once, when eight stores open the same new database at once and again later', async () => {
    const url = await pgs().newDatabase();
    const stores = await Promise.all(Array.from({ length: 8 }, () => openStore(url)));
    await Promise.all(stores.map((s) => s.close()));
    await (await openStore(url)).close();
    const c = await client(url);
    const { rows } = await c.query('SELECT version, count(*)::int AS n FROM phasegate_migrations GROUP BY version ORDER BY version');
    expect(rows).toEqual([{ version: 1, n: 1 }]);
    const idx = await c.query("SELECT indexname FROM pg_indexes WHERE tablename = 'phasegate_records' ORDER BY indexname");
    expect(idx.rows.map((r: { indexname: string }) => r.indexname)).toEqual(['phasegate_records_kind_time', 'phasegate_records_pkey', 'phasegate_records_project_time', 'phasegate_records_time']);
    await c.query("INSERT INTO phasegate_migrations (version, name) VALUES (99, 'from the future')");
    await c.end();
    await expect(openStore(url)).rejects.toThrow(/schema version 99, newer than this phasegate knows \(1\); upgrade phasegate/);
  });

  /**
   * A store appending `records` on a new database while another connection holds an
   * uncommitted row with the id `held`: the store's INSERT waits mid-statement.
   */
  async function blockedAppend(held: string) {
    const url = await pgs().newDatabase();
    const store = await openStore(url);
    const blocker = await client(url);
    await blocker.query('BEGIN');
    await blocker.query("INSERT INTO phasegate_records VALUES ($1, 'x', 'run', now(), '{}')", [held]);
    const appending = store.append(records).catch((e: unknown) => e);
    const kill = (spare?: number): Promise<number> => terminateWaitingWriter(pgs().admin, dbName(url), spare);
    const done = (): Promise<unknown> => Promise.all([store.close(), blocker.end()]);
    return { store, blocker, appending, kill, done };
  }

  it('rolls back and retries once when the connection drops mid-write: every record once', async () => {
    const { store, blocker, appending, kill, done } = await blockedAppend('r50');
    const killed = await kill();
    await blocker.query('ROLLBACK');
    expect(await appending).toBe(100);
    const { rows } = await blocker.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM phasegate_records');
    expect(rows).toEqual([{ n: 100, d: 100 }]);
    const alive = await pgs().admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [killed]);
    expect(alive.rowCount).toBe(0);
    expect(await store.append(records)).toBe(0);
    await done();
  });

  it('gives up after one retry with a clear error, having written nothing', async () => {
    const { blocker, appending, kill, done } = await blockedAppend('r99');
    await kill(await kill());
    const err = await appending;
    await blocker.query('ROLLBACK');
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as Error).message).toMatch(/^lost the connection to PostgreSQL at 127\.0\.0\.1:\d+, database phasegate_t\d+ while appending records, and again on the retry \(57P01\)/);
    expect((await blocker.query('SELECT count(*)::int AS n FROM phasegate_records')).rows).toEqual([{ n: 0 }]);
    await done();
  });

  it('says which server it cannot reach, in one line, without the password', async () => {
    const port = await closedPort();
    const err = await openStore(`postgres://ci:s3cr3t-pw@127.0.0.1:${port}/history`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as Error).message).toBe(`cannot connect to PostgreSQL at 127.0.0.1:${port}, database history (ECONNREFUSED); check that the server is running and the URL's host and port`);
  });

  it('says when the password or the database is wrong, without the password', async () => {
    const { port, password } = pgs().server;
    const wrong = await openStore(`postgres://postgres:not-${password}@127.0.0.1:${port}/postgres`).catch((e: unknown) => e);
    expect((wrong as Error).message).toMatch(new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port}, database postgres refused user postgres: password authentication failed for user "postgres"; check the user and password of the URL$`));
    expect((wrong as Error).message).not.toContain(password);
    const nodb = await openStore(`postgres://postgres:${password}@127.0.0.1:${port}/nosuchdb`).catch((e: unknown) => e);
    expect((nodb as Error).message).toBe(`PostgreSQL at 127.0.0.1:${port}, database nosuchdb: the database does not exist; create it or fix the URL`);
  });
});
