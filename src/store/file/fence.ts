/**
 * Fencing tokens: proof at commit that this process still owns the file store's lock. The lock
 * (proper-lockfile) goes stale after `staleMs` without refresh, so a writer paused longer (SIGSTOP,
 * a frozen VM) loses it to another process while it still believes it holds it. Each batch
 * therefore claims the next token, `DIR/.fence/N`, created with link(2) (atomic, fails if it
 * exists) and holding `commit PID` or `abort PID`:
 *
 * - a writer takes token N = highest + 1 when it takes the lock and writes it in its journal;
 *   its batch counts only once it has created `N` as `commit` (the commit point);
 * - whoever finds a journal left by another process claims that journal's token as `abort`
 *   before rolling its bytes back, so the paused writer's later claim fails and it reports
 *   that nothing was written; if the claim already exists as `commit`, the batch is kept.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createExclusive } from './disk.js';

const FENCE = '.fence';
/** Claims older than this (and not among the newest two) are removed. */
const KEEP_MS = 24 * 3600 * 1000;

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
    return readFileSync(path.join(fenceDir(dir), String(n)), 'utf8').startsWith('commit') ? 'commit' : 'abort';
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
  mkdirSync(fenceDir(dir), { recursive: true });
  if (!createExclusive(path.join(fenceDir(dir), String(n)), `${state} ${process.pid}\n`)) return false;
  if (n % 64 === 0) prune(dir, n);
  return true;
}

/** Removes old claims: older than a day and not among the newest two. Best effort; run every 64th claim. */
function prune(dir: string, newest: number): void {
  const now = Date.now();
  for (const t of tokens(dir)) {
    if (t >= newest - 1) continue;
    const file = path.join(fenceDir(dir), String(t));
    try {
      if (now - statSync(file).mtimeMs > KEEP_MS) rmSync(file, { force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}
