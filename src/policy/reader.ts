/**
 * The policy loader's only door to the file system. The default reads real files, and only
 * regular files no larger than MAX_POLICY_BYTES, checked on the open file before any byte is
 * read (a FIFO, device or folder is refused without blocking). Tests and embedders pass an
 * in-memory reader so loading stays pure and fast.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { MAX_POLICY_BYTES, TOO_LARGE } from './text.js';

/** Reads policy files. `read` throws an error with `code: 'ENOENT'` when the file does not exist. */
export interface PolicyReader {
  read(file: string): Uint8Array;
  /** The file's real path (symlinks resolved); throws like `read` when it does not exist. Default: the path itself. */
  realpath?(file: string): string;
}

/** A file refused before reading, with the reason as users see it. */
export class PolicyReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyReadError';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'is a folder; give the policy file inside it';
  if (st.isFIFO()) return 'is a named pipe, not a file; give a regular policy file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a file; give a regular policy file';
  return 'is not a regular file; give a regular policy file';
}

/** Reads one regular file of at most MAX_POLICY_BYTES: open without blocking, check, then read. */
export function readPolicyBytes(file: string): Uint8Array {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new PolicyReadError(kindOf(st));
    if (st.size > MAX_POLICY_BYTES) throw new PolicyReadError(TOO_LARGE);
    // One byte more than allowed, to notice a file that grew since fstat.
    const buf = Buffer.alloc(Math.min(st.size, MAX_POLICY_BYTES) + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > MAX_POLICY_BYTES) throw new PolicyReadError(TOO_LARGE);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Reads from the real file system. */
export const nodeReader: PolicyReader = {
  read: readPolicyBytes,
  realpath: (file) => realpathSync.native(file),
};

/** A reader over fixed contents keyed by absolute path (resolved against `root`, default `/`). */
export function memoryReader(files: Record<string, string | Uint8Array>, root = '/'): PolicyReader {
  const byPath = new Map(Object.entries(files).map(([name, content]) => [path.resolve(root, name), content]));
  const get = (file: string): string | Uint8Array => {
    const content = byPath.get(path.resolve(root, file));
    if (content === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
    }
    return content;
  };
  return {
    read(file) {
      const content = get(file);
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
    // No links in memory: a path is its own real path (a missing file is reported by read).
    realpath: (file) => path.resolve(root, file),
  };
}

/** Why a file could not be read, in a few words a user can act on (never the file's content). */
export function readProblem(err: unknown): string {
  if (err instanceof PolicyReadError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  if (code === 'EISDIR') return 'is a folder; give the policy file inside it';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; make the file readable';
  if (code === 'ELOOP') return 'a symbolic link loop; point the link at a file';
  return `cannot read file (${code ?? 'unknown error'})`;
}
