/** Turns the collect flags of `collect` and `gate` into an evidence bundle. */
import { collectEvidence, readEvidenceFile, type CollectOptions } from '../evidence/index.js';
import type { EvidenceBundle } from '../evidence/types.js';
import { usage } from './options.js';

type Lists = 'junit' | 'coverage' | 'sarif' | 'docs';

/** The collect flags as commander parses them: a repeatable flag never given is undefined. */
export type CollectFlags = Omit<CollectOptions, 'cwd' | Lists> & Partial<Pick<CollectOptions, Lists>> & { testRetries?: CollectOptions['retries'] };

/** True when any collect flag was given. */
export function hasCollectFlags(f: CollectFlags): boolean {
  return [f.junit, f.coverage, f.sarif, f.docs].some((l) => (l?.length ?? 0) > 0) || Boolean(f.source || f.base || f.facts);
}

/** Collects evidence as the flags say, relative to `cwd`. */
export function collectFromFlags(f: CollectFlags, cwd: string): Promise<EvidenceBundle> {
  const { junit, coverage, sarif, docs, source, base, facts, allowEmpty, include, exclude, testRetries } = f;
  const lists = { junit: junit ?? [], coverage: coverage ?? [], sarif: sarif ?? [], docs: docs ?? [] };
  return collectEvidence({ ...lists, source, base, facts, allowEmpty: Boolean(allowEmpty), include, exclude, retries: testRetries, cwd });
}

/** The evidence for a gate: a bundle file or freshly collected, never both. */
export async function gateEvidence(f: CollectFlags & { evidence?: string }, cwd: string): Promise<EvidenceBundle> {
  if (f.evidence && hasCollectFlags(f)) throw usage('give either --evidence FILE or collect flags (--junit, --coverage, ...), not both');
  if (f.evidence) return readEvidenceFile(f.evidence);
  if (!hasCollectFlags(f)) throw usage('give --evidence FILE or collect flags such as --junit GLOB and --coverage GLOB');
  return collectFromFlags(f, cwd);
}
