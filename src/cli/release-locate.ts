/**
 * Locates a release setting in the policy's files for the judge's one-line errors: the last
 * layer (project over organisation over tier) whose `release` section sets it, metrics found by
 * name and steps by index, so the place is right however the layers combine.
 */
import type { LocateSetting } from '../core/release.js';
import { refFile, resolveOptions, type PolicyRef } from '../policy/loader.js';
import { locate } from '../policy/locate.js';
import { resolveChain } from '../policy/resolve.js';
import type { PolicyFile } from '../policy/text.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The path of the setting inside one file's data, when that file sets it. */
function pathIn(data: unknown, ref: Parameters<LocateSetting>[0]): string[] | undefined {
  const release = isObj(data) ? data.release : undefined;
  if (!isObj(release)) return undefined;
  if ('metric' in ref) {
    const metrics = Array.isArray(release.metrics) ? release.metrics : [];
    const index = metrics.findIndex((m) => isObj(m) && m.name === ref.metric && (ref.key === undefined || ref.key in m));
    return index < 0 ? undefined : ['release', 'metrics', String(index), ...(ref.key ? [ref.key] : [])];
  }
  const step = Array.isArray(release.steps) ? release.steps[ref.step] : undefined;
  return isObj(step) && ref.key in step ? ['release', 'steps', String(ref.step), ref.key] : undefined;
}

/** A locator over the files of the policy `ref` names (read again: they are small, and already valid). */
export function policyLocator(ref: PolicyRef, cwd: string): LocateSetting {
  const opts = resolveOptions({ cwd });
  const files: PolicyFile[] = resolveChain(refFile(ref, opts), opts, new Map()).layers.map((l) => l.file);
  return (setting) => {
    for (const file of [...files].reverse()) {
      const path = pathIn(file.data, setting);
      if (path) {
        const { file: name, line, col } = locate(file, path);
        return { file: name, line, col };
      }
    }
    const owner = [...files].reverse().find((f) => isObj(f.data) && 'release' in f.data);
    return owner ? { file: owner.display } : {};
  };
}
