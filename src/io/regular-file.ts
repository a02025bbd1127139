/**
 * Reads a file an option names (`--plan`, `--verdict`, `--samples`, …) safely: only a regular
 * file, never a FIFO, a device or a folder (which would hang or grow without bound), and never
 * more than a size cap, checked before reading and again while reading (a file that grows).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { PhasegateError } from '../errors.js';
import { errnoCode } from './fs-errors.js';

/** What an option file may be at most, unless its reader says otherwise. */
export const DEFAULT_INPUT_CAP = 64 * 1024 * 1024;

/** The kind of a non-regular file, for messages. */
export function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function readError(shown: string, err: unknown): PhasegateError {
  const code = errnoCode(err);
  const why =
    code === 'ENOENT' ? 'file not found' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied; make the file readable' :
    code === 'EISDIR' ? 'is a folder, not a file; give a file' :
    code === 'ENOTDIR' ? 'a part of the path is a file, not a folder; fix the path' :
    `cannot read file (${code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))})`;
  return new PhasegateError({ file: shown, message: why });
}

function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * The bytes of the regular file `file` (named `shown` in messages). A FIFO, a device, a socket
 * or a folder is refused at once (opened non-blocking, so a FIFO never waits for a writer);
 * a file over `maxBytes` is refused before it is read. Every failure is one PhasegateError.
 */
export function readRegularFile(file: string, shown: string, maxBytes = DEFAULT_INPUT_CAP): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw readError(shown, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new PhasegateError({ file: shown, message: `is ${fileKind(st)}, not a regular file; give a regular file` });
    if (st.size > maxBytes) throw new PhasegateError({ file: shown, message: `file is ${mb(st.size)}, larger than the ${mb(maxBytes)} this option reads; give a smaller file` });
    const buf = Buffer.alloc(Math.min(st.size + 1, maxBytes + 1));
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > st.size) throw new PhasegateError({ file: shown, message: 'the file grew while being read; run again once it is complete' });
    return buf.subarray(0, n);
  } catch (err) {
    if (err instanceof PhasegateError) throw err;
    throw readError(shown, err);
  } finally {
    closeSync(fd);
  }
}
