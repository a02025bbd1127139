/**
 * Atomic file output: write a temporary file beside the target, fsync, then rename over it.
 * Only a regular file is ever replaced (a symlink, FIFO, device or folder at the path is
 * refused, not turned into a file), the replaced file keeps its permission bits, and the
 * temporary file is removed on every failure.
 *
 * Signals: the whole write is synchronous, and Node delivers SIGINT and SIGTERM to JavaScript
 * only between synchronous steps, so they stop the process before the temporary file exists
 * or after it is renamed or removed, never in between. Only SIGKILL (or a power cut) can leave
 * one behind; the next write to the same path removes such leftovers of processes that are
 * gone (`.NAME.PID.TIME.tmp` whose PID no longer runs, older than STALE_TEMP_MS).
 */
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../errors.js';
import { ensureDir } from './ensure-dir.js';
import { errnoCode, writeFailure } from './fs-errors.js';
import { fileKind } from './regular-file.js';

/** A leftover temporary file younger than this is kept even when its writer's PID is not running (it may be another machine's, on a shared disk). */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/** Removes a temporary file if it is there; never throws (the path may not even be reachable). */
function removeQuietly(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // Nothing to remove, or nothing we can do: the original error is the one to report.
  }
}

/** Whether a process with this PID runs here (EPERM: it runs, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** Removes the temporary files a killed writer of `base` left in `dir`; never throws. */
function sweepLeftovers(dir: string, base: string, now: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${base}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const m = /^(\d+)\.(\d+)$/.exec(name.slice(prefix.length, -'.tmp'.length));
    if (!m || Number(m[1]) === process.pid || running(Number(m[1]))) continue;
    const file = path.join(dir, name);
    try {
      const st = lstatSync(file);
      if (st.isFile() && now - st.mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

/** The permission bits to give the new file: the replaced file's, or undefined for a new file. */
function existingMode(file: string, shown: string): number | undefined {
  let st;
  try {
    st = lstatSync(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  if (!st.isFile()) {
    throw new PhasegateError({ file: shown, message: `is ${fileKind(st)}; phasegate replaces only regular files: remove it or give another path` });
  }
  return st.mode & 0o7777;
}

/**
 * Writes `content` to `file` so that readers see either the old file or the whole new one,
 * never a half-written file, even if the process is killed mid-write. Every failure is one
 * PhasegateError naming the file, the cause and the fix.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const now = Date.now();
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${now}.tmp`);
  try {
    const mode = existingMode(target, file);
    ensureDir(dir);
    sweepLeftovers(dir, path.basename(target), now);
    const fd = openSync(tmp, 'wx', mode ?? 0o644);
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof PhasegateError) throw err;
    throw new PhasegateError({ file, message: `cannot write the file: ${writeFailure(err)}` });
  }
}
