/**
 * A request the contract does not allow is answered as GitHub answers it (422 for the body, 401,
 * 400/415 for headers) AND recorded as a violation, so that a test of client code fails on it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { fakeOctokit, type FakeOctokitClient } from '../helpers/github-fake/octokit.js';
import { HEAD, seedWorld, WRITER } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
const CHECKS_DOC = 'https://docs.github.com/rest/reference/checks#create-a-check-run';
let gh: GitHubFake;
let octokit: FakeOctokitClient;
/** Octokit's request without its types, to send what the types would not let through. */
let send: (route: string, params: Record<string, unknown>) => Promise<unknown>;

interface HttpFailure {
  status: number;
  response: { data: unknown; headers: Record<string, string> };
}

async function failure(p: Promise<unknown>): Promise<HttpFailure> {
  return p.then(() => { throw new Error('the request succeeded'); }, (e: unknown) => e as HttpFailure);
}

beforeEach(async () => {
  gh = await startGitHubFake({ tokens: [WRITER] });
  seedWorld(gh);
  octokit = fakeOctokit(gh.url, WRITER.token);
  send = octokit.request as unknown as typeof send;
});

afterEach(async () => {
  await gh.close({ violations: 'allow' }); // each test asserts the violations it provokes
});

describe('a check run body the contract refuses', () => {
  it('an unknown key: 422 "is not a permitted key", a violation, no check run', async () => {
    const err = await failure(send('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'phasegate', head_sha: HEAD, conclusion_text: 'oops' }));
    expect(err.status).toBe(422);
    expect(err.response.data).toEqual({ message: 'Invalid request.\n\n"conclusion_text" is not a permitted key.', documentation_url: CHECKS_DOC, status: '422' });
    expect(gh.violations).toEqual([{ seq: 1, method: 'POST', path: '/repos/acme/app/check-runs', operationId: 'checks/create', violations: ['body must NOT have additional properties ("conclusion_text")'] }]);
    expect(gh.state.checkRuns('acme/app')).toEqual([]);
  });

  it('an unknown key deep in an annotation is refused too', async () => {
    const annotation = { path: 'a.ts', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm', blob_href: 'x' };
    const err = await failure(send('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'phasegate', head_sha: HEAD, output: { title: 't', summary: 's', annotations: [annotation] } }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, 'Invalid request.\n\n"blob_href" is not a permitted key.']);
    expect(gh.violations.map((v) => v.violations)).toEqual([['body/output/annotations/0 must NOT have additional properties ("blob_href")']]);
  });

  it('a wrong type: 422 naming the field and the value', async () => {
    const err = await failure(send('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'phasegate', head_sha: 123 }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, "Invalid request.\n\nFor 'head_sha', 123 is not a string."]);
    expect(gh.violations.map((v) => v.violations)).toEqual([['body/head_sha must be string']]);
  });

  it('a missing required key: 422 "wasn\'t supplied"', async () => {
    const err = await failure(send('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'phasegate' }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, 'Invalid request.\n\n"head_sha" wasn\'t supplied.']);
    expect(gh.violations.map((v) => v.violations)).toEqual([['body must have required property \'head_sha\' ("head_sha")']]);
  });

  it('a value outside the enum', async () => {
    const err = await failure(send('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: 'phasegate', head_sha: HEAD, status: 'done' }));
    expect((err.response.data as { message: string }).message).toBe('Invalid request.\n\nFor \'status\', "done" is not one of ["queued","in_progress","completed"].');
    expect(gh.violations).toHaveLength(1);
  });
});

describe("GitHub's own limits beyond the schema", () => {
  const annotations = (n: number) => Array.from({ length: n }, (_, i) => ({ path: 'a.ts', start_line: i + 1, end_line: i + 1, annotation_level: 'notice' as const, message: `n${i}` }));

  it('50 annotations in one request pass; 51 are refused with 422', async () => {
    const ok = await octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD, output: { title: 't', summary: 's', annotations: annotations(50) } });
    expect(ok.data.output.annotations_count).toBe(50);
    const err = await failure(octokit.rest.checks.update({ ...repo, check_run_id: ok.data.id, output: { title: 't', summary: 's', annotations: annotations(51) } }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, "Invalid request.\n\nFor 'output/annotations', no more than 50 items are allowed; 51 were supplied."]);
    expect(gh.violations.map((v) => [v.operationId, v.violations])).toEqual([['checks/update', ['body/output/annotations must NOT have more than 50 items (50)']]]);
    expect(gh.state.checkRuns('acme/app')[0]!.annotations).toHaveLength(50);
  });

  it('a summary of 65535 characters passes; 65536 characters are refused', async () => {
    const ok = await octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD, output: { title: 't', summary: 'a'.repeat(65535) } });
    expect(ok.status).toBe(201);
    const err = await failure(octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD, output: { title: 't', summary: 'a'.repeat(65536) } }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, 'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.']);
  });

  it('a text of fewer than 65535 characters but more than 65535 UTF-8 bytes is refused, as GitHub counts bytes', async () => {
    const text = 'é'.repeat(40000); // 40000 characters, 80000 bytes
    const err = await failure(octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD, output: { title: 't', summary: 's', text } }));
    expect(err.status).toBe(422);
    expect(err.response.data).toEqual({
      message: 'Validation Failed', documentation_url: CHECKS_DOC, status: '422',
      errors: [{ resource: 'CheckRun', code: 'custom', field: 'text', message: 'text exceeds a maximum bytesize of 65535' }],
    });
    expect(gh.violations.map((v) => v.violations)).toEqual([['GitHub refuses: Validation Failed']]);
  });

  it('a completed check run needs a conclusion', async () => {
    const err = await failure(octokit.rest.checks.create({ ...repo, name: 'phasegate', head_sha: HEAD, status: 'completed' }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.']);
  });

  it('a comment of 65536 characters passes; 65537 are refused as "Body is too long"', async () => {
    const ok = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x'.repeat(65536) });
    expect(ok.status).toBe(201);
    const err = await failure(octokit.rest.issues.updateComment({ ...repo, comment_id: ok.data.id, body: 'x'.repeat(65537) }));
    expect(err.response.data).toEqual({
      message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment', status: '422',
      errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
    });
    expect(gh.state.comments('acme/app').map((c) => c.body.length)).toEqual([65536]);
  });
});

describe('parameters, operations and headers', () => {
  it('a query parameter the operation does not take: 422 and a violation (GitHub would ignore it silently)', async () => {
    const err = await failure(send('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 7, per_page: 5 }));
    expect(err.status).toBe(422);
    expect(gh.violations.map((v) => v.violations)).toEqual([['query must NOT have additional properties ("per_page")']]);
  });

  it('a path parameter of the wrong type', async () => {
    const err = await failure(send('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: 'seven' }));
    expect(err.status).toBe(422);
    expect(gh.violations.map((v) => v.violations)).toEqual([['path/pull_number must be integer']]);
  });

  it('an operation outside the contract: 404 and a violation', async () => {
    const err = await failure(send('GET /repos/{owner}/{repo}/pulls', repo));
    expect(err.status).toBe(404);
    expect(gh.violations).toEqual([{ seq: 1, method: 'GET', path: '/repos/acme/app/pulls', operationId: null, violations: ['no such operation in the contract'] }]);
  });

  it('no Authorization header: 401 "Requires authentication" and a violation', async () => {
    const anonymous = fakeOctokit(gh.url, '');
    const err = await failure(anonymous.rest.pulls.get({ ...repo, pull_number: 7 }));
    expect([err.status, (err.response.data as { message: string }).message]).toEqual([401, 'Requires authentication']);
    expect(gh.violations.map((v) => v.violations)).toEqual([['no Authorization header']]);
  });

  it('an API version other than the contract’s: 400 and a violation', async () => {
    const err = await failure(octokit.rest.repos.get({ ...repo, headers: { 'x-github-api-version': '2026-03-10' } }));
    expect(err.status).toBe(400);
    expect(gh.violations.map((v) => v.violations)).toEqual([["API version '2026-03-10' is not the contract's (2022-11-28)"]]);
  });

  it('the contract’s API version passes', async () => {
    const { status } = await octokit.rest.repos.get({ ...repo, headers: { 'x-github-api-version': '2022-11-28' } });
    expect([status, gh.violations]).toEqual([200, []]);
  });

  it('an Accept header that is no GitHub media type: 415 and a violation', async () => {
    // Without retries: the retry plugin retries a 415 (only 400, 401, 403, 404, 410, 422 and 451 are final to it).
    const err = await failure(fakeOctokit(gh.url, WRITER.token, { retries: 0 }).rest.repos.get({ ...repo, headers: { accept: 'text/html' } }));
    expect(err.status).toBe(415);
    expect(gh.violations.map((v) => v.violations)).toEqual([['Accept: text/html is not a GitHub media type']]);
  });

  it('a body that is not JSON: 400 "Problems parsing JSON" and a violation', async () => {
    const res = await fetch(`${gh.url}/repos/acme/app/check-runs`, {
      method: 'POST', body: '{"name":', headers: { authorization: `token ${WRITER.token}`, 'content-type': 'application/json', 'user-agent': 'test' },
    });
    expect([res.status, ((await res.json()) as { message: string }).message]).toEqual([400, 'Problems parsing JSON']);
    expect(gh.violations.map((v) => v.violations)).toEqual([['Problems parsing JSON']]);
  });

  it('records each request without the token value', async () => {
    await octokit.rest.repos.get(repo);
    expect(gh.requests.map((r) => [r.method, r.path, r.operationId, r.token, r.status, r.headers.authorization])).toEqual([
      ['GET', '/repos/acme/app', 'repos/get', 'writer', 200, 'token ***'],
    ]);
    expect(JSON.stringify(gh.requests)).not.toContain(WRITER.token);
  });
});
