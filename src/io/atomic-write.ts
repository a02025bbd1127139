/**
 * Atomic file output: write a temporary file beside the target, fsync, then rename over it.
 * Only a regular file is ever replaced (a symlink, FIFO, device or folder at the path is
 * refused, not turned into a file), the replaced file keeps its permission bits, and the
 * temporary file is removed on every failure and on SIGINT/SIGTERM.
 */
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../errors.js';
import { ensureDir } from './ensure-dir.js';
import { errnoCode, writeFailure } from './fs-errors.js';
import { fileKind } from './regular-file.js';

/** Temporary files being written, removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

/** Removes a temporary file if it is there; never throws (the path may not even be reachable). */
function removeQuietly(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // Nothing to remove, or nothing we can do: the original error is the one to report.
  }
}

function cleanupAndReraise(signal: NodeJS.Signals): void {
  for (const tmp of pending) removeQuietly(tmp);
  pending.clear();
  process.removeListener('SIGINT', cleanupAndReraise);
  process.removeListener('SIGTERM', cleanupAndReraise);
  // Die of the same signal, as without the handler (exit code 128 + n for the shell).
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('SIGINT', cleanupAndReraise);
  process.once('SIGTERM', cleanupAndReraise);
  process.once('exit', () => {
    for (const tmp of pending) removeQuietly(tmp);
  });
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
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  installHandlers();
  try {
    const mode = existingMode(target, file);
    ensureDir(dir);
    pending.add(tmp);
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
    pending.delete(tmp);
  } catch (err) {
    removeQuietly(tmp);
    pending.delete(tmp);
    if (err instanceof PhasegateError) throw err;
    throw new PhasegateError({ file, message: `cannot write the file: ${writeFailure(err)}` });
  }
}
