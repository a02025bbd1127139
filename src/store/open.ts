/**
 * Opens the history store a URL names: `file:DIR` (NDJSON files, the default) or
 * `postgres://…` (PostgreSQL, for an organisation). The PostgreSQL driver is loaded only
 * when a PostgreSQL URL is given.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PhasegateError } from '../errors.js';
import { checkStoreDir } from './file/check-dir.js';
import { FileHistoryStore } from './file/store.js';
import type { HistoryStore } from './port.js';
import { redactUrl } from '../io/redact.js';

export { recordId } from './id.js';
export { redactUrl } from '../io/redact.js';

export { DEFAULT_STORE_URL } from './port.js';

/** Tuning and context for opening a store; every field has a default. */
export interface OpenStoreOptions {
  /** The folder a relative `file:` path is resolved against (default: the process's). */
  cwd?: string;
  /** File store: a lock not refreshed for this long was left by a killed process and is taken over (default: $PHASEGATE_LOCK_STALE_MS, else 10,000 ms; at least 2,000). */
  lockStaleMs?: number;
  /** File store: how long to wait for the lock before giving up (default 30,000 ms). */
  lockTimeoutMs?: number;
  /** PostgreSQL: connections in the pool (default 4). */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a connection (default 10,000 ms). */
  connectTimeoutMs?: number;
}

const FORMS = 'give file:DIR (relative or absolute; the default is file:.phasegate/history) or postgres://USER:PASSWORD@HOST:PORT/DATABASE';

function fileDir(url: string, cwd: string): string {
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch (err) {
      throw new PhasegateError({ message: `history store URL ${JSON.stringify(redactUrl(url))}: ${(err as Error).message}; ${FORMS}` });
    }
  }
  const dir = url.slice('file:'.length);
  if (dir === '') throw new PhasegateError({ message: `history store URL "file:" names no folder; ${FORMS}` });
  return path.resolve(cwd, dir);
}

/**
 * Opens the history store named by `url`. A file store's folder is created if needed; a
 * PostgreSQL store connects and applies any schema migrations this version brings. Throws a
 * PhasegateError (exit code 2) for an unknown URL form, an unusable folder (checked before
 * anything else: missing and not creatable, a file, read-only) or an
 * unreachable server; messages never show a password.
 */
export async function openStore(url: string, opts: OpenStoreOptions = {}): Promise<HistoryStore> {
  if (url.startsWith('file:')) {
    const fromEnv = Number(process.env.PHASEGATE_LOCK_STALE_MS);
    const stale = opts.lockStaleMs ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10_000);
    const lock = { staleMs: Math.max(stale, 2_000), timeoutMs: opts.lockTimeoutMs ?? 30_000 };
    const dir = fileDir(url, opts.cwd ?? process.cwd());
    checkStoreDir(dir);
    return FileHistoryStore.open(dir, lock);
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { openPostgresStore } = await import('./postgres/store.js');
    return openPostgresStore(url, { poolSize: opts.poolSize ?? 4, connectTimeoutMs: opts.connectTimeoutMs ?? 10_000 });
  }
  throw new PhasegateError({ message: `unknown history store URL ${JSON.stringify(redactUrl(url))}; ${FORMS}` });
}
