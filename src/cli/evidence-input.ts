/** Turns the collect flags of `collect` and `gate` into an evidence bundle. */
import { collectEvidence, readEvidenceFile, type CollectOptions } from '../evidence/index.js';
import type { EvidenceBundle } from '../evidence/types.js';
import { usage } from './options.js';

/** The collect flags as commander parses them. */
export type CollectFlags = Omit<CollectOptions, 'cwd'>;

/** True when any collect flag was given. */
export function hasCollectFlags(f: CollectFlags): boolean {
  return f.junit.length + f.coverage.length + f.sarif.length + f.docs.length > 0 || Boolean(f.source || f.base || f.facts);
}

/** Collects evidence as the flags say, relative to `cwd`. */
export function collectFromFlags(f: CollectFlags, cwd: string): Promise<EvidenceBundle> {
  const { junit, coverage, sarif, docs, source, base, facts, allowEmpty, include, exclude } = f;
  return collectEvidence({ junit, coverage, sarif, docs, source, base, facts, allowEmpty: Boolean(allowEmpty), include, exclude, cwd });
}

/** The evidence for a gate: a bundle file or freshly collected, never both. */
export async function gateEvidence(f: CollectFlags & { evidence?: string }, cwd: string): Promise<EvidenceBundle> {
  if (f.evidence && hasCollectFlags(f)) throw usage('give either --evidence FILE or collect flags (--junit, --coverage, ...), not both');
  if (f.evidence) return readEvidenceFile(f.evidence);
  if (!hasCollectFlags(f)) throw usage('give --evidence FILE or collect flags such as --junit GLOB and --coverage GLOB');
  return collectFromFlags(f, cwd);
}
