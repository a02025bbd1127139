/** The few durable file operations the file store is built on (synchronous: they run under the lock). */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, linkSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../../errors.js';
import { writeFailure } from '../../io/fs-errors.js';

/** Makes a folder's entries (files created, renamed or removed in it) durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** An I/O failure of the store as a user error naming the file and the system code. */
export function storeIoError(file: string, what: string, err: unknown): PhasegateError {
  if (err instanceof PhasegateError) return err;
  return new PhasegateError({ file, message: `cannot ${what} the history store: ${writeFailure(err)}` });
}

/**
 * Appends `lines` (each ending in a newline) with one write and an fsync; returns the file's
 * new size and inode. If the file does not end in a newline (a torn line from a writer that
 * was stopped), a newline is written first so the new lines never glue onto the torn one.
 * On failure the file is cut back to its old size.
 */
export function appendLines(file: string, lines: string): { size: number; ino: number; written: Buffer } {
  const fd = openSync(file, 'a+', 0o644);
  try {
    const { size } = fstatSync(fd);
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const buf = Buffer.from(prefix + lines, 'utf8');
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } catch (err) {
      ftruncateSync(fd, size);
      throw err;
    }
    return { size: size + buf.length, ino: fstatSync(fd).ino, written: buf };
  } finally {
    closeSync(fd);
  }
}

/** Cuts `file` back to `size` bytes and fsyncs it (the rollback of an interrupted append). */
export function truncateTo(file: string, size: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes `bytes` from the end of `file` if the file still ends with exactly them (the undoing
 * of this process's own append after it lost the lock); returns whether it did.
 */
export function removeTail(file: string, bytes: Buffer): boolean {
  const fd = openSync(file, 'r+');
  try {
    const { size } = fstatSync(fd);
    if (size < bytes.length) return false;
    const tail = Buffer.alloc(bytes.length);
    readSync(fd, tail, 0, bytes.length, size - bytes.length);
    if (!tail.equals(bytes)) return false;
    ftruncateSync(fd, size - bytes.length);
    fsyncSync(fd);
    return true;
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `file` holding `content`, durably and only if it does not exist (written to a
 * temporary file, fsync'd, then link(2)ed into place, which fails on an existing name; then
 * the folder is fsync'd). Returns false when `file` already existed.
 */
export function createExclusive(file: string, content: string): boolean {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.new`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    const buf = Buffer.from(content, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  fsyncDir(path.dirname(file));
  return true;
}
