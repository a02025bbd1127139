/**
 * A waiver counts only when the people it names approved the pull request that added it, as the
 * contract-checking GitHub fake shows the history: the commit that gave the waiver its present
 * form, the merged pull request of that commit, and that pull request's latest reviews.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGate } from '../../src/core/gate.js';
import { fetchBasePolicy } from '../../src/github/base-policy.js';
import { octokitClient, type GitHubClient } from '../../src/github/client.js';
import { MAX_COMMITS, unapprovedWaivers } from '../../src/github/waiver-approvals.js';
import { loadPolicy } from '../../src/policy/index.js';
import { startGitHubFake, type GitHubFake, type ReviewSeed } from '../helpers/github-fake.js';
import { fakeOctokit } from '../helpers/github-fake/octokit.js';
import { POLICY } from '../helpers/action-run.js';

const REPO = 'acme/shop';
const repo = { owner: 'acme', repo: 'shop' };
const TOKEN = { token: 'ghs_waivers000000000000000000000000000', permissions: { contents: 'read', 'pull-requests': 'read' } } as const;
const FILE = '.phasegate/policy.yml';

interface W { rule: string; approvers: string[]; expires?: string; reason?: string }

/** acme/shop's policy (tests-failed, tests-skipped) with `waivers`. */
function policy(waivers: W[]): string {
  if (waivers.length === 0) return POLICY;
  return `${POLICY}waivers:\n${waivers.map((w) => `  - rule: ${w.rule}\n    reason: ${w.reason ?? 'Flaky upstream service'}\n    owner: dev\n    approvers: [${w.approvers.map((a) => JSON.stringify(a)).join(', ')}]\n    expires: ${w.expires ?? '2099-12-31'}\n`).join('')}`;
}

let gh: GitHubFake;
let client: GitHubClient;
let tmp: string;
let pullNo = 100;

beforeEach(async () => {
  gh = await startGitHubFake({ tokens: [TOKEN] });
  gh.state.addRepo({ owner: 'acme', name: 'shop', private: true });
  client = octokitClient(fakeOctokit(gh.url, TOKEN.token) as never);
  pullNo = 100;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'phasegate-waivers-'));
});

afterEach(async () => {
  rmSync(tmp, { recursive: true, force: true });
  expect(gh.violations).toEqual([]);
  await gh.close();
});

/** Commits `text` as the policy on main; with `reviews`, through a merged pull request that has them. */
function change(text: string, reviews?: ReviewSeed[], author = 'dev'): string {
  const sha = gh.state.commit(REPO, { [FILE]: text }, { message: 'Change the policy', author });
  if (reviews) {
    pullNo += 1;
    gh.state.addPull(REPO, { number: pullNo, user: author, state: 'closed', merged: true, mergeCommitSha: sha, head: { ref: `policy-${pullNo}`, sha: sha.replace(/^./, 'e') }, reviews });
  }
  return sha;
}

async function judge(): Promise<{ reasons: string[]; status: string; notices: string[] }> {
  const ref = gh.state.repo(REPO)!.branches.get('main')!;
  const base = await fetchBasePolicy(client, repo, FILE, ref, tmp);
  const loaded = loadPolicy({ file: base.file }, { cwd: base.dir });
  const unapproved = await unapprovedWaivers(client, repo, loaded, ref);
  const v = runGate({ policy: loaded, evidence: { schemaVersion: 1, metrics: { 'tests.failed': 2, 'tests.skipped': 0 }, items: [] } as never, phase: 'testing', now: new Date('2026-11-27T12:00:00Z'), unapproved });
  return { reasons: unapproved.map((u) => u.reason), status: v.status, notices: v.notices.map((n) => `${n.state}: ${n.message}`) };
}

const approved = (user: string): ReviewSeed => ({ user, state: 'APPROVED' });

