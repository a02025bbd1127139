/**
 * Schema migrations of the PostgreSQL history store, applied by phasegate itself when a store
 * is opened: numbered, each once, in one transaction under an advisory lock so that several
 * pipelines starting at once never race. `phasegate_migrations` lists what was applied.
 */
import type { PoolClient } from 'pg';
import { PhasegateError } from '../../errors.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records table, indexes for project and time, kind and time',
    // "C" collation: ids and projects sort by code point, as the file store sorts them.
    sql: `
      CREATE TABLE phasegate_records (
        id text COLLATE "C" PRIMARY KEY,
        project text COLLATE "C" NOT NULL,
        kind text NOT NULL,
        time timestamptz NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX phasegate_records_project_time ON phasegate_records (project, time, id);
      CREATE INDEX phasegate_records_kind_time ON phasegate_records (kind, time);
      CREATE INDEX phasegate_records_time ON phasegate_records (time, id);`,
  },
];

/** The advisory lock key serialising migrations (any constant; "phgt" in ASCII). */
const MIGRATION_LOCK = 0x70686774;

/**
 * Applies the migrations the database lacks; call inside a transaction (the advisory lock
 * is released at its end). Returns the versions applied. Refuses a database migrated by a
 * newer phasegate.
 */
export async function migrate(client: PoolClient): Promise<number[]> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await client.query(`CREATE TABLE IF NOT EXISTS phasegate_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM phasegate_migrations');
  const done = new Set(rows.map((r) => r.version));
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  const newest = Math.max(0, ...done);
  if (newest > latest) {
    throw new PhasegateError({ message: `the history database has schema version ${newest}, newer than this phasegate knows (${latest}); upgrade phasegate` });
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS.filter((x) => !done.has(x.version))) {
    await client.query(m.sql);
    await client.query('INSERT INTO phasegate_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    applied.push(m.version);
  }
  return applied;
}
