/**
 * The policy loader's only door to the file system. The default reads real files; tests and
 * embedders pass an in-memory reader so loading stays pure and fast.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Reads policy files. `read` throws an error with `code: 'ENOENT'` when the file does not exist. */
export interface PolicyReader {
  read(file: string): Uint8Array;
}

/** Reads from the real file system. */
export const nodeReader: PolicyReader = {
  read: (file) => readFileSync(file),
};

/** A reader over fixed contents keyed by absolute path (resolved against `root`, default `/`). */
export function memoryReader(files: Record<string, string | Uint8Array>, root = '/'): PolicyReader {
  const byPath = new Map(Object.entries(files).map(([name, content]) => [path.resolve(root, name), content]));
  return {
    read(file) {
      const content = byPath.get(path.resolve(root, file));
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
      }
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    },
  };
}

/** Why a file could not be read, in a few words a user can act on. */
export function readProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  if (code === 'EISDIR') return 'is a folder; give the policy file inside it';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; make the file readable';
  return `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
}
