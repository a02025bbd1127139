/**
 * repos/list-commits: the history of a ref, newest first along first parents, as GitHub lists
 * it for `sha` (a branch or a commit; default the default branch) and `path` (only commits that
 * changed that file, compared with their first parent). Only commits made through
 * `state.commit` are listed; a ref the fake knows only by its files has no history to list.
 */
import { notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import type { FakeCommit, FakeRepo } from '../model.js';
import { paginate, repositoryLinkBase } from '../pagination.js';
import { userJson, WEB, type Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b)));
}

function commitJson(c: FakeCommit, repo: FakeRepo, urls: Urls): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const person = { name: c.author.login, email: `${c.author.id}+${c.author.login}@users.noreply.github.com`, date: c.date };
  return {
    url: `${api}/commits/${c.sha}`, sha: c.sha, node_id: nodeId('Commit', Number.parseInt(c.sha.slice(0, 8), 16)),
    html_url: `${WEB}/${repo.fullName}/commit/${c.sha}`, comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`, author: person, committer: person, message: c.message, comment_count: 0,
      tree: { sha: c.sha.split('').reverse().join(''), url: `${api}/git/trees/${c.sha.split('').reverse().join('')}` },
    },
    author: userJson(c.author, urls), committer: userJson(c.author, urls),
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${WEB}/${repo.fullName}/commit/${p}` })),
  };
}

export function listCommits(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const ref = typeof ctx.query.sha === 'string' ? ctx.query.sha : repo.defaultBranch;
  const path = typeof ctx.query.path === 'string' ? ctx.query.path.replace(/^\/+/, '') : undefined;
  let sha: string | undefined = ctx.state.resolveRef(repo, ref);
  if (!repo.commits.has(sha) && !repo.trees.has(sha)) throw notFound(ctx.doc);
  const listed: FakeCommit[] = [];
  for (let c = repo.commits.get(sha); c; sha = c.parents[0], c = sha ? repo.commits.get(sha) : undefined) {
    const parent = c.parents[0] ? repo.trees.get(c.parents[0]) : undefined;
    if (path === undefined || !sameBytes(repo.trees.get(c.sha)?.get(path), parent?.get(path))) listed.push(c);
  }
  const page = paginate(listed, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, '/commits'));
  return { status: 200, body: page.items.map((c) => commitJson(c, repo, ctx.urls)), headers: page.link ? { link: page.link } : {} };
}
