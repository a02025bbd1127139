/**
 * The policy as the base branch has it, so that a pull request can never loosen its own gate:
 * the policy file and every file it `extends` are read through the API at the base commit
 * (not from the checkout, which holds the pull request's version), written into a private
 * folder with their repository paths, and loaded from there with the usual loader, whose
 * confinement, size, depth and schema checks all apply.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { PhasegateError } from '../errors.js';
import { MAX_CHAIN_FILES } from '../policy/confine.js';
import { MAX_POLICY_BYTES } from '../policy/text.js';
import { TIERS } from '../policy/types.js';
import type { GitHubClient, Repo } from './client.js';

export interface BasePolicy {
  /** The folder holding the base branch's files; load `file` with this as cwd. */
  dir: string;
  /** The policy file, repository-relative. */
  file: string;
  /** Every file fetched (the policy and what it extends), repository-relative. */
  files: string[];
}

/** The `extends` targets of a policy text that are files (not tier names), repository-relative to `from`. */
function extendsOf(text: string, from: string): string[] {
  let value: unknown;
  try {
    value = parseDocument(text).toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    return []; // the loader reports the syntax error, located
  }
  const ext = (value as { extends?: unknown } | null)?.extends;
  const list = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  return list.filter((e) => !(TIERS as readonly string[]).includes(e)).map((e) => path.posix.normalize(path.posix.join(path.posix.dirname(from), e)));
}

/** Fetches `file` and what it extends at `ref` into a fresh folder under `tmpRoot`. */
export async function fetchBasePolicy(client: GitHubClient, repo: Repo, file: string, ref: string, tmpRoot: string): Promise<BasePolicy> {
  const root = path.posix.normalize(file.replace(/^\.\//, ''));
  const dir = mkdtempSync(path.join(tmpRoot, 'phasegate-base-policy-'));
  const queue = [root];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < MAX_CHAIN_FILES) {
    const rel = queue.shift()!;
    // Outside the repository: nothing to fetch; the loader refuses the extends, located.
    if (seen.has(rel) || rel.startsWith('../') || path.posix.isAbsolute(rel)) continue;
    seen.add(rel);
    const text = await client.fileAt(repo, rel, ref);
    if (text === null) {
      if (rel === root) throw new PhasegateError({ file: rel, message: `not found on the base branch (commit ${ref.slice(0, 12)}); commit the policy to the base branch first: a pull request's own policy takes effect after merge` });
      continue; // the loader reports the missing extends target at its line
    }
    if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw new PhasegateError({ file: rel, message: `is larger than ${MAX_POLICY_BYTES / 1024} KB on the base branch; a policy is a short text file` });
    const to = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, text);
    queue.push(...extendsOf(text, rel));
  }
  return { dir, file: root, files: [...seen] };
}
