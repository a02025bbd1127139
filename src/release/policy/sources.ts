/**
 * Where each setting of the effective release section was set, and the locks on it, for
 * `phasegate policy explain`. Paths follow the effective section (steps in their effective
 * order) and name the keys as written in YAML: `release.steps[0].minDuration`.
 */
import type { ReleaseLock, ReleaseSources, SourceRef } from '../../policy/types.js';
import { keyRef } from './entries.js';
import { orderedSteps } from './build.js';
import { PARTS, SPECS } from './fields.js';
import { current, type EntryState, type ReleaseState } from './state.js';

function entrySources(path: string, e: EntryState, values: Record<string, SourceRef>, locks: ReleaseLock[]): void {
  for (const [name, at] of e.origins) if (name !== 'enabled') values[`${path}.${name}`] = keyRef(at);
  for (const l of e.locks) locks.push({ path, fields: l.fields === true ? 'all' : [...l.fields], source: keyRef(l.at) });
}

/** The sources and locks of the merged section (only its enabled entries). */
export function releaseSources(state: ReleaseState): ReleaseSources {
  const values: Record<string, SourceRef> = {};
  const locks: ReleaseLock[] = state.sectionLocks.map((l) => ({ path: 'release', fields: l.parts === true ? 'all' : [...l.parts], source: keyRef(l.at) }));
  const lists = { steps: orderedSteps(state), metrics: state.lists.metrics, approvers: state.lists.approvers };
  for (const part of PARTS) {
    if (part === 'score' || part === 'limits') {
      entrySources(`release.${part}`, state[part], values, locks);
      continue;
    }
    lists[part].filter((e) => current(e, 'enabled') === true).forEach((e, i) => entrySources(`release.${part}[${i}]`, e, values, locks));
  }
  return { values, locks };
}

/** The locks as the digest sees them: by path, every lock's names together, without sources. */
export function lockDigest(locks: readonly ReleaseLock[]): Record<string, 'all' | string[]> {
  const out: Record<string, 'all' | string[]> = {};
  for (const l of locks) {
    const had = out[l.path];
    const all = l.path === 'release' ? PARTS : SPECS[l.path.split('.')[1]!.replace(/\[\d+\]$/, '') as keyof typeof SPECS].lockable;
    const names = had === 'all' || l.fields === 'all' ? 'all' : [...new Set([...(had ?? []), ...l.fields])].sort();
    out[l.path] = names === 'all' || all.every((n) => names.includes(n)) ? 'all' : names;
  }
  return out;
}
