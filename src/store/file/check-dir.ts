/**
 * The check of a file store's folder before any store work: it exists or can be created, is a
 * folder, and is writable (phasegate writes its lock there, even to read). Each failure is
 * one line naming the folder, what is wrong and the fix, never a spin or a stack trace.
 */
import { accessSync, constants } from 'node:fs';
import { PhasegateError } from '../../errors.js';
import { ensureDir } from '../../io/ensure-dir.js';
import { errnoCode, writeFailure } from '../../io/fs-errors.js';

/** Throws a PhasegateError unless `dir` is (or has now been made) a writable folder. */
export function checkStoreDir(dir: string): void {
  try {
    ensureDir(dir);
  } catch (err) {
    const code = errnoCode(err);
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? `it (or a folder above it) is a file, not a folder (${code}); give file:DIR naming a folder` : `cannot create the folder: ${writeFailure(err)}`;
    throw new PhasegateError({ file: dir, message: `history store: ${why}` });
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    const code = errnoCode(err);
    const why = code === 'EROFS' ? 'is on a read-only file system' : `is not writable (${code ?? 'error'})`;
    throw new PhasegateError({ file: dir, message: `history store folder ${why}; phasegate writes a lock there even to read: make it writable, or copy the store to a writable folder and give file:COPY` });
  }
}
