/** Deterministic record ids, for callers that derive an id from the facts that identify a record. */
import { createHash } from 'node:crypto';

/**
 * A stable id for the fact named by `parts` (e.g. project, 'run', pipeline, build): the
 * SHA-256 hex digest of the parts as a JSON array, so `('a:b', 'c')` and `('a', 'b:c')`
 * never collide. The same parts always give the same id, which is what makes a retried
 * append a no-op.
 */
export function recordId(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
