/**
 * Pull requests: get, list files, list reviews, and the pull requests associated with a commit
 * (repos/list-pull-requests-associated-with-commit, which answers pull requests too).
 */
import { notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import type { FakePull, FakeRepo } from '../model.js';
import { paginate, repositoryLinkBase } from '../pagination.js';
import { labelJson, repositoryJson, userJson, WEB, type Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

function side(s: FakePull['head'], urls: Urls): Record<string, unknown> {
  return { label: `${s.repo.owner.login}:${s.ref}`, ref: s.ref, sha: s.sha, user: userJson(s.repo.owner, urls), repo: repositoryJson(s.repo, urls) };
}

/** The fields `pull-request` and `pull-request-simple` share. */
function pullCore(p: FakePull, repo: FakeRepo, urls: Urls, simple: boolean): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const url = `${api}/pulls/${p.number}`;
  const html = `${WEB}/${repo.fullName}/pull/${p.number}`;
  const issue = `${api}/issues/${p.number}`;
  const links = {
    self: url, html, issue, comments: `${issue}/comments`, review_comments: `${url}/comments`,
    review_comment: `${api}/pulls/comments{/number}`, commits: `${url}/commits`, statuses: `${api}/statuses/${p.head.sha}`,
  };
  return {
    url, id: p.id, node_id: nodeId('PullRequest', p.id), html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`,
    issue_url: issue, commits_url: links.commits, review_comments_url: links.review_comments, review_comment_url: links.review_comment,
    comments_url: links.comments, statuses_url: links.statuses, number: p.number, state: p.state, locked: false, title: p.title,
    user: userJson(p.user, urls), body: p.body, labels: p.labels.map((l) => labelJson(l, repo, urls, simple)), milestone: null,
    active_lock_reason: null, created_at: p.createdAt, updated_at: p.updatedAt, closed_at: p.closedAt, merged_at: p.mergedAt,
    merge_commit_sha: p.mergeCommitSha, assignee: null, assignees: [], requested_reviewers: [], requested_teams: [],
    head: side(p.head, urls), base: side(p.base, urls),
    _links: Object.fromEntries(Object.entries(links).map(([k, href]) => [k, { href }])),
    author_association: p.user === repo.owner ? 'OWNER' : 'CONTRIBUTOR', auto_merge: null, draft: p.draft,
  };
}

/** `pull-request`. */
export function pullJson(p: FakePull, repo: FakeRepo, urls: Urls): Record<string, unknown> {
  const sum = (k: 'additions' | 'deletions') => p.files.reduce((n, f) => n + f[k], 0);
  return {
    ...pullCore(p, repo, urls, false),
    merged: p.merged, mergeable: p.state === 'open' ? true : null, rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown', merged_by: p.merged ? userJson(p.base.repo.owner, urls) : null,
    comments: repo.comments.filter((c) => c.issueNumber === p.number).length, review_comments: 0,
    maintainer_can_modify: p.head.repo !== repo, commits: 1 + p.commits.length,
    additions: sum('additions'), deletions: sum('deletions'), changed_files: p.files.length,
  };
}

function pullOf(ctx: HandlerContext, repo: FakeRepo): FakePull {
  const p = repo.pulls.get(Number(ctx.params.pull_number));
  if (!p) throw notFound(ctx.doc);
  return p;
}

export function getPull(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  return { status: 200, body: pullJson(pullOf(ctx, repo), repo, ctx.urls) };
}

export function listPullFiles(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const p = pullOf(ctx, repo);
  const head = p.head.repo.fullName;
  const files = p.files.map((f) => {
    const path = f.filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: f.sha, filename: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, changes: f.additions + f.deletions,
      blob_url: `${WEB}/${head}/blob/${p.head.sha}/${path}`, raw_url: `${WEB}/${head}/raw/${p.head.sha}/${path}`,
      contents_url: `${ctx.urls.api}/repos/${head}/contents/${path}?ref=${p.head.sha}`,
      ...(f.patch !== undefined ? { patch: f.patch } : {}), ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
    };
  });
  const page = paginate(files, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/pulls/${p.number}/files`));
  return { status: 200, body: page.items, headers: page.link ? { link: page.link } : {} };
}

export function listPullReviews(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const p = pullOf(ctx, repo);
  // A pending review is visible to its author only.
  const reviews = p.reviews.filter((r) => r.state !== 'PENDING' || r.user === ctx.token.actor).map((r) => ({
    id: r.id, node_id: nodeId('PullRequestReview', r.id), user: userJson(r.user, ctx.urls), body: r.body, state: r.state,
    html_url: `${WEB}/${repo.fullName}/pull/${p.number}#pullrequestreview-${r.id}`,
    pull_request_url: `${ctx.urls.api}/repos/${repo.fullName}/pulls/${p.number}`,
    _links: { html: { href: `${WEB}/${repo.fullName}/pull/${p.number}#pullrequestreview-${r.id}` }, pull_request: { href: `${ctx.urls.api}/repos/${repo.fullName}/pulls/${p.number}` } },
    ...(r.submittedAt ? { submitted_at: r.submittedAt } : {}), commit_id: r.commitId,
    author_association: r.user === repo.owner ? 'OWNER' : 'COLLABORATOR',
  }));
  const page = paginate(reviews, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/pulls/${p.number}/reviews`));
  return { status: 200, body: page.items, headers: page.link ? { link: page.link } : {} };
}

/**
 * GitHub: "Lists the merged pull request that introduced the commit to the repository. If the
 * commit is not present in the default branch, will only return open pull requests associated
 * with the commit", and a branch name in place of the sha lists that branch's open or merged
 * pull requests.
 */
export function listPullsForCommit(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const sha = ctx.params.commit_sha!;
  // A branch name means a branch of this repository, not of a fork.
  const touches = (p: FakePull) => p.head.sha === sha || p.commits.includes(sha) || p.mergeCommitSha === sha || (p.head.ref === sha && p.head.repo === repo);
  const found = [...repo.pulls.values()].filter((p) => touches(p) && (p.state === 'open' || p.merged));
  const merged = found.filter((p) => p.merged);
  const pulls = (merged.length > 0 ? merged : found).sort((a, b) => a.number - b.number);
  const page = paginate(pulls, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/commits/${encodeURIComponent(sha)}/pulls`));
  return { status: 200, body: page.items.map((p) => pullCore(p, repo, ctx.urls, true)), headers: page.link ? { link: page.link } : {} };
}
