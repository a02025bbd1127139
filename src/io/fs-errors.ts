/** What a file-system error code means for the user, and what to do about it: one short phrase each. */

const WRITE: Record<string, string> = {
  ENOSPC: 'no space left on the device; free some space or write elsewhere',
  EDQUOT: 'disk quota exceeded; free some space or write elsewhere',
  EACCES: 'permission denied; make the folder writable or write elsewhere',
  EPERM: 'operation not permitted; make the folder writable or write elsewhere',
  EROFS: 'the file system is read-only; write to a writable folder',
  ENOTDIR: 'a part of the path is a file, not a folder; fix the path',
  EEXIST: 'a part of the path is a file, not a folder; fix the path',
  EISDIR: 'it is a folder; give a file path',
  ENOENT: 'a folder of the path does not exist and cannot be created; fix the path',
  ENAMETOOLONG: 'the path is too long; give a shorter one',
  ELOOP: 'too many symbolic links in the path; fix the path',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and run again',
  EIO: 'an I/O error on the device; check the disk',
};

/** The error code of a Node fs error, or undefined. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a write failed and the fix, e.g. `no space left on the device; free some space or write elsewhere (ENOSPC)`. */
export function writeFailure(err: unknown): string {
  const code = errnoCode(err);
  if (code && WRITE[code]) return `${WRITE[code]} (${code})`;
  const first = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  return `${code ?? first}; check that the folder exists, is writable and has space`;
}
