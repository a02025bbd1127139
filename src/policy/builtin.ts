/**
 * The built-in tier policies (policies/<tier>.yaml of the package). Their text is compiled into
 * the code (src/generated/assets.ts, by scripts/build-assets.mjs), so a tier is found by name
 * wherever the code runs, bundled into one file included, and no file is read for it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_POLICIES } from '../generated/assets.js';
import type { PolicyReader } from './reader.js';
import { TIERS } from './types.js';

/**
 * Where the built-in tiers are taken to live: `<package>/policies/`, two folders up from
 * src/policy and dist/policy. It names them in messages (`policies/operational.yaml`, relative to
 * its parent) and tells a path to a shipped tier file from other files; it need not exist.
 */
export const DEFAULT_BUILTIN_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

/** `reader`, except that `<dir>/<tier>.yaml` of each built-in tier gives the package's text of it. */
export function builtinReader(reader: PolicyReader, dir: string): PolicyReader {
  const texts = new Map(TIERS.map((t) => [path.resolve(dir, `${t}.yaml`), BUILTIN_POLICIES[t]]));
  return {
    read(file) {
      const text = texts.get(path.resolve(file));
      return text === undefined ? reader.read(file) : new TextEncoder().encode(text);
    },
    realpath(file) {
      if (texts.has(path.resolve(file))) return path.resolve(file);
      return reader.realpath ? reader.realpath(file) : file;
    },
  };
}
