/**
 * Locates a release setting for the judge's one-line errors, from where the policy loader says
 * each setting of the merged section was set (`releaseSources`, the same places `policy
 * explain` shows): the layer and line that last set it, whatever the layers did to the order.
 */
import type { LocateSetting } from '../core/release.js';
import type { EffectivePolicy } from '../policy/types.js';

/** The keys to look up for a setting, the most precise first (else the metric's kind, the step's id or weight: where the entry is). */
function candidates(ref: Parameters<LocateSetting>[0]): string[] {
  if ('metric' in ref) {
    const base = `release.metrics[${ref.index}]`;
    const keys = ref.key === 'limit' ? ['limit.max', 'limit.min'] : ref.key ? [ref.key] : [];
    return [...keys, 'kind', 'provider', 'query'].map((k) => `${base}.${k}`);
  }
  return [ref.key, 'id', 'weight'].map((k) => `release.steps[${ref.step}].${k}`);
}

/** A locator over the sources of `policy`'s merged release section. */
export function releaseLocator(policy: EffectivePolicy): LocateSetting {
  const values = policy.releaseSources?.values ?? {};
  return (ref) => {
    for (const path of candidates(ref)) {
      const at = values[path];
      if (at) return { file: at.file, line: at.line, col: at.col };
    }
    return {};
  };
}
