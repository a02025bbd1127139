/** A content hash of an effective policy, for decision records and caches. */
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { lockDigest } from '../release/policy/sources.js';
import type { EffectivePolicy, Rule } from './types.js';

const canonical = configure({ deterministic: true, bigint: false, circularValue: Error });

/**
 * A rule as the digest sees it: without where it was written, and without `onNothingToJudge`
 * at its default (`pass`), so policies that do not use it keep the digests they had before it.
 */
function withoutDefaults(r: Rule): object {
  const { source: _s, layers: _l, ...rule } = r;
  if (rule.kind !== 'metric' || rule.onNothingToJudge !== 'pass') return rule;
  const { onNothingToJudge: _n, ...rest } = rule;
  return rest;
}

/**
 * sha256 (hex) of the policy's canonical JSON: keys sorted, rule and waiver order kept, and
 * without where things were written (sources, layers), so moving a rule between files or
 * reformatting YAML leaves the digest unchanged while any change of meaning changes it.
 */
export function policyDigest(p: EffectivePolicy): string {
  const content = {
    name: p.name,
    tier: p.tier,
    settings: p.settings,
    rules: p.rules.map(withoutDefaults),
    waivers: p.waivers.map(({ source: _s, ...waiver }) => waiver),
    // Only when present, so policies without a release section (or without locks in it) keep their earlier digests.
    ...(p.release ? { release: p.release } : {}),
    ...(p.releaseSources?.locks.length ? { releaseLocks: lockDigest(p.releaseSources.locks) } : {}),
  };
  return createHash('sha256').update(canonical(content) ?? '').digest('hex');
}
