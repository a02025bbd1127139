/**
 * The committed GitHub contract is what scripts/github-contract.mjs cuts from the installed
 * @octokit/openapi, and a valid OpenAPI document. After a dependency update, regenerate with
 * `node scripts/github-contract.mjs` and read the diff: it is the API change the actions meet.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = path.join(root, 'test/fixtures/github/api.github.com.subset.json');
const text = readFileSync(fixture, 'utf8');
const subset = JSON.parse(text) as { info: Record<string, unknown>; paths: Record<string, Record<string, { operationId: string }>> };

describe('the GitHub contract fixture', () => {
  it('is what the script cuts from the installed @octokit/openapi', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/github-contract.mjs'), '--stdout'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout === text, 'test/fixtures/github/api.github.com.subset.json is stale: run node scripts/github-contract.mjs').toBe(true);
  });

  it('names its source and holds exactly the listed operations', () => {
    const { version } = createRequire(import.meta.url)('@octokit/openapi/package.json') as { version: string };
    expect(subset.info['x-source']).toBe(`@octokit/openapi@${version}`);
    const ops = Object.values(subset.paths).flatMap((item) => Object.values(item).map((op) => op.operationId)).sort();
    expect(ops).toEqual(subset.info['x-operations']);
    expect(ops).toEqual([
      'actions/download-artifact', 'actions/list-workflow-run-artifacts', 'checks/create', 'checks/list-for-ref', 'checks/update',
      'issues/create-comment', 'issues/list-comments', 'issues/update-comment', 'pulls/get', 'pulls/list-files', 'pulls/list-reviews',
      'repos/get', 'repos/get-content', 'repos/list-commits', 'repos/list-pull-requests-associated-with-commit', 'teams/get-membership-for-user-in-org',
    ]);
  });

  it('is a valid OpenAPI document with every reference resolvable', async () => {
    const api = new OpenAPIBackend({ definition: JSON.parse(text) as Document, strict: true, validate: false });
    await expect(api.init()).resolves.toBe(api);
    expect(api.getOperations()).toHaveLength(16);
  });
});
