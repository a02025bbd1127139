/**
 * Fencing tokens: proof at commit that this process still owns the file store's lock. The lock
 * (proper-lockfile) goes stale after `staleMs` without refresh, so a writer paused longer (SIGSTOP,
 * a frozen VM) loses it to another process while it still believes it holds it. Each batch
 * therefore claims the next token, `DIR/.fence/N`: an empty file for `commit`, a folder for
 * `abort`, each created exclusively (open O_EXCL, mkdir), so only one claim of N ever succeeds:
 *
 * - a writer takes token N = highest + 1 when it takes the lock and writes it in its journal;
 *   its batch counts only once it has created `N` as `commit` (the commit point);
 * - whoever finds a journal left by another process claims that journal's token as `abort`
 *   before rolling its bytes back, so the paused writer's later claim fails and it reports
 *   that nothing was written; if the claim already exists as `commit`, the batch is kept.
 */
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../../errors.js';
import { fsyncDir } from './disk.js';

const FENCE = '.fence';
/** How many of the newest claims are kept; older ones are removed every 64th claim. */
const KEEP = 256;

const fenceDir = (dir: string): string => path.join(dir, FENCE);

function tokens(dir: string): number[] {
  try {
    return readdirSync(fenceDir(dir)).flatMap((n) => (/^\d{1,15}$/.test(n) ? [Number(n)] : []));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The highest token claimed so far (0 when none). Call under the lock. */
export function currentToken(dir: string): number {
  return tokens(dir).reduce((a, b) => Math.max(a, b), 0);
}

/** How token `n` was claimed, or undefined when it was not. */
export function tokenState(dir: string, n: number): 'commit' | 'abort' | undefined {
  try {
    return statSync(path.join(fenceDir(dir), String(n))).isDirectory() ? 'abort' : 'commit';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Claims token `n` as `state`, atomically: true when this call created it, false when it was
 * already claimed (by another holder of the lock, or by one that rolled this batch back).
 */
export function claimToken(dir: string, n: number, state: 'commit' | 'abort'): boolean {
  if (mkdirSync(fenceDir(dir), { recursive: true }) !== undefined) fsyncDir(dir);
  // A later token already claimed: this claim comes too late even if N itself was pruned.
  if (currentToken(dir) >= n) return false;
  const file = path.join(fenceDir(dir), String(n));
  try {
    if (state === 'abort') mkdirSync(file);
    else closeSync(openSync(file, 'wx'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  fsyncDir(fenceDir(dir));
  if (n % 64 === 0) prune(dir, n);
  return true;
}

/** Removes the claims older than the newest KEEP. Best effort. */
function prune(dir: string, newest: number): void {
  for (const t of tokens(dir)) if (t <= newest - KEEP) rmSync(path.join(fenceDir(dir), String(t)), { recursive: true, force: true });
}

/** The error of a writer whose commit failed because another process took the lock over. */
export function takenOver(dir: string): PhasegateError {
  return new PhasegateError({ file: dir, message: 'the store lock was taken over while this process was paused; nothing was written; run again' });
}

/**
 * Test hook: with PHASEGATE_TEST_PAUSE_AT=`locked`, `written` or `committed`, the writer stops
 * itself (SIGSTOP) at that point of a batch, so that tests can take the lock over from a
 * paused writer deterministically. Not for production use.
 */
export function testPause(at: 'locked' | 'written' | 'committed'): void {
  if (process.env.PHASEGATE_TEST_PAUSE_AT === at) process.kill(process.pid, 'SIGSTOP');
}
