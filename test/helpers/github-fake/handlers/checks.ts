/**
 * Check runs: create, update (annotations are appended across calls, as GitHub does: "Each time
 * you update the check run, annotations are appended"), list for a ref.
 */
import { notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import type { FakeAnnotation, FakeCheckRun, FakeRepo } from '../model.js';
import { paginate, repositoryLinkBase } from '../pagination.js';
import { appJson, WEB, type Urls } from '../shapes.js';
import { repoOf, type Answer, type HandlerContext } from './types.js';

type Body = Record<string, unknown>;
type Output = { title?: string; summary?: string; text?: string; annotations?: FakeAnnotation[]; images?: FakeCheckRun['images'] };

/** `check-run`. */
export function checkRunJson(run: FakeCheckRun, repo: FakeRepo, urls: Urls): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo.fullName}/check-runs/${run.id}`;
  const html = `${WEB}/${repo.fullName}/runs/${run.id}`;
  // GitHub lists the open pull requests of this repository whose head is the run's commit;
  // "pushes to a branch in a forked repository are not detected".
  const pulls = [...repo.pulls.values()].filter((p) => p.state === 'open' && p.head.sha === run.headSha && p.head.repo === repo);
  const ref = (r: FakeRepo) => ({ id: r.id, url: `${urls.api}/repos/${r.fullName}`, name: r.name });
  return {
    id: run.id, name: run.name, node_id: nodeId('CheckRun', run.id), head_sha: run.headSha, external_id: run.externalId ?? '',
    url, html_url: html, details_url: run.detailsUrl ?? html, status: run.status, conclusion: run.conclusion,
    started_at: run.startedAt, completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    check_suite: { id: run.checkSuiteId }, app: appJson(run.app, urls),
    pull_requests: pulls.map((p) => ({
      url: `${urls.api}/repos/${repo.fullName}/pulls/${p.number}`, id: p.id, number: p.number,
      head: { ref: p.head.ref, sha: p.head.sha, repo: ref(p.head.repo) },
      base: { ref: p.base.ref, sha: p.base.sha, repo: ref(p.base.repo) },
    })),
  };
}

/** Applies the fields of a create or update body; a conclusion completes the run. */
function apply(run: FakeCheckRun, body: Body, now: string): void {
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.external_id === 'string') run.externalId = body.external_id;
  if (typeof body.status === 'string') run.status = body.status as FakeCheckRun['status'];
  if (typeof body.started_at === 'string') run.startedAt = body.started_at;
  if (typeof body.completed_at === 'string') run.completedAt = body.completed_at;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.completedAt) run.completedAt = now;
  const output = body.output as Output | undefined;
  if (output) {
    run.output = {
      title: output.title ?? run.output.title, summary: output.summary ?? run.output.summary, text: output.text ?? run.output.text,
    };
    run.annotations.push(...(output.annotations ?? []));
    if (output.images) run.images = output.images;
  }
  if (Array.isArray(body.actions)) run.actions = body.actions as FakeCheckRun['actions'];
}

export function createCheckRun(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const now = ctx.state.clock.tick();
  const headSha = String(ctx.body.head_sha);
  const run: FakeCheckRun = {
    id: ctx.state.ids.take('checkRun'), name: '', headSha, status: 'queued', conclusion: null, startedAt: now, completedAt: null,
    detailsUrl: null, externalId: null, output: { title: null, summary: null, text: null }, annotations: [], images: [], actions: [],
    app: ctx.token.app, checkSuiteId: ctx.state.suiteId(ctx.token.app, headSha),
  };
  apply(run, ctx.body, now);
  repo.checkRuns.push(run);
  return { status: 201, body: checkRunJson(run, repo, ctx.urls) };
}

export function updateCheckRun(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const run = repo.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id));
  if (!run) throw notFound(ctx.doc);
  apply(run, ctx.body, ctx.state.clock.tick());
  return { status: 200, body: checkRunJson(run, repo, ctx.urls) };
}

export function listCheckRunsForRef(ctx: HandlerContext): Answer {
  const repo = repoOf(ctx);
  const ref = ctx.params.ref!;
  const sha = ctx.state.resolveRef(repo, ref);
  let runs = repo.checkRuns.filter((r) => r.headSha === sha);
  const { check_name: name, status, app_id: appId, filter } = ctx.query as Record<string, string | undefined>;
  if (name !== undefined) runs = runs.filter((r) => r.name === name);
  if (status !== undefined) runs = runs.filter((r) => r.status === status);
  if (appId !== undefined) runs = runs.filter((r) => r.app.id === Number(appId));
  runs = [...runs].sort((a, b) => b.id - a.id); // newest first
  if (filter !== 'all') runs = runs.filter((r, i) => runs.findIndex((o) => o.name === r.name && o.app.id === r.app.id) === i);
  const page = paginate(runs, ctx.query, repositoryLinkBase(ctx.urls.api, repo.id, `/commits/${encodeURIComponent(ref)}/check-runs`));
  return {
    status: 200, body: { total_count: runs.length, check_runs: page.items.map((r) => checkRunJson(r, repo, ctx.urls)) },
    headers: page.link ? { link: page.link } : {},
  };
}
