/**
 * Injected faults meet the retry and throttling plugins as GitHub's own would: 5xx answers are
 * retried by the retry plugin, rate limits handed to the throttling plugin's handlers. The
 * requests the fake recorded show what the client did. Waits are milliseconds here (the test
 * client's `retryAfterBaseValue`), so nothing depends on time.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { fakeOctokit } from '../helpers/github-fake/octokit.js';
import { HEAD, seedWorld, WRITER } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
let gh: GitHubFake;

const trail = () => gh.requests.map((r) => `${r.operationId} ${r.status}${r.fault ? ` (${r.fault})` : ''}`);

beforeEach(async () => {
  gh = await startGitHubFake({ tokens: [WRITER] });
  seedWorld(gh);
});

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe('server errors', () => {
  it('a 502 on a check run create is retried once, and one check run exists', async () => {
    gh.faults.add({ operationId: 'checks/create', fault: { kind: 'server-error', status: 502 } });
    const { status } = await fakeOctokit(gh.url, WRITER.token).rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD });
    expect(status).toBe(201);
    expect(trail()).toEqual(['checks/create 502 (server-error 502)', 'checks/create 201']);
    expect(gh.state.checkRuns('acme/app')).toHaveLength(1);
  });

  it('a 503 that does not go away: the retry plugin gives up after 1 + 3 attempts', async () => {
    gh.faults.add({ operationId: 'pulls/get', times: 10, fault: { kind: 'server-error', status: 503 } });
    const err = await fakeOctokit(gh.url, WRITER.token).rest.pulls.get({ ...repo, pull_number: 7 }).then(
      () => { throw new Error('the request succeeded'); },
      (e: unknown) => e as { status: number },
    );
    expect(err.status).toBe(503);
    expect(trail()).toEqual(Array(4).fill('pulls/get 503 (server-error 503)'));
  });

  it('faults by request count: the 2nd request of any operation fails with a 500', async () => {
    gh.faults.add({ at: [2], fault: { kind: 'server-error', status: 500 } });
    const octokit = fakeOctokit(gh.url, WRITER.token);
    await octokit.rest.repos.get(repo);
    await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    await octokit.rest.pulls.listFiles({ ...repo, pull_number: 7 });
    expect(trail()).toEqual(['repos/get 200', 'pulls/get 500 (server-error 500)', 'pulls/get 200', 'pulls/list-files 200']);
  });
});

describe('rate limits', () => {
  it('a secondary rate limit (403, retry-after 7): onSecondaryRateLimit gets 7 and the request is retried', async () => {
    gh.faults.add({ operationId: 'issues/create-comment', fault: { kind: 'secondary-rate-limit', status: 403, retryAfter: 7 } });
    const calls: Array<[number, number]> = [];
    const octokit = fakeOctokit(gh.url, WRITER.token, { onSecondaryRateLimit: (after, count) => (calls.push([after, count]), true) });
    const { status } = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'hello' });
    expect([status, calls]).toEqual([201, [[7, 0]]]);
    expect(trail()).toEqual(['issues/create-comment 403 (secondary-rate-limit 403)', 'issues/create-comment 201']);
    expect(gh.state.comments('acme/app').map((c) => c.body)).toEqual(['hello']);
  });

  it('a secondary rate limit that persists: the client stops when its handler says so, with GitHub’s message', async () => {
    gh.faults.add({ operationId: 'repos/get', times: 5, fault: { kind: 'secondary-rate-limit', retryAfter: 30 } });
    const octokit = fakeOctokit(gh.url, WRITER.token, { onSecondaryRateLimit: (_after, count) => count < 1 });
    const err = await octokit.rest.repos.get(repo).then(
      () => { throw new Error('the request succeeded'); },
      (e: unknown) => e as { status: number; message: string; response: { headers: Record<string, string> } },
    );
    expect([err.status, err.response.headers['retry-after']]).toEqual([403, '30']);
    expect(err.message).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./);
    expect(trail()).toEqual(Array(2).fill('repos/get 403 (secondary-rate-limit 403)'));
  });

  it('the primary rate limit (x-ratelimit-remaining 0): onRateLimit is called once, then the request passes', async () => {
    gh.faults.add({ operationId: 'repos/get', fault: { kind: 'primary-rate-limit', status: 403, resetAfterSeconds: 0 } });
    const counts: number[] = [];
    const octokit = fakeOctokit(gh.url, WRITER.token, { onRateLimit: (_after, count) => (counts.push(count), true) });
    const { status } = await octokit.rest.repos.get(repo);
    expect([status, counts]).toEqual([200, [0]]);
    expect(trail()).toEqual(['repos/get 403 (primary-rate-limit 403)', 'repos/get 200']);
  });

  it('a 429 with retry-after: Octokit.plugin(retry, throttling) retries it from the retry plugin, never asking onSecondaryRateLimit', async () => {
    // The retry plugin only treats 400, 401, 403, 404, 410, 422 and 451 as final, so it catches the
    // 429 before the throttling plugin sees it, and waits (n+1)² × its base value instead of retry-after.
    gh.faults.add({ operationId: 'repos/get', fault: { kind: 'secondary-rate-limit', status: 429, retryAfter: 7 } });
    const calls: number[] = [];
    const { status } = await fakeOctokit(gh.url, WRITER.token, { onSecondaryRateLimit: (after) => (calls.push(after), true) }).rest.repos.get(repo);
    expect([status, calls]).toEqual([200, []]);
    expect(trail()).toEqual(['repos/get 429 (secondary-rate-limit 429)', 'repos/get 200']);
  });

  it('a 429 with retry-after reaches onSecondaryRateLimit when the retry plugin leaves 429 alone', async () => {
    gh.faults.add({ operationId: 'repos/get', fault: { kind: 'secondary-rate-limit', status: 429, retryAfter: 7 } });
    const calls: Array<[number, number]> = [];
    const octokit = new (Octokit.plugin(retry, throttling))({
      baseUrl: gh.url, auth: WRITER.token, log: { debug() {}, info() {}, warn() {}, error() {} },
      retry: { retryAfterBaseValue: 1, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: { retryAfterBaseValue: 1, onSecondaryRateLimit: (after, _o, _k, count) => (calls.push([after, count]), true), onRateLimit: () => false },
    });
    const { status } = await octokit.rest.repos.get(repo);
    expect([status, calls]).toEqual([200, [[7, 0]]]);
    expect(trail()).toEqual(['repos/get 429 (secondary-rate-limit 429)', 'repos/get 200']);
  });
});
