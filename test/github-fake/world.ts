/** The world the GitHub fake's tests share: an organization's private repository with a fork PR. */
import { afterEach, beforeEach, expect } from 'vitest';
import { startGitHubFake, type GitHubFake } from '../helpers/github-fake.js';
import { fakeOctokit, type FakeOctokitClient } from '../helpers/github-fake/octokit.js';

export const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const BASE = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';

/** Every permission the actions ask for, on one token. */
export const WRITER = {
  token: 'ghs_writer0000000000000000000000000000', name: 'writer',
  permissions: { checks: 'write', 'pull-requests': 'write', contents: 'read', actions: 'read', members: 'read' },
} as const;

/** Reads contents only. */
export const READER = { token: 'ghs_reader0000000000000000000000000000', name: 'reader', permissions: { contents: 'read' } } as const;

/** Seeds acme/app (private, default branch main), a fork octocat/app, and PR #7 from the fork. */
export function seedWorld(gh: GitHubFake): void {
  const s = gh.state;
  s.addRepo({ owner: 'acme', name: 'app', private: true, description: 'The app' });
  s.addRepo({ owner: 'octocat', ownerType: 'User', name: 'app', forkOf: 'acme/app' });
  s.setBranch('acme/app', 'main', BASE);
  s.setFiles('acme/app', 'main', { '.phasegate/policy.yml': 'tier: 2\n', 'src/index.ts': 'export {};\n' });
  s.setFiles('acme/app', HEAD, { '.phasegate/policy.yml': 'tier: 3\n' });
  s.addPull('acme/app', {
    number: 7, title: 'Add the gate', user: 'octocat', labels: ['release'],
    head: { repo: 'octocat/app', ref: 'feature', sha: HEAD }, base: { ref: 'main', sha: BASE },
    files: [
      { filename: 'src/gate.ts', status: 'added', patch: '@@ -0,0 +1,2 @@\n+export const a = 1;\n+export const b = 2;' },
      { filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-old\n+new' },
    ],
    reviews: [
      { user: 'alice', state: 'CHANGES_REQUESTED', submittedAt: '2024-06-03T10:00:00Z' },
      { user: 'alice', state: 'APPROVED', submittedAt: '2024-06-03T11:00:00Z' },
      { user: 'bob', state: 'PENDING' },
    ],
  });
  s.addTeamMember('acme', 'release-managers', 'alice', { role: 'maintainer' });
  s.addArtifact('acme/app', { runId: 42, name: 'phasegate-evidence', files: { 'evidence.json': '{"schemaVersion":1}\n' } });
}

/**
 * Starts the fake with the writer's token and this world before each test (then `seed`), and
 * after each test expects no contract violation and closes it. The returned object holds the
 * current fake and an Octokit for the writer.
 */
export function useWorld(seed: (gh: GitHubFake) => void = () => {}): { gh: GitHubFake; octokit: FakeOctokitClient } {
  const current = {} as { gh: GitHubFake; octokit: FakeOctokitClient };
  beforeEach(async () => {
    current.gh = await startGitHubFake({ tokens: [WRITER] });
    seedWorld(current.gh);
    seed(current.gh);
    current.octokit = fakeOctokit(current.gh.url, WRITER.token);
  });
  afterEach(async () => {
    expect(current.gh.violations).toEqual([]);
    await current.gh.close();
  });
  return current;
}