describe('a waiver on GitHub', () => {
  it('counts when every approver it names approved the pull request that added it', async () => {
    change(policy([]));
    change(policy([{ rule: 'tests-failed', approvers: ['alice', '@Bob'] }]), [approved('alice'), { user: 'bob', state: 'COMMENTED' }, approved('bob')]);
    const r = await judge();
    expect(r.reasons).toEqual([]);
    expect(r.status).toBe('pass');
  });

  it('does not count when a named approver did not approve, and the rule it would waive fails', async () => {
    change(policy([]));
    change(policy([{ rule: 'tests-failed', approvers: ['alice', 'bob'] }]), [approved('alice'), approved('carol')]);
    const r = await judge();
    expect(r.reasons).toEqual([expect.stringMatching(/^bob did not approve pull request #101, which added it \(commit [0-9a-f]{7}\); add it again through a pull request approved by alice, bob, or name only the people who approved$/)]);
    expect(r.status).toBe('fail');
    expect(r.notices).toEqual([expect.stringMatching(/^unapproved: waiver for tests-failed does not count: bob did not approve pull request #101/)]);
  });

  it('does not count an approval that was dismissed or followed by changes requested', async () => {
    change(policy([]));
    change(policy([{ rule: 'tests-failed', approvers: ['alice', 'bob'] }]), [approved('alice'), { user: 'alice', state: 'DISMISSED' }, approved('bob'), { user: 'bob', state: 'CHANGES_REQUESTED' }]);
    expect((await judge()).reasons).toEqual([expect.stringMatching(/^alice, bob did not approve pull request #101/)]);
  });

  it('does not count when committed without a pull request', async () => {
    change(policy([]));
    const sha = change(policy([{ rule: 'tests-failed', approvers: ['alice'] }]));
    expect((await judge()).reasons).toEqual([`commit ${sha.slice(0, 7)} added it without a pull request, so no approval of it is on record; add it again through a pull request approved by alice`]);
  });

  it('keeps its approval when later pull requests change other parts of the file', async () => {
    change(policy([]));
    change(policy([{ rule: 'tests-failed', approvers: ['alice'] }]), [approved('alice')]);
    change(policy([{ rule: 'tests-failed', approvers: ['alice'] }, { rule: 'tests-skipped', approvers: ['bob'] }]), [approved('carol')]);
    const r = await judge();
    expect(r.reasons).toEqual([expect.stringMatching(/^bob did not approve pull request #102/)]);
    expect(r.status).toBe('pass'); // tests-failed is still waived by alice's approval
  });

  it('needs a new approval when renewed: a later expiry is a new waiver', async () => {
    change(policy([]));
    change(policy([{ rule: 'tests-failed', approvers: ['alice'], expires: '2026-12-31' }]), [approved('alice')]);
    change(policy([{ rule: 'tests-failed', approvers: ['alice'], expires: '2099-12-31' }]), [approved('carol')]);
    expect((await judge()).reasons).toEqual([expect.stringMatching(/^alice did not approve pull request #102/)]);
  });

  it('counts in a file whose first commit added it through an approved pull request', async () => {
    change(policy([{ rule: 'tests-failed', approvers: ['alice'] }]), [approved('alice')]);
    expect((await judge()).reasons).toEqual([]);
  });

  it(`does not count when the commit that added it is older than the newest ${MAX_COMMITS} commits of its file`, async () => {
    change(policy([{ rule: 'tests-failed', approvers: ['alice'] }]), [approved('alice')]);
    for (let i = 0; i < MAX_COMMITS; i++) change(`${policy([{ rule: 'tests-failed', approvers: ['alice'] }])}# edit ${i}\n`);
    expect((await judge()).reasons).toEqual([`the commit that added it is not among the newest ${MAX_COMMITS} commits of ${FILE}, so its approval cannot be shown; add it again through a pull request approved by alice`]);
    // One page of commits, then one parent version per commit: no more.
    expect(gh.requests.filter((r) => r.operationId === 'repos/list-commits')).toHaveLength(1);
  });
});
