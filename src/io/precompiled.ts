/**
 * Validators the build compiled ahead of time with ajv's standalone code
 * (scripts/build-validators.mjs), so that a run checks a schema without loading and
 * compiling ajv (about 250 ms of a cold run for the policy schema). Each file records the
 * hash of the schema text it was compiled from; a stale or missing file (as when running from
 * src/) is ignored and the caller compiles with ajv instead.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/** The hash a precompiled file records for the schema text it was compiled from. */
export function schemaHash(schemaText: string): string {
  return createHash('sha256').update(schemaText).digest('hex');
}

/**
 * The exports of the precompiled `file` (relative to the module at `from`, an import.meta.url)
 * when it was compiled from `schemaText`; else undefined.
 */
export function precompiled<T extends object>(from: string, file: string, schemaText: string): T | undefined {
  let mod: T & { schemaHash?: unknown };
  try {
    mod = createRequire(from)(file) as T & { schemaHash?: unknown };
  } catch {
    return undefined;
  }
  return mod.schemaHash === schemaHash(schemaText) ? mod : undefined;
}
