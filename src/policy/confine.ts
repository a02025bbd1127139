/**
 * Where `extends` may point: a built-in tier, or a regular file whose real path (symlinks
 * resolved) lies under the project root (the working folder) or under a folder the user allows
 * in PHASEGATE_POLICY_PATH. Absolute paths elsewhere, `../` escapes and links leading out are
 * refused before the file is opened.
 */
import path from 'node:path';
import type { PolicyReader } from './reader.js';

/** The environment variable listing extra folders `extends` may reach (separated like PATH). */
export const POLICY_PATH_ENV = 'PHASEGATE_POLICY_PATH';

/** Most files an `extends` chain may stack, the first file included. */
export const MAX_EXTENDS_DEPTH = 32;

/** Most distinct files one policy may reach through `extends`, however wide its lists. */
export const MAX_CHAIN_FILES = 256;

/** The folders of PHASEGATE_POLICY_PATH (relative ones against `cwd`), empty entries skipped. */
export function policyPathDirs(value: string | undefined, cwd: string): string[] {
  return (value ?? '').split(path.delimiter).filter((d) => d.trim() !== '').map((d) => path.resolve(cwd, d));
}

const inside = (file: string, dir: string): boolean => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel);
};

/**
 * The real path to read for an `extends` target, or why it may not be read. Throws the reader's
 * error (e.g. ENOENT) when a target inside the allowed folders does not exist.
 */
export function confine(target: string, roots: readonly string[], reader: PolicyReader): { real: string } | { problem: string } {
  let real: string;
  let missing: unknown;
  try {
    real = reader.realpath ? reader.realpath(target) : target;
  } catch (err) {
    // A missing file outside is refused like a present one: the answer must not tell which exist.
    [real, missing] = [target, err];
  }
  const realRoots = roots.flatMap((r) => {
    try {
      return [reader.realpath ? reader.realpath(r) : r];
    } catch {
      return [];
    }
  });
  const ok = realRoots.some((r) => inside(real, r)) || (missing !== undefined && roots.some((r) => inside(real, r)));
  if (ok && missing !== undefined) throw missing;
  if (ok) return { real };
  const how = real === target ? 'is' : 'leads (through a symbolic link) to a file';
  return { problem: `${how} outside the project; extends names a tier or a policy file under the working folder (or a folder listed in ${POLICY_PATH_ENV})` };
}
