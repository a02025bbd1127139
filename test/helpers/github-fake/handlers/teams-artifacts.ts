/**
 * Team membership, and workflow-run artifacts: the list, and the download, which GitHub answers
 * with a 302 to a short-lived signed URL on another host ("Look for Location: in the response
 * header to find the URL for the download"); the fake's blob host serves the zip there.
 * An expired artifact answers 410.
 */
import { basicError, notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import type { FakeArtifact, FakeRepo } from '../model.js';
import { paginate, repositoryLinkBase } from '../pagination.js';
import type { Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

export function getTeamMembership(ctx: HandlerContext): Answer {
  const { org = '', team_slug: slug = '', username = '' } = ctx.params;
  const team = ctx.state.teams.get(org.toLowerCase())?.get(slug.toLowerCase());
  const membership = team?.members.get(username.toLowerCase());
  if (!team || !membership) throw notFound(ctx.doc);
  const orgId = ctx.state.user(org, 'Organization').id;
  return {
    status: 200,
    body: { url: `${ctx.urls.api}/organizations/${orgId}/team/${team.id}/memberships/${encodeURIComponent(username)}`, ...membership },
  };
}

/** `artifact`. */
export function artifactJson(a: FakeArtifact, repo: FakeRepo, urls: Urls): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo.fullName}/actions/artifacts/${a.id}`;
  return {
    id: a.id, node_id: nodeId('Artifact', a.id), name: a.name, size_in_bytes: a.zip.length, url, archive_download_url: `${url}/zip`,
    expired: a.expired, created_at: a.createdAt, expires_at: a.expiresAt, updated_at: a.createdAt, digest: a.digest,
    workflow_run: { id: a.runId, repository_id: repo.id, head_repository_id: repo.id, head_branch: a.headBranch, head_sha: a.headSha },
  };
}

export function listRunArtifacts(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const runId = Number(ctx.params.run_id);
  let all = repo.artifacts.filter((a) => a.runId === runId && (typeof ctx.query.name !== 'string' || a.name === ctx.query.name));
  all = ctx.query.direction === 'asc' ? [...all].sort((a, b) => a.id - b.id) : [...all].sort((a, b) => b.id - a.id);
  const page = paginate(all, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/actions/runs/${runId}/artifacts`));
  return {
    status: 200, body: { total_count: all.length, artifacts: page.items.map((a) => artifactJson(a, repo, ctx.urls)) },
    headers: page.link ? { link: page.link } : {},
  };
}

export function downloadArtifact(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const artifact = repo.artifacts.find((a) => a.id === Number(ctx.params.artifact_id));
  if (!artifact || ctx.params.archive_format !== 'zip') throw notFound(ctx.doc);
  if (artifact.expired) throw basicError(410, 'Artifact has expired', ctx.doc);
  return { status: 302, headers: { location: ctx.blobUrl(artifact) } };
}
