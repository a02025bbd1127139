/**
 * The sticky pull-request comment: one per workflow and phase, found again by a hidden marker
 * (and by its author, so a comment quoting the marker is never overwritten) and updated in
 * place; created only when there is none.
 */
import type { GitHubClient, IssueComment, Repo } from './client.js';

/** The hidden marker of a workflow's comment for a phase; ends the comment's body. */
export function commentMarker(workflow: string, phase: string): string {
  const safe = (s: string): string => s.replace(/--+/g, '-').replace(/[<>]/g, '');
  return `<!-- phasegate:comment:${safe(workflow)}:${safe(phase)} -->`;
}

/**
 * Creates or updates the comment ending in `marker` on `issue`. `author` is the login the
 * token posts as (github-actions[bot] for GITHUB_TOKEN); only its comments are updated.
 */
export async function upsertComment(client: GitHubClient, repo: Repo, issue: number, body: string, marker: string, author: string, existing?: Promise<IssueComment[]>): Promise<{ comment: IssueComment; created: boolean }> {
  const mine = (await (existing ?? client.issueComments(repo, issue))).filter((c) => c.user === author && c.body.trimEnd().endsWith(marker));
  const last = mine.at(-1);
  if (last) return { comment: await client.updateIssueComment(repo, last.id, body), created: false };
  return { comment: await client.createIssueComment(repo, issue, body), created: true };
}
