/**
 * The GitHub fake answers every contract operation to a real @octokit/rest client (with the
 * retry and throttling plugins) with GitHub's shapes, and the client's requests break nothing.
 */
import { createHash } from 'node:crypto';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { describe, expect, it } from 'vitest';
import { REQUIRED } from '../helpers/github-fake/auth.js';
import { HANDLERS } from '../helpers/github-fake/handlers/index.js';
import { fakeOctokit } from '../helpers/github-fake/octokit.js';
import { BASE, HEAD, WRITER, useWorld } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
const world = useWorld();

/** git's blob sha of a text (what `git hash-object` prints). */
const gitSha = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');

describe('repositories', () => {
  it('repos/get gives the default branch and visibility, and no permissions for an installation token', async () => {
    const { data } = await world.octokit.rest.repos.get(repo);
    expect([data.full_name, data.default_branch, data.private, data.visibility, data.fork]).toEqual(['acme/app', 'main', true, 'private', false]);
    expect([data.owner.login, data.owner.type, data.organization?.login]).toEqual(['acme', 'Organization', 'acme']);
    expect(data.url).toBe(`${world.gh.url}/repos/acme/app`);
    expect(data.html_url).toBe('https://github.com/acme/app');
    expect('permissions' in data).toBe(false);
  });

  it("repos/get reports a user token's repository roles as permissions, and a fork's parent", async () => {
    world.gh.state.addToken({ token: 'ghp_user', permissions: {}, actor: 'octocat', roles: { admin: false, maintain: false, push: true, triage: true, pull: true } });
    const { data } = await fakeOctokit(world.gh.url, 'ghp_user').rest.repos.get({ owner: 'octocat', repo: 'app' });
    expect(data.permissions).toEqual({ admin: false, maintain: false, push: true, triage: true, pull: true });
    expect([data.fork, data.parent?.full_name, data.source?.full_name, data.private]).toEqual([true, 'acme/app', 'acme/app', true]);
  });

  it('repos/get-content gives a file at a ref as base64 JSON, or raw, and lists a folder', async () => {
    const file = await world.octokit.rest.repos.getContent({ ...repo, path: '.phasegate/policy.yml', ref: HEAD });
    expect(file.data).toMatchObject({ type: 'file', encoding: 'base64', name: 'policy.yml', path: '.phasegate/policy.yml', size: 8, sha: gitSha('tier: 3\n') });
    expect(Buffer.from((file.data as { content: string }).content, 'base64').toString()).toBe('tier: 3\n');

    const raw = await world.octokit.rest.repos.getContent({ ...repo, path: '.phasegate/policy.yml', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('tier: 2\n'); // the default branch's
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');

    const root = await world.octokit.rest.repos.getContent({ ...repo, path: '' });
    expect((root.data as Array<{ name: string; type: string }>).map((e) => [e.name, e.type])).toEqual([['.phasegate', 'dir'], ['src', 'dir']]);
    const src = await world.octokit.rest.repos.getContent({ ...repo, path: 'src' });
    expect((src.data as Array<{ path: string; sha: string }>).map((e) => [e.path, e.sha])).toEqual([['src/index.ts', gitSha('export {};\n')]]);
  });

  it('repos/get-content answers 404 for a path or a ref that does not exist', async () => {
    await expect(world.octokit.rest.repos.getContent({ ...repo, path: 'nope.yml' })).rejects.toMatchObject({ status: 404 });
    await expect(world.octokit.rest.repos.getContent({ ...repo, path: '.phasegate/policy.yml', ref: 'no-such-branch' })).rejects.toMatchObject({ status: 404 });
  });
  it('repos/list-commits lists a ref\'s history newest first, and with `path` only the commits that changed that file', async () => {
    const s = world.gh.state;
    const one = s.commit('acme/app', { 'docs/a.md': 'a\n' }, { message: 'Add a', author: 'alice' });
    const two = s.commit('acme/app', { 'src/index.ts': 'export const x = 1;\n' }, { message: 'Change code' });
    const three = s.commit('acme/app', { 'docs/a.md': null }, { message: 'Remove a' });
    const all = await world.octokit.rest.repos.listCommits({ ...repo, sha: 'main' });
    expect(all.data.map((c) => [c.sha, c.commit.message, c.parents.map((p) => p.sha)])).toEqual([
      [three, 'Remove a', [two]], [two, 'Change code', [one]], [one, 'Add a', [BASE]],
    ]);
    expect(all.data[2]!.author?.login).toBe('alice');
    const docs = await world.octokit.rest.repos.listCommits({ ...repo, sha: 'main', path: 'docs/a.md' });
    expect(docs.data.map((c) => c.sha)).toEqual([three, one]);
    const older = await world.octokit.rest.repos.listCommits({ ...repo, sha: two, path: 'docs/a.md' });
    expect(older.data.map((c) => c.sha)).toEqual([one]);
    await expect(world.octokit.rest.repos.listCommits({ ...repo, sha: 'no-such-branch' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('pull requests', () => {
  it('pulls/get gives head (from the fork), base, labels and counts', async () => {
    const { data } = await world.octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect([data.number, data.state, data.merged, data.draft, data.user.login, data.title]).toEqual([7, 'open', false, false, 'octocat', 'Add the gate']);
    expect([data.head.label, data.head.ref, data.head.sha, data.head.repo.full_name, data.head.repo.fork]).toEqual(['octocat:feature', 'feature', HEAD, 'octocat/app', true]);
    expect([data.base.ref, data.base.sha, data.base.repo.full_name]).toEqual(['main', BASE, 'acme/app']);
    expect(data.labels.map((l) => l.name)).toEqual(['release']);
    expect([data.additions, data.deletions, data.changed_files, data.commits]).toEqual([3, 1, 2, 1]);
  });

  it('pulls/list-files gives each file with its status, counts and patch', async () => {
    const { data } = await world.octokit.rest.pulls.listFiles({ ...repo, pull_number: 7 });
    expect(data.map((f) => [f.filename, f.status, f.additions, f.deletions, f.changes])).toEqual([
      ['src/gate.ts', 'added', 2, 0, 2],
      ['README.md', 'modified', 1, 1, 2],
    ]);
    expect(data[1]!.patch).toBe('@@ -1 +1 @@\n-old\n+new');
    expect(data[0]!.raw_url).toBe(`https://github.com/octocat/app/raw/${HEAD}/src/gate.ts`);
  });

  it("pulls/list-reviews gives the submitted reviews in order, without another user's pending one", async () => {
    const { data } = await world.octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 });
    expect(data.map((r) => [r.user?.login, r.state, r.submitted_at, r.commit_id])).toEqual([
      ['alice', 'CHANGES_REQUESTED', '2024-06-03T10:00:00Z', HEAD],
      ['alice', 'APPROVED', '2024-06-03T11:00:00Z', HEAD],
    ]);
  });

  it('repos/list-pull-requests-associated-with-commit finds the open pull request of a commit and of a branch', async () => {
    world.gh.state.addPull('acme/app', { number: 8, head: { ref: 'fix', sha: 'f'.repeat(40) } });
    const bySha = await world.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: HEAD });
    expect(bySha.data.map((p) => p.number)).toEqual([7]);
    const byBranch = await world.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'fix' });
    expect(byBranch.data.map((p) => [p.number, p.head.sha])).toEqual([[8, 'f'.repeat(40)]]);
    const none = await world.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: BASE });
    expect(none.data).toEqual([]);
  });
});

describe('teams', () => {
  it('teams/get-membership-for-user-in-org gives a member’s role, and 404 for a non-member', async () => {
    const { data } = await world.octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'release-managers', username: 'alice' });
    expect([data.role, data.state]).toEqual(['maintainer', 'active']);
    await expect(world.octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'release-managers', username: 'bob' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('check runs', () => {
  const annotation = (line: number) => ({ path: 'src/gate.ts', start_line: line, end_line: line, annotation_level: 'warning' as const, message: `line ${line}` });

  it('create, then update: annotations accumulate in order, the conclusion completes the run', async () => {
    const created = await world.octokit.rest.checks.create({
      ...repo, name: 'phasegate', head_sha: HEAD, status: 'in_progress', output: { title: 'Gate', summary: 'running', annotations: [annotation(1)] },
    });
    expect([created.status, created.data.status, created.data.conclusion, created.data.app?.slug, created.data.output.annotations_count]).toEqual([201, 'in_progress', null, 'github-actions', 1]);
    expect(created.data.pull_requests).toEqual([]); // the pull request comes from a fork

    const id = created.data.id;
    const updated = await world.octokit.rest.checks.update({
      ...repo, check_run_id: id, conclusion: 'failure', output: { title: 'Gate', summary: 'failed', annotations: [annotation(2), annotation(3)] },
    });
    expect([updated.data.status, updated.data.conclusion, updated.data.output.summary, updated.data.output.annotations_count]).toEqual(['completed', 'failure', 'failed', 3]);
    expect(updated.data.completed_at).toBe(world.gh.state.checkRuns('acme/app')[0]!.completedAt);
    expect(world.gh.state.checkRuns('acme/app').map((r) => r.annotations.map((a) => a.start_line))).toEqual([[1, 2, 3]]);

    const listed = await world.octokit.rest.checks.listForRef({ ...repo, ref: HEAD });
    expect([listed.data.total_count, listed.data.check_runs.map((r) => [r.id, r.name, r.conclusion])]).toEqual([1, [[id, 'phasegate', 'failure']]]);
  });

  it('a run on the head of a same-repository pull request names it', async () => {
    world.gh.state.addPull('acme/app', { number: 9, head: { ref: 'own', sha: 'e'.repeat(40) } });
    const { data } = await world.octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: 'e'.repeat(40) });
    expect(data.pull_requests.map((p) => [p.number, p.head.ref, p.base.ref])).toEqual([[9, 'own', 'main']]);
    expect([data.status, data.conclusion]).toEqual(['queued', null]);
  });
});

describe('issue comments', () => {
  it('create, list and update a pull request comment', async () => {
    const created = await world.octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: '## Gate\npassed' });
    expect([created.status, created.data.body, created.data.user?.login, created.data.user?.type]).toEqual([201, '## Gate\npassed', 'github-actions[bot]', 'Bot']);
    expect(created.headers.location).toBe(created.data.url);
    expect(created.data.html_url).toBe(`https://github.com/acme/app/pull/7#issuecomment-${created.data.id}`);

    await world.octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: '## Gate\nfailed' });
    const { data } = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7 });
    expect(data.map((c) => [c.id, c.body])).toEqual([[created.data.id, '## Gate\nfailed']]);
    expect(Date.parse(data[0]!.updated_at) - Date.parse(data[0]!.created_at)).toBe(1000); // the fake's clock: one second a write
  });

  it('answers 404 for a comment on an issue that does not exist', async () => {
    await expect(world.octokit.rest.issues.createComment({ ...repo, issue_number: 99, body: 'x' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('@actions/github', () => {
  it("getOctokit's client (the actions' own) meets the contract too", async () => {
    const client = getOctokit(WRITER.token, { baseUrl: world.gh.url }, retry);
    const { status } = await client.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD });
    const files = await client.paginate(client.rest.pulls.listFiles, { ...repo, pull_number: 7, per_page: 1 });
    expect([status, files.map((f) => f.filename)]).toEqual([201, ['src/gate.ts', 'README.md']]);
    expect(world.gh.requests.map((r) => r.operationId)).toEqual(['checks/create', 'pulls/list-files', 'pulls/list-files']);
  });
});

describe('the fake itself', () => {
  it('has a handler and a permission rule for every operation of the contract, and no more', () => {
    const ops = ['actions/download-artifact', 'actions/list-workflow-run-artifacts', 'checks/create', 'checks/list-for-ref', 'checks/update',
      'issues/create-comment', 'issues/list-comments', 'issues/update-comment', 'pulls/get', 'pulls/list-files', 'pulls/list-reviews',
      'repos/get', 'repos/get-content', 'repos/list-commits', 'repos/list-pull-requests-associated-with-commit', 'teams/get-membership-for-user-in-org'];
    expect(Object.keys(HANDLERS).sort()).toEqual(ops);
    expect(Object.keys(REQUIRED).sort()).toEqual(ops);
  });
});
