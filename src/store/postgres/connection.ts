/**
 * PostgreSQL connections for the history store: the server named without its password, which
 * errors mean the connection dropped (and are worth one retry), and the user-facing message
 * for each way a server can fail.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool, PoolClient } from 'pg';
import { PhasegateError } from '../../errors.js';
import { createRedactor, redactText, redactUrl } from '../../io/redact.js';
import { clientSideError } from './client-errors.js';

/** The server and database a URL names, for messages. */
export interface PgTarget {
  host: string;
  port: string;
  database: string;
  user: string;
  /** Removes the URL's password (in every encoding) and other secret shapes from server text. */
  redact?: (text: string) => string;
  /** The URL's sslmode, if any. */
  sslmode?: string;
  /** The URL parameter (`sslcert`, `sslkey`, `sslrootcert`) per TLS file path it names. */
  tlsFiles: Record<string, string>;
}

/** Parses the parts of a `postgres://` URL that messages name; throws a PhasegateError for a malformed URL. */
export function pgTarget(url: string): PgTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PhasegateError({ message: `history store URL ${JSON.stringify(redactUrl(url))} is not a valid URL (percent-encode / # ? @ : in the user and password, e.g. / as %2F); give postgres://USER:PASSWORD@HOST:PORT/DATABASE` });
  }
  const user = decodeURIComponent(u.username) || 'the default user';
  const host = u.searchParams.get('host') ?? (u.hostname || 'localhost');
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username);
  const tlsFiles: Record<string, string> = {};
  for (const p of ['sslcert', 'sslkey', 'sslrootcert']) {
    const v = u.searchParams.get(p);
    if (v) tlsFiles[v] = p;
  }
  return { host, port: u.port || '5432', database: database || '(default)', user, redact: createRedactor({ urls: [url] }), sslmode: u.searchParams.get('sslmode') ?? undefined, tlsFiles };
}

function where(t: PgTarget): string {
  return `PostgreSQL at ${t.host}:${t.port}, database ${t.database}`;
}

/** The error code, looking inside the AggregateError Node gives when every address of a host refused. */
function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  return Array.isArray(e?.errors) ? codeOf(e.errors[0]) : undefined;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is connection exceptions.
const DROPPED = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03']);
const DROPPED_MESSAGE = /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|connection closed/i;

/** Whether `err` means the connection failed or dropped (so a retry on a new connection may succeed). */
export function isConnectionError(err: unknown): boolean {
  const code = codeOf(err);
  if (code && (UNREACHABLE.has(code) || DROPPED.has(code) || code.startsWith('08'))) return true;
  return !code && err instanceof Error && DROPPED_MESSAGE.test(err.message);
}

/** The PhasegateError for a PostgreSQL failure while `doing` something; other errors (bugs) pass through. */
export function storeError(err: unknown, t: PgTarget, doing: string): unknown {
  if (err instanceof PhasegateError) return err;
  const code = codeOf(err);
  const first = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  const msg = (t.redact ?? redactText)(first);
  const say = (message: string): PhasegateError => new PhasegateError({ message });
  if ((code && UNREACHABLE.has(code)) || /timeout exceeded when trying to connect/i.test(msg)) {
    return say(`cannot connect to ${where(t)} (${code ?? 'timed out'}); check that the server is running and the URL's host and port`);
  }
  if (code === '28P01' || code === '28000') return say(`${where(t)} refused user ${t.user}: ${msg}; check the user and password of the URL`);
  if (code === '3D000') return say(`${where(t)}: the database does not exist; create it or fix the URL`);
  if (isConnectionError(err)) return say(`lost the connection to ${where(t)} while ${doing}, and again on the retry (${code ?? msg}); the work was rolled back: run again (records already stored are skipped)`);
  if (code && /^[0-9A-Z]{5}$/.test(code)) return say(`${where(t)} failed while ${doing}: ${msg} (SQLSTATE ${code})`);
  return clientSideError(err, { where: where(t), user: t.user, sslmode: t.sslmode, tlsFiles: t.tlsFiles }, code) ?? err;
}

// A checked-out client whose connection dies emits 'error' besides failing its query; without a
// listener that event would crash the process. The failed query is what gets handled.
const ignore = (): void => undefined;

/** Leaves a client after a failure: rolled back and returned to the pool, or destroyed if its connection is gone. */
async function abandon(client: PoolClient, dropped: boolean): Promise<void> {
  if (!dropped) {
    try {
      await client.query('ROLLBACK');
      client.off('error', ignore);
      client.release();
      return;
    } catch {
      // The rollback failed: the connection is unusable after all.
    }
  }
  client.release(true);
}

/**
 * Runs `fn` in a transaction on a pooled client. If the connection fails or drops, the
 * transaction is rolled back (by the server, when it is gone) and the whole of `fn` is run
 * once more on a new connection; `fn` must therefore be safe to repeat (inserts skip ids
 * already stored). Failures become PhasegateErrors naming the server, never the password.
 */
export async function inTransaction<T>(pool: Pool, t: PgTarget, doing: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      client.on('error', ignore);
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      client.off('error', ignore);
      client.release();
      return result;
    } catch (err) {
      const dropped = isConnectionError(err);
      if (client) await abandon(client, dropped);
      if (!dropped || attempt > 1) throw storeError(err, t, doing);
      await sleep(100);
    }
  }
}
