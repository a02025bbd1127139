/**
 * A real PostgreSQL 15 server for the store tests: one throwaway cluster per test file
 * (bench/pg-server.mjs starts it), a fresh database per test. Without the server binaries the
 * tests are skipped with the reason printed, except under CI=true, where they fail instead.
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { postgresMissing, startPostgres, type ThrowawayPostgres } from '../../bench/pg-server.mjs';

/** Why the PostgreSQL tests are skipped, or undefined when they run (always under CI=true). */
export function postgresSkipReason(): string | undefined {
  const missing = postgresMissing();
  if (!missing || process.env.CI === 'true') return undefined;
  console.warn(`skipping the PostgreSQL store tests: ${missing}`);
  return missing;
}

/** The server of the current test file. */
export interface TestPostgres {
  server: ThrowawayPostgres;
  /** An admin connection (superuser, database postgres). */
  admin: pg.Client;
  /** A URL for a new, empty database. */
  newDatabase(): Promise<string>;
}

/** Registers beforeAll/afterAll hooks that start and stop a server; call inside a describe. */
export function usePostgres(): () => TestPostgres {
  let ctx: TestPostgres | undefined;
  let n = 0;
  beforeAll(async () => {
    const server = await startPostgres();
    const admin = new pg.Client(server.url);
    await admin.connect();
    const newDatabase = async (): Promise<string> => {
      const name = `phasegate_t${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return server.url.replace(/\/postgres$/, `/${name}`);
    };
    ctx = { server, admin, newDatabase };
  });
  afterAll(async () => {
    await ctx?.admin.end().catch(() => undefined);
    ctx?.server.stop();
  });
  return () => {
    if (!ctx) throw new Error('PostgreSQL test server not started');
    return ctx;
  };
}
