/**
 * Workflow-run artifacts: the list, and the download, a 302 to a signed URL on another host
 * that serves the zip (fetch follows it, and drops the Authorization header on the way, as it
 * does for GitHub's real blob storage host).
 */
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { useWorld } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
const world = useWorld();

it('lists the artifacts of a run with their size, digest and download URL', async () => {
  world.gh.state.addArtifact('acme/app', { runId: 42, name: 'coverage', files: { 'lcov.info': 'TN:\nend_of_record\n' } });
  world.gh.state.addArtifact('acme/app', { runId: 43, name: 'other-run', files: { 'x.txt': 'x' } });
  const { data } = await world.octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 42 });
  const [evidence, coverage] = world.gh.state.repo('acme/app')!.artifacts; // in the order added
  const sha256 = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  expect(data.total_count).toBe(2);
  expect(data.artifacts.map((a) => [a.name, a.size_in_bytes, a.digest, a.expired, a.workflow_run?.id])).toEqual([
    ['coverage', coverage!.zip.length, sha256(coverage!.zip), false, 42], // newest first
    ['phasegate-evidence', evidence!.zip.length, sha256(evidence!.zip), false, 42],
  ]);
  expect(data.artifacts[1]!.archive_download_url).toBe(`${world.gh.url}/repos/acme/app/actions/artifacts/${evidence!.id}/zip`);
  const named = await world.octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 42, name: 'coverage' });
  expect(named.data.artifacts.map((a) => a.name)).toEqual(['coverage']);
});

it('the download answers 302 to the blob host, which serves the zip; the token does not go there', async () => {
  const id = world.gh.state.repo('acme/app')!.artifacts[0]!.id;
  const { status, data } = await world.octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: id, archive_format: 'zip' });
  expect(status).toBe(200);
  const files = unzipSync(new Uint8Array(data as ArrayBuffer));
  expect(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, strFromU8(b)]))).toEqual({ 'evidence.json': '{"schemaVersion":1}\n' });
  expect(world.gh.requests.map((r) => [r.server, r.operationId, r.status, r.headers.authorization ?? null])).toEqual([
    ['api', 'actions/download-artifact', 302, 'token ***'],
    ['blob', null, 200, null],
  ]);
});

it('the 302 carries the Location; a URL with a wrong signature is refused by the blob host', async () => {
  const id = world.gh.state.repo('acme/app')!.artifacts[0]!.id;
  const res = await world.octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    ...repo, artifact_id: id, archive_format: 'zip', request: { redirect: 'manual' },
  });
  const location = new URL(res.headers.location!);
  expect([res.status, location.pathname, location.origin === world.gh.url]).toEqual([302, `/artifacts/${id}/phasegate-evidence.zip`, false]);
  location.searchParams.set('sig', 'forged');
  expect((await fetch(location)).status).toBe(403);
});

it('an expired artifact answers 410', async () => {
  const expired = world.gh.state.addArtifact('acme/app', { runId: 42, name: 'old', files: { 'a.txt': 'a' }, expired: true });
  const err = await world.octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: expired.id, archive_format: 'zip' })
    .then(() => { throw new Error('the request succeeded'); }, (e: unknown) => e as { status: number; response: { data: unknown } });
  expect([err.status, err.response.data]).toEqual([410, {
    message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact', status: '410',
  }]);
});
