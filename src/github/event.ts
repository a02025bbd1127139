/**
 * What the workflow run is about, from the runner's environment (GITHUB_*) and the event
 * payload (GITHUB_EVENT_PATH): the repository, the commit to put checks on (a pull request's
 * head, never its merge commit), the pull request if any, and whether the token can write (a
 * fork's or Dependabot's pull_request runs get a read-only token).
 */
import { readFileSync } from 'node:fs';
import { PhasegateError } from '../errors.js';
import type { GitHubClient, Repo } from './client.js';

export interface RunContext {
  repo: Repo;
  eventName: string;
  /** The commit checks go on. */
  sha: string;
  pull?: { number: number; baseSha: string; baseRef: string; headRepo: string | null; headRef?: string; author: string; labels: string[] };
  /** A pull request from a fork or by Dependabot: the token is read-only. */
  readOnlyToken: boolean;
  workflow: string;
  actor: string;
  runUrl: string;
  workspace: string;
  runnerTemp: string;
  apiUrl: string;
  /** In a workflow_run workflow: the run whose artifact holds the evidence. */
  sourceRunId?: number;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT ('' and '1' when not set). */
  runId: string;
  runAttempt: string;
  /** The branch or tag the run is for (GITHUB_REF_NAME; `7/merge` on a pull request, whose branch is `pull.headRef`). */
  refName: string;
}

interface PullPayload {
  number: number;
  head: { sha: string; ref?: string; repo?: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
  user?: { login: string } | null;
  labels?: Array<{ name?: string }>;
}

/** The event payload (GITHUB_EVENT_PATH) as JSON. */
function payloadOf(env: NodeJS.ProcessEnv): Record<string, unknown> {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
  } catch {
    throw new PhasegateError({ file: env.GITHUB_EVENT_PATH, message: 'the event payload is not readable JSON' });
  }
}

/** The run's context; a missing variable is one line naming it (the action runs only on a runner). */
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new PhasegateError({ message: `${k} is not set: this action runs in a GitHub Actions job` });
    return v;
  };
  const [owner, repo] = need('GITHUB_REPOSITORY').split('/') as [string, string];
  const eventName = need('GITHUB_EVENT_NAME');
  const payload = payloadOf(env) as { pull_request?: PullPayload };
  const pr = eventName.startsWith('pull_request') ? payload.pull_request : undefined;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const actor = env.GITHUB_ACTOR ?? '';
  const headRepo = pr?.head.repo?.full_name ?? null;
  const fromFork = pr !== undefined && headRepo !== `${owner}/${repo}`;
  return {
    repo: { owner, repo },
    eventName,
    sha: pr?.head.sha ?? need('GITHUB_SHA'),
    ...(pr ? { pull: { number: pr.number, baseSha: pr.base.sha, baseRef: pr.base.ref, headRepo, ...(pr.head.ref ? { headRef: pr.head.ref } : {}), author: pr.user?.login ?? '', labels: (pr.labels ?? []).map((l) => l.name ?? '').filter(Boolean) } } : {}),
    readOnlyToken: eventName === 'pull_request' && (fromFork || actor === 'dependabot[bot]'),
    workflow: env.GITHUB_WORKFLOW ?? 'workflow',
    actor,
    runUrl: `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    runnerTemp: env.RUNNER_TEMP ?? env.GITHUB_WORKSPACE ?? process.cwd(),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    refName: env.GITHUB_REF_NAME ?? '',
  };
}

interface WorkflowRunPayload {
  id: number;
  head_sha: string;
  head_branch: string | null;
  event: string;
  head_repository?: { full_name: string } | null;
}

/**
 * The context of a workflow_run workflow (the fork-safe pattern): checks go on the tested
 * run's head commit, and its pull request is found through the API from fields GitHub wrote
 * (head commit and repository), never from the untrusted artifact, and only when exactly one
 * open pull request into this repository has that head commit.
 */
export async function workflowRunContext(env: NodeJS.ProcessEnv, client: GitHubClient): Promise<RunContext> {
  const base = runContext(env);
  const run = (payloadOf(env) as { workflow_run?: WorkflowRunPayload }).workflow_run;
  if (base.eventName !== 'workflow_run' || !run) {
    throw new PhasegateError({ message: `input "mode": workflow-run reads the evidence of the run that triggered this workflow, but this is a ${base.eventName} event; trigger the workflow with on: workflow_run` });
  }
  const full = `${base.repo.owner}/${base.repo.repo}`;
  const pulls = (await client.pullsForCommit(base.repo, run.head_sha)).filter((p) => p.baseRepo === full && p.headSha === run.head_sha && p.state === 'open');
  const pull = pulls.length === 1 ? pulls[0]! : undefined;
  return {
    ...base,
    sha: run.head_sha,
    ...(pull ? { pull: { number: pull.number, baseSha: pull.baseSha, baseRef: pull.baseRef, headRepo: pull.headRepo, headRef: pull.headRef, author: pull.author, labels: pull.labels } } : {}),
    readOnlyToken: false,
    sourceRunId: run.id,
  };
}
