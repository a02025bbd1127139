/**
 * A waiver counts only when the people it names as approvers approved it, as GitHub shows it:
 *
 * 1. the commit that gave the waiver its present form: walking the commits that changed its
 *    policy file (newest first), the first whose parent does not hold the same waiver (same
 *    rule, finding, reason, owner, approvers and expiry; renewing or widening a waiver is a new
 *    waiver that needs a new approval);
 * 2. the merged pull request that brought that commit in (GitHub lists it for the commit);
 * 3. that pull request's reviews, each reviewer's latest deciding one: every approver the
 *    waiver names (a GitHub login, `@` optional) must have approved.
 *
 * A waiver committed without a pull request, or whose adding commit lies beyond the newest
 * `MAX_COMMITS` commits of its file, does not count; each gets a reason that says what to do.
 * The policy's built-in tiers hold no waivers. Everything is read at one ref (the base commit of
 * a pull request), so a pull request can neither add a waiver nor vouch for one.
 */
import { parseDocument } from 'yaml';
import type { UnapprovedWaiver } from '../gate/engine.js';
import type { EffectivePolicy, Waiver } from '../policy/types.js';
import type { CommitRef, GitHubClient, Repo } from './client.js';
import { approvers } from './reviews.js';

/** How many commits of a policy file are searched for the one that added a waiver. */
export const MAX_COMMITS = 100;

interface WaiverFields {
  rule?: unknown;
  finding?: unknown;
  reason?: unknown;
  owner?: unknown;
  approvers?: unknown;
  expires?: unknown;
}

const login = (name: string): string => name.trim().replace(/^@/, '').toLowerCase();

/** What makes two waivers the same waiver. */
function identity(w: WaiverFields): string {
  const list = Array.isArray(w.approvers) ? w.approvers.map((a) => login(String(a))).sort() : [];
  return JSON.stringify([w.rule, w.finding ?? null, w.reason, w.owner, list, String(w.expires)]);
}

/** The identities of the waivers a policy text holds (none when it does not parse). */
function waiversIn(text: string | null): Set<string> {
  if (text === null) return new Set();
  let value: unknown;
  try {
    value = parseDocument(text).toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    return new Set();
  }
  const list = (value as { waivers?: unknown } | null)?.waivers;
  return new Set(Array.isArray(list) ? list.filter((w): w is WaiverFields => Boolean(w) && typeof w === 'object').map(identity) : []);
}

const short = (sha: string): string => sha.slice(0, 7);

/** The fix: the waiver added again by a pull request its approvers approve. */
const again = (w: Waiver): string => `add it again through a pull request approved by ${w.approvers.join(', ')}`;

/** For each waiver of `file`, the commit that added it in its present form, or null when not found within the history searched. */
async function addingCommits(client: GitHubClient, repo: Repo, file: string, ref: string, waivers: readonly Waiver[]): Promise<Map<Waiver, CommitRef | null>> {
  const found = new Map<Waiver, CommitRef | null>();
  const open = new Map(waivers.map((w) => [w, identity(w)]));
  const commits = await client.commitsTouching(repo, file, ref, MAX_COMMITS);
  for (const c of commits) {
    if (open.size === 0) break;
    const parent = c.parents[0];
    const before = parent ? waiversIn(await client.fileAt(repo, file, parent)) : new Set<string>();
    for (const [w, id] of open) {
      if (before.has(id)) continue;
      found.set(w, c);
      open.delete(w);
    }
  }
  for (const w of open.keys()) found.set(w, null);
  return found;
}

/** Why the waiver added by `commit` does not count, or null when its approvers approved it. */
async function refusal(client: GitHubClient, repo: Repo, w: Waiver, commit: CommitRef, cache: Map<string, Promise<{ pull: number; approved: Set<string> } | null>>): Promise<string | null> {
  let approval = cache.get(commit.sha);
  if (!approval) {
    approval = (async () => {
      const pull = (await client.pullsForCommit(repo, commit.sha)).find((p) => p.mergedAt !== null);
      if (!pull) return null;
      return { pull: pull.number, approved: new Set(approvers(await client.pullReviews(repo, pull.number)).map(login)) };
    })();
    cache.set(commit.sha, approval);
  }
  const got = await approval;
  if (!got) return `commit ${short(commit.sha)} added it without a pull request, so no approval of it is on record; ${again(w)}`;
  const missing = w.approvers.filter((a) => !got.approved.has(login(a)));
  if (missing.length === 0) return null;
  return `${missing.join(', ')} did not approve pull request #${got.pull}, which added it (commit ${short(commit.sha)}); ${again(w)}, or name only the people who approved`;
}

/**
 * The waivers of `policy` that do not count, read at `ref` (each waiver's policy file and its
 * history, the pull requests and reviews that added them).
 */
export async function unapprovedWaivers(client: GitHubClient, repo: Repo, policy: EffectivePolicy, ref: string): Promise<UnapprovedWaiver[]> {
  const builtIn = new Set(policy.layers.filter((l) => l.name.startsWith('tier:')).map((l) => l.file));
  const byFile = new Map<string, Waiver[]>();
  for (const w of policy.waivers) {
    if (builtIn.has(w.source.file)) continue;
    (byFile.get(w.source.file) ?? byFile.set(w.source.file, []).get(w.source.file)!).push(w);
  }
  const out: UnapprovedWaiver[] = [];
  const cache = new Map<string, Promise<{ pull: number; approved: Set<string> } | null>>();
  for (const [file, waivers] of byFile) {
    const adding = await addingCommits(client, repo, file, ref, waivers);
    for (const w of waivers) {
      const commit = adding.get(w)!;
      const reason = commit === null
        ? `the commit that added it is not among the newest ${MAX_COMMITS} commits of ${file}, so its approval cannot be shown; ${again(w)}`
        : await refusal(client, repo, w, commit, cache);
      if (reason !== null) out.push({ waiver: w, reason });
    }
  }
  return out;
}
