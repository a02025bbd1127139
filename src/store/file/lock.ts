/**
 * The file store's lock: one writer (or reader) at a time across processes, through
 * proper-lockfile (a lock folder created atomically with mkdir, kept fresh while held; a lock
 * whose holder was killed goes stale and is taken over after `staleMs`).
 */
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { PhasegateError } from '../../errors.js';

/** The lock folder inside the store folder. */
export const LOCK_NAME = '.lock';

/** How long a lock may go unrefreshed before it counts as abandoned, and how long to wait for it. */
export interface LockSettings {
  staleMs: number;
  timeoutMs: number;
}

/** Runs `fn` holding the lock of the store folder `dir`. */
export async function withLock<T>(dir: string, settings: LockSettings, fn: () => T): Promise<T> {
  const lockPath = path.join(dir, LOCK_NAME);
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      realpath: false,
      lockfilePath: lockPath,
      stale: settings.staleMs,
      // Short, jittered waits: writers hold the lock for milliseconds.
      retries: { retries: Math.ceil(settings.timeoutMs / 50), minTimeout: 5, maxTimeout: 50, factor: 1.5, randomize: true },
      onCompromised: (err) => {
        compromised = err;
      },
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ELOCKED' ? `another phasegate held it for more than ${settings.timeoutMs / 1000} s` : `${code ?? (err as Error).message}`;
    throw new PhasegateError({ file: lockPath, message: `cannot lock the history store (${why}); a lock left by a killed process is taken over after ${settings.staleMs / 1000} s` });
  }
  try {
    const result = fn();
    if (compromised) throw new PhasegateError({ file: lockPath, message: `the history store lock was lost while held (${compromised.message}); run again` });
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
