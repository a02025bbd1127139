/**
 * The commit and branch a Jenkins build built, from the git plugin's
 * `hudson.plugins.git.util.BuildData` actions (`lastBuiltRevision.SHA1`,
 * `lastBuiltRevision.branch[0].name`, `remoteUrls`).
 *
 * A pipeline has one BuildData per repository it checked out, so a build that loads a shared
 * library from git has the library's too. The rule, in order:
 * 1. only BuildData with a `lastBuiltRevision.SHA1` count;
 * 2. with `remote` (--git-remote), the first whose remote URLs contain it;
 * 3. else the first whose repository name (the last path segment of a remote URL, without
 *    `.git`) is one of the job's full-name segments (the GitHub plugin's rule: `shop/main`
 *    builds `…/shop.git`);
 * 4. else the last one: libraries are loaded when the pipeline starts, before the
 *    Jenkinsfile's own `checkout scm`, so the project's checkout comes last.
 * No BuildData: commit '' and branch ''.
 *
 * Branch names lose their ref prefix: `refs/remotes/origin/main`, `refs/heads/main` and
 * `origin/main` are `main` (multibranch jobs already say `main`).
 */

export interface GitFacts {
  commit: string;
  branch: string;
}

interface BuildData {
  sha: string;
  branch: string;
  remotes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function buildData(action: unknown): BuildData | undefined {
  if (!isObj(action) || action._class !== 'hudson.plugins.git.util.BuildData') return undefined;
  const rev = action.lastBuiltRevision;
  if (!isObj(rev) || typeof rev.SHA1 !== 'string' || rev.SHA1 === '') return undefined;
  const first = Array.isArray(rev.branch) ? rev.branch.find(isObj) : undefined;
  const branch = first && typeof first.name === 'string' ? first.name : '';
  const remotes = Array.isArray(action.remoteUrls) ? action.remoteUrls.filter((u): u is string => typeof u === 'string') : [];
  return { sha: rev.SHA1, branch, remotes };
}

/** `refs/remotes/origin/main`, `refs/heads/main`, `origin/main` → `main`. */
export function shortBranch(name: string): string {
  return name.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, '').replace(/^remotes\/[^/]+\//, '').replace(/^origin\//, '');
}

function repoName(url: string): string {
  const last = url.replace(/[/\\]+$/, '').split(/[/:\\]/).at(-1) ?? '';
  return last.replace(/\.git$/i, '').toLowerCase();
}

/** The commit and branch of a build with these `actions` (rule above); `remote` is --git-remote. */
export function gitFacts(actions: readonly unknown[] | undefined, jobFullName: string, remote?: string): GitFacts {
  const all = (actions ?? []).map(buildData).filter((b): b is BuildData => b !== undefined);
  const segments = new Set(jobFullName.toLowerCase().split('/').filter(Boolean));
  const pick =
    (remote ? all.find((b) => b.remotes.some((u) => u.includes(remote))) : undefined) ??
    (remote ? undefined : all.find((b) => b.remotes.some((u) => segments.has(repoName(u))))) ??
    (remote ? undefined : all.at(-1));
  return pick ? { commit: pick.sha, branch: shortBranch(pick.branch) } : { commit: '', branch: '' };
}
