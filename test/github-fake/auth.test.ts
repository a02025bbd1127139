/**
 * Tokens answer as GitHub answers an installation token: 401 for an unknown one, 403 "Resource
 * not accessible by integration" with `x-accepted-github-permissions` for a missing permission,
 * 404 for a private repository the token does not reach. None of these is a contract violation:
 * the client asked correctly, the token was short.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { fakeOctokit } from '../helpers/github-fake/octokit.js';
import { HEAD, READER, seedWorld, WRITER } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
let gh: GitHubFake;

interface HttpFailure {
  status: number;
  response: { data: unknown; headers: Record<string, string> };
}

const failure = (p: Promise<unknown>): Promise<HttpFailure> => p.then(() => { throw new Error('the request succeeded'); }, (e: unknown) => e as HttpFailure);

beforeEach(async () => {
  gh = await startGitHubFake({ tokens: [WRITER, READER] });
  seedWorld(gh);
  gh.state.addRepo({ owner: 'acme', name: 'site' }); // public
  gh.state.addPull('acme/site', { number: 1, head: { ref: 'x', sha: 'c'.repeat(40) } });
});

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe('a missing permission', () => {
  it('creating a check run with contents:read only: 403 with the accepted permissions, nothing created', async () => {
    const err = await failure(fakeOctokit(gh.url, READER.token).rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD }));
    expect(err.status).toBe(403);
    expect(err.response.data).toEqual({
      message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run', status: '403',
    });
    expect(err.response.headers['x-accepted-github-permissions']).toBe('checks=write');
    expect(gh.state.checkRuns('acme/app')).toEqual([]);
    expect(gh.requests.map((r) => [r.operationId, r.token, r.status])).toEqual([['checks/create', 'reader', 403]]);
  });

  it.each([
    ['issues/create-comment', 'issues=write; pull_requests=write', (o: ReturnType<typeof fakeOctokit>) => o.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' })],
    ['pulls/get', 'pull_requests=read', (o: ReturnType<typeof fakeOctokit>) => o.rest.pulls.get({ ...repo, pull_number: 7 })],
    ['actions/list-workflow-run-artifacts', 'actions=read; contents=read', (o: ReturnType<typeof fakeOctokit>) => o.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 42 })],
    ['teams/get-membership-for-user-in-org', 'members=read', (o: ReturnType<typeof fakeOctokit>) => o.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'release-managers', username: 'alice' })],
  ])('%s without its permission: 403, accepted %s', async (_op, accepted, call) => {
    gh.state.addToken({ token: 'ghs_none', permissions: {} });
    const err = await failure(call(fakeOctokit(gh.url, 'ghs_none')));
    expect([err.status, err.response.headers['x-accepted-github-permissions']]).toEqual([403, accepted]);
  });

  it('issues write is as good as pull-requests write for a comment', async () => {
    gh.state.addToken({ token: 'ghs_issues', permissions: { issues: 'write' } });
    const { status } = await fakeOctokit(gh.url, 'ghs_issues').rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' });
    expect(status).toBe(201);
  });

  it('read is not write: pull-requests read cannot comment', async () => {
    gh.state.addToken({ token: 'ghs_prread', permissions: { 'pull-requests': 'read' } });
    const err = await failure(fakeOctokit(gh.url, 'ghs_prread').rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' }));
    expect(err.status).toBe(403);
  });
});

describe('public repositories', () => {
  it('are read without any permission, but not written', async () => {
    gh.state.addToken({ token: 'ghs_none', permissions: {} });
    const octokit = fakeOctokit(gh.url, 'ghs_none');
    const { data } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'site', pull_number: 1 });
    expect(data.number).toBe(1);
    const err = await failure(octokit.rest.checks.create({ owner: 'acme', repo: 'site', name: 'x', head_sha: 'c'.repeat(40) }));
    expect(err.status).toBe(403);
  });
});

describe('tokens and repositories', () => {
  it('an unknown token: 401 Bad credentials', async () => {
    const err = await failure(fakeOctokit(gh.url, 'ghs_nobody').rest.repos.get(repo));
    expect([err.status, err.response.data]).toEqual([401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }]);
    expect(gh.requests.map((r) => [r.token, r.status])).toEqual([[null, 401]]);
  });

  it('a private repository outside the token’s repositories: 404, as if it did not exist', async () => {
    gh.state.addToken({ token: 'ghs_other', permissions: { contents: 'read', 'pull-requests': 'read' }, repositories: ['acme/site'] });
    const err = await failure(fakeOctokit(gh.url, 'ghs_other').rest.pulls.get({ ...repo, pull_number: 7 }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([404, 'Not Found']);
  });

  it('a repository that does not exist: 404', async () => {
    const err = await failure(fakeOctokit(gh.url, WRITER.token).rest.repos.get({ owner: 'acme', repo: 'ghost' }));
    expect(err.status).toBe(404);
  });

  it('Bearer and token schemes both authenticate', async () => {
    for (const scheme of ['token', 'Bearer']) {
      const res = await fetch(`${gh.url}/repos/acme/app`, { headers: { authorization: `${scheme} ${WRITER.token}`, 'user-agent': 'test', accept: 'application/vnd.github+json' } });
      expect(res.status).toBe(200);
    }
  });
});
