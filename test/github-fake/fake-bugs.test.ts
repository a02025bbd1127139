/**
 * The fake fails loudly: an answer of its own that GitHub's description does not allow never
 * reaches the client as if it were GitHub's, and close() rejects; so does a request that broke
 * the contract when the test did not assert and allow it.
 */
import { expect, it } from 'vitest';
import { startGitHubFake } from '../helpers/github-fake.js';
import { fakeOctokit } from '../helpers/github-fake/octokit.js';
import { HEAD, seedWorld, WRITER } from './world.js';

it('an answer off the contract is a 500 marked as the fake’s bug, and close() rejects', async () => {
  const gh = await startGitHubFake({ tokens: [WRITER] });
  seedWorld(gh);
  const octokit = fakeOctokit(gh.url, WRITER.token, { retries: 0 });
  const { data } = await octokit.rest.checks.create({ owner: 'acme', repo: 'app', name: 'phasegate', head_sha: HEAD });
  // Break the fake's own state: a status GitHub never reports.
  gh.state.checkRuns('acme/app')[0]!.status = 'exploded' as never;

  const err = (await octokit.rest.checks.listForRef({ owner: 'acme', repo: 'app', ref: HEAD }).catch((e: unknown) => e)) as {
    status: number; response: { headers: Record<string, string>; data: { message: string } };
  };
  expect(err.status).toBe(500);
  expect(err.response.headers['x-github-fake-bug']).toBe('true');
  expect(err.response.data.message).toBe('github-fake bug: answer 200: /check_runs/0/status must be equal to one of the allowed values '
    + '(["queued","in_progress","completed","waiting","requested","pending"])');
  expect(gh.violations).toEqual([]); // the client did nothing wrong
  await expect(gh.close()).rejects.toThrow(`GET /repos/acme/app/commits/${HEAD}/check-runs: answer 200: /check_runs/0/status must be equal to one of the allowed values`);
  expect(data.status).toBe('queued');
});

it('close() rejects when a request broke the contract and the test did not allow it', async () => {
  const gh = await startGitHubFake({ tokens: [WRITER] });
  seedWorld(gh);
  await fakeOctokit(gh.url, WRITER.token).request('GET /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'app' }).catch(() => undefined);
  await expect(gh.close()).rejects.toThrow('requests broke the GitHub contract:\n  GET /repos/acme/app/pulls: no such operation in the contract');
});
