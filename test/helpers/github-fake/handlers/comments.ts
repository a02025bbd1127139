/** Issue comments (a pull request is an issue): list, create, update. */
import { notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import type { FakeComment, FakeRepo } from '../model.js';
import { paginate, repositoryLinkBase } from '../pagination.js';
import { userJson, WEB, type Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

/** `issue-comment`. */
export function commentJson(c: FakeComment, repo: FakeRepo, urls: Urls): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo.fullName}/issues/comments/${c.id}`;
  const kind = repo.pulls.has(c.issueNumber) ? 'pull' : 'issues';
  return {
    id: c.id, node_id: nodeId('IssueComment', c.id), url, html_url: `${WEB}/${repo.fullName}/${kind}/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body, user: userJson(c.user, urls), created_at: c.createdAt, updated_at: c.updatedAt,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${c.issueNumber}`,
    author_association: c.user.login.toLowerCase() === repo.owner.login.toLowerCase() ? 'OWNER' : 'NONE',
    reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
  };
}

function issueNumber(ctx: HandlerContext, repo: FakeRepo): number {
  const n = Number(ctx.params.issue_number);
  if (!repo.pulls.has(n) && !repo.issues.has(n)) throw notFound(ctx.doc);
  return n;
}

export function listComments(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const n = issueNumber(ctx, repo);
  const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
  const all = repo.comments.filter((c) => c.issueNumber === n && (since === undefined || Date.parse(c.updatedAt) >= since));
  const page = paginate(all, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/issues/${n}/comments`));
  return { status: 200, body: page.items.map((c) => commentJson(c, repo, ctx.urls)), headers: page.link ? { link: page.link } : {} };
}

export function createComment(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const comment = ctx.state.addComment(repo.fullName, issueNumber(ctx, repo), String(ctx.body.body), ctx.token.actor.login);
  const json = commentJson(comment, repo, ctx.urls);
  return { status: 201, body: json, headers: { location: String(json.url) } };
}

export function updateComment(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const comment = repo.comments.find((c) => c.id === Number(ctx.params.comment_id));
  if (!comment) throw notFound(ctx.doc);
  comment.body = String(ctx.body.body);
  comment.updatedAt = ctx.state.clock.tick();
  return { status: 200, body: commentJson(comment, repo, ctx.urls) };
}
