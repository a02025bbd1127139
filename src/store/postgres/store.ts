/**
 * The PostgreSQL history store: one row a record (`phasegate_records`), the record itself as
 * jsonb beside the columns that queries filter and sort on. Batches are inserted in one
 * transaction with ON CONFLICT (id) DO NOTHING, so a retry after a dropped connection never
 * duplicates a record. Schema and migrations: ./migrations.ts, docs/history-store.md.
 */
import type pg from 'pg';
import type { HistoryQuery, HistoryStore, StoreWarning } from '../port.js';
import type { HistoryRecord } from '../records.js';
import { checkQuery, parseBound, serializeValidRecords } from '../validate.js';
import { inTransaction, pgTarget, type PgTarget } from './connection.js';
import { migrate } from './migrations.js';
import { createPool } from './pool.js';

/** Rows per INSERT statement: large enough to be fast, small enough to keep messages modest. */
const CHUNK = 5_000;

const INSERT = `INSERT INTO phasegate_records (id, project, kind, time, body)
  SELECT r->>'id', r->>'project', r->>'kind', (r->>'time')::timestamptz, r
  FROM jsonb_array_elements($1::jsonb) AS r
  ON CONFLICT (id) DO NOTHING`;

/** Connection settings of the PostgreSQL adapter. */
export interface PgSettings {
  poolSize: number;
  connectTimeoutMs: number;
}

/** The PostgreSQL adapter of the HistoryStore port. Open it with `openStore('postgres://…')`. */
export class PostgresHistoryStore implements HistoryStore {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: PgTarget,
  ) {}

  async append(records: readonly HistoryRecord[]): Promise<number> {
    const lines = serializeValidRecords(records, (r) => JSON.stringify(r));
    // The first of several records with one id wins, as in the file store.
    const seen = new Set<string>();
    const rows = lines.filter((_, i) => !seen.has(records[i]!.id) && seen.add(records[i]!.id));
    if (rows.length === 0) return 0;
    return inTransaction(this.pool, this.target, 'appending records', async (c) => {
      let added = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const res = await c.query(INSERT, [`[${rows.slice(i, i + CHUNK).join(',')}]`]);
        added += res.rowCount ?? 0;
      }
      return added;
    });
  }

  async query(q: HistoryQuery): Promise<HistoryRecord[]> {
    const checked = checkQuery(q);
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (checked.project !== undefined) add('project = ?', checked.project);
    if (checked.kinds) add('kind = ANY(?::text[])', [...checked.kinds]);
    if (checked.fromMs !== undefined) add('time >= ?', new Date(checked.fromMs).toISOString());
    if (checked.toMs !== undefined) add('time < ?', new Date(checked.toMs).toISOString());
    const sql = `SELECT body FROM phasegate_records${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY time, id`;
    return inTransaction(this.pool, this.target, 'reading records', async (c) => {
      const res = await c.query<{ body: HistoryRecord }>(sql, values);
      return res.rows.map((r) => r.body);
    });
  }

  async projects(): Promise<string[]> {
    return inTransaction(this.pool, this.target, 'listing projects', async (c) => {
      const res = await c.query<{ project: string }>('SELECT DISTINCT project FROM phasegate_records ORDER BY project');
      return res.rows.map((r) => r.project);
    });
  }

  async prune(before: string): Promise<number> {
    const cutoff = new Date(parseBound(before, 'prune before')).toISOString();
    return inTransaction(this.pool, this.target, 'pruning records', async (c) => {
      const res = await c.query('DELETE FROM phasegate_records WHERE time < $1', [cutoff]);
      return res.rowCount ?? 0;
    });
  }

  warnings(): StoreWarning[] {
    return [];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Connects to the server `url` names and applies any pending migrations. */
export async function openPostgresStore(url: string, settings: PgSettings): Promise<HistoryStore> {
  const target = pgTarget(url);
  const pool = createPool(url, settings);
  try {
    await inTransaction(pool, target, 'applying schema migrations', migrate);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return new PostgresHistoryStore(pool, target);
}
