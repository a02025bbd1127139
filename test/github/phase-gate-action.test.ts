/**
 * actions/phase-gate end to end, as the runner runs it: the committed bundle
 * (actions/phase-gate/dist/index.js) under this Node (20, and 24 in CI's second run), with
 * INPUT_* variables, a real-shaped event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files,
 * and GITHUB_API_URL pointing at the contract-checking GitHub fake, which fails the test on any
 * request GitHub's OpenAPI description does not allow.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GitHubFake } from '../helpers/github-fake.js';
import { BASE, HEAD, junit, newJob, noStack, POLICY, pullEvent, pushEvent, PUSH_SHA, READ, REPO, runStep, shownLines, useActionHarness, world, type StepOptions, type StepRun } from '../helpers/action-run.js';

useActionHarness();

/** phase-gate as the one step of a fresh job whose workspace holds `files`. */
const run = (fake: GitHubFake, inputs: Record<string, string>, files: Record<string, string>, opts: Omit<StepOptions, 'apiUrl'> = {}): Promise<StepRun> =>
  runStep('phase-gate', newJob(files), inputs, { apiUrl: fake.url, ...opts });

const GATE = { phase: 'testing', policy: '.phasegate/policy.yaml', junit: 'reports/*.xml' };
const checkRequests = (fake: GitHubFake) => fake.requests.filter((r) => r.operationId?.startsWith('checks/'));

describe('phase-gate action (bundled)', () => {
  it('passes: a success check run on the head commit, outputs and the job summary', async () => {
    const fake = await world();
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ status: 'pass', 'exit-code': '0', metrics: '{"tests.errored":0,"tests.failed":0,"tests.passRate":100,"tests.total":3}' });
    expect(JSON.parse(readFileSync(r.outputs['verdict-file']!, 'utf8'))).toMatchObject({ phase: 'testing', status: 'pass', policy: 'shop' });
    const [check] = fake.state.checkRuns(REPO);
    expect(check).toMatchObject({ name: 'phasegate / testing', headSha: HEAD, status: 'completed', conclusion: 'success', detailsUrl: 'https://github.com/acme/shop/actions/runs/4242', annotations: [] });
    expect(check!.externalId).toMatch(/^phasegate:testing:[0-9a-f]{20}$/);
    expect(r.outputs['check-run-url']).toBe(`https://github.com/${REPO}/runs/${check!.id}`);
    expect(r.summary.split('\n')[0]).toMatch(/^### ✅ testing gate passed — 1 of 2 rules passed|^### ✅ testing gate passed — all 2 rules passed/);
  });

  it('fails: a failure check run with the failing tests annotated where they are, exit 1', async () => {
    const fake = await world();
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(2) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error::the testing gate failed; see the job summary');
    noStack(r.stdout + r.stderr);
    const [check] = fake.state.checkRuns(REPO);
    expect(check).toMatchObject({ conclusion: 'failure', output: { title: 'testing gate failed: 1 failed, 0 warned of 2 rules' } });
    expect(check!.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['test/cart.test.ts', 10, 'failure', 'Failed test: totals 0'],
      ['test/cart.test.ts', 11, 'failure', 'Failed test: totals 1'],
    ]);
    expect(check!.output.summary).toContain('| ❌ FAIL | tests-failed | 2 |');
    expect(r.outputs).toMatchObject({ status: 'fail', 'exit-code': '1' });
  });

  it('warns: success by default, neutral when asked, a failed step with fail-on-warn', async () => {
    let fake = await world();
    expect((await run(fake, GATE, { 'reports/junit.xml': junit(0, 3, 1) })).outputs.status).toBe('warn');
    expect(fake.state.checkRuns(REPO)[0]!.conclusion).toBe('success');
    fake = await world();
    const r = await run(fake, { ...GATE, 'warn-conclusion': 'neutral', 'fail-on-warn': 'true' }, { 'reports/junit.xml': junit(0, 3, 1) });
    expect(fake.state.checkRuns(REPO)[0]!.conclusion).toBe('neutral');
    expect(r.code).toBe(1);
  });

  it('could not evaluate: the policy is not on the base branch; a failed check run says what to fix, exit 2', async () => {
    const fake = await world({ policyOnBase: false });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0), '.phasegate/policy.yaml': POLICY });
    expect(r.code).toBe(2);
    const line = '.phasegate/policy.yaml: not found on the base branch (commit bbbbbbbbbbbb); commit the policy to the base branch first: a pull request\'s own policy takes effect after merge';
    expect(r.stdout).toContain(`::error::${line}`);
    noStack(r.stdout + r.stderr);
    expect(fake.state.checkRuns(REPO)[0]).toMatchObject({ conclusion: 'failure', output: { title: 'testing gate could not be evaluated' } });
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain(line);
    expect(r.outputs).toMatchObject({ status: 'error', 'exit-code': '2' });
  });

  it('a pull request that loosens the policy is judged by the base branch\'s, and told so', async () => {
    const fake = await world({ prFiles: [{ filename: '.phasegate/policy.yaml', status: 'modified', patch: '@@ -9 +9 @@\n-      threshold: 0\n+      threshold: 5' }] });
    const loosened = POLICY.replace('threshold: 0\n      hint', 'threshold: 5\n      hint');
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(2), '.phasegate/policy.yaml': loosened });
    expect(r.code).toBe(1);
    const note = '> This pull request changes `.phasegate/policy.yaml`: the gate used the base branch\'s version; the change takes effect after merge.';
    expect(r.summary).toContain(note);
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain(note);
  });

  it('a requirements freeze sees the pull request\'s changed files from the API', async () => {
    const freeze = `schemaVersion: 1\nname: shop\nphases:\n  requirements:\n    - id: requirements-freeze\n      freeze:\n        paths: ["docs/requirements/**"]\n        date: 2026-01-15\n        approvers: [change-board]\n        label: change-request-approved\n`;
    const fake = await world({ prFiles: [{ filename: 'docs/requirements/payments.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }] });
    fake.state.setFiles(REPO, BASE, { '.phasegate/policy.yaml': freeze });
    const r = await run(fake, { ...GATE, phase: 'requirements' }, { 'reports/junit.xml': junit(0) });
    expect(r.code).toBe(1);
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain('docs/requirements/payments.md');
  });

  it('approvals by team: counted with an org-token that may read members; without one, a warning and no team', async () => {
    const teamPolicy = `schemaVersion: 1\nname: shop\nphases:\n  implementation:\n    - id: security-review\n      approval: { min: 1, teams: [security] }\n`;
    const seed = (fake: GitHubFake) => {
      fake.state.setFiles(REPO, BASE, { '.phasegate/policy.yaml': teamPolicy });
      fake.state.addTeamMember('acme', 'security', 'lead');
      fake.state.addToken({ token: 'ghs_orgMembersReader0123456789abcdef', permissions: { members: 'read' } });
    };
    let fake = await world();
    seed(fake);
    const withOrg = await run(fake, { ...GATE, phase: 'implementation', 'org-token': 'ghs_orgMembersReader0123456789abcdef' }, { 'reports/junit.xml': junit(0) });
    expect(withOrg.code).toBe(0);
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain('approved by lead');
    // The token is registered as a secret (the runner masks it from then on) and printed nowhere else.
    expect(withOrg.stdout.split('\n').filter((l) => l.includes('ghs_orgMembersReader'))).toEqual(['::add-mask::ghs_orgMembersReader0123456789abcdef']);
    fake = await world();
    seed(fake);
    const without = await run(fake, { ...GATE, phase: 'implementation' }, { 'reports/junit.xml': junit(0) });
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('::warning::team security: the token may not read its members, so no approval counts for it; give input "org-token"');
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain('no approval from team security');
  });

  it('a code owner\'s approval: CODEOWNERS read from the base branch, owners of the changed files', async () => {
    const ownerPolicy = `schemaVersion: 1\nname: shop\nphases:\n  implementation:\n    - id: code-owner-review\n      approval: { min: 1, roles: [code-owner] }\n`;
    let fake = await world(); // src/cart.ts changed, approved by lead
    fake.state.setFiles(REPO, BASE, { '.phasegate/policy.yaml': ownerPolicy, '.github/CODEOWNERS': '* @someone\n/src/ @lead\n' });
    expect((await run(fake, { ...GATE, phase: 'implementation' }, { 'reports/junit.xml': junit(0), '.github/CODEOWNERS': '* @dev\n' })).code).toBe(0);
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain('approved by lead');
    fake = await world();
    fake.state.setFiles(REPO, BASE, { '.phasegate/policy.yaml': ownerPolicy, '.github/CODEOWNERS': '* @someone\n/docs/ @lead\n' });
    const r = await run(fake, { ...GATE, phase: 'implementation' }, { 'reports/junit.xml': junit(0) });
    expect(r.code).toBe(1);
    expect(fake.state.checkRuns(REPO)[0]!.output.summary).toContain('no approval by a code-owner');
  });

  it('5,000 failed tests: every annotation in at most 101 check requests, the summary within 65,535 bytes', async () => {
    const fake = await world();
    const r = await run(fake, { ...GATE, 'max-annotations': '5000' }, { 'reports/junit.xml': junit(5000) });
    expect(r.code).toBe(1);
    const [check] = fake.state.checkRuns(REPO);
    expect(check!.annotations).toHaveLength(5000);
    expect(new Set(check!.annotations.map((a) => a.start_line)).size).toBe(5000);
    expect(checkRequests(fake).length).toBeLessThanOrEqual(101);
    expect(Buffer.byteLength(check!.output.summary ?? '', 'utf8')).toBeLessThanOrEqual(65_535);
  }, 120_000);

  it('a re-run posts nothing twice: the check run and the comment are found and updated', async () => {
    const fake = await world();
    const inputs = { ...GATE, comment: 'true' };
    await run(fake, inputs, { 'reports/junit.xml': junit(1) });
    await run(fake, inputs, { 'reports/junit.xml': junit(1) });
    expect(fake.state.checkRuns(REPO)).toHaveLength(1);
    expect(fake.state.checkRuns(REPO)[0]!.annotations).toHaveLength(1);
    const comments = fake.state.comments(REPO);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.trimEnd().endsWith('<!-- phasegate:comment:ci:testing -->')).toBe(true);
    expect(fake.requests.filter((q) => q.operationId === 'issues/update-comment')).toHaveLength(1);
  });

  it('a fork pull request with a read-only token: no write, annotations as workflow commands, a warning how to publish', async () => {
    const fake = await world({ headRepo: 'outsider/shop' });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(1) }, { token: READ, event: pullEvent('outsider/shop') });
    expect(r.code).toBe(1);
    expect(fake.state.checkRuns(REPO)).toEqual([]);
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(r.stdout).toContain('::error title=Failed test%3A totals 0,file=test/cart.test.ts,line=10,endLine=10::expected 0 to be 1');
    expect(r.stdout).toMatch(/::warning::this pull request's token is read-only \(a fork or Dependabot\)/);
  });

  it('an under-privileged token: a 403 is a warning with the permissions block, never a failed publish', async () => {
    const fake = await world();
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) }, { token: READ });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning::the token may not publish (HTTP 403; GitHub accepts: checks=write)');
    expect(r.stdout).toContain('permissions:%0A  contents: read%0A  checks: write');
    expect(r.outputs.status).toBe('pass');
  });

  it('a push without a pull request: the policy from the workspace, the check on GITHUB_SHA', async () => {
    const fake = await world();
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0), '.phasegate/policy.yaml': POLICY }, { event: pushEvent });
    expect(r.code).toBe(0);
    expect(fake.state.checkRuns(REPO)[0]).toMatchObject({ headSha: PUSH_SHA, conclusion: 'success' });
    expect(fake.requests.some((q) => q.operationId === 'repos/get-content')).toBe(false);
  });

  it('5xx is retried; a lasting 503 ends in one clear line, exit 2', async () => {
    let fake = await world({ faults: [{ operationId: 'checks/create', times: 1, fault: { kind: 'server-error', status: 502 } }] });
    expect((await run(fake, GATE, { 'reports/junit.xml': junit(0) })).code).toBe(0);
    expect(fake.state.checkRuns(REPO)).toHaveLength(1);
    fake = await world({ faults: [{ operationId: 'checks/create', times: 10, fault: { kind: 'server-error', status: 503 } }] });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error::GitHub API POST \/repos\/acme\/shop\/check-runs answered 503: .* \(after retries\); run the job again later/);
    expect(fake.requests.filter((q) => q.operationId === 'checks/create')).toHaveLength(4);
    noStack(r.stdout + r.stderr);
  });

  it('a secondary rate limit is waited out and the request made again', async () => {
    const fake = await world({ faults: [{ operationId: 'checks/create', times: 1, fault: { kind: 'secondary-rate-limit', status: 403, retryAfter: 1 } }] });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GitHub secondary rate limit on POST /repos/{owner}/{repo}/check-runs: waiting 1 s, then trying again');
    expect(fake.state.checkRuns(REPO)).toHaveLength(1);
  });

  it('a waiver on the base branch counts only when the approvers it names approved the pull request that added it', async () => {
    const waived = `${POLICY}waivers:\n  - rule: tests-failed\n    reason: The payment sandbox is down\n    owner: dev\n    approvers: [alice]\n    expires: 2099-12-31\n`;
    for (const [approver, expected] of [['alice', 'pass'], ['mallory', 'fail']] as const) {
      const fake = await world();
      const base = fake.state.commit(REPO, { '.phasegate/policy.yaml': waived }, { message: 'Waive the failing payment tests', author: 'dev' });
      fake.state.addPull(REPO, { number: 5, user: 'dev', state: 'closed', merged: true, mergeCommitSha: base, head: { ref: 'waiver', sha: 'd'.repeat(40) }, reviews: [{ user: approver, state: 'APPROVED' }] });
      const r = await run(fake, GATE, { 'reports/junit.xml': junit(1) }, { event: pullEvent(REPO, base) });
      expect(r.outputs.status).toBe(expected);
      const [check] = fake.state.checkRuns(REPO);
      if (expected === 'pass') {
        expect(check!.output.summary).toContain('waived: The payment sandbox is down');
      } else {
        expect(r.code).toBe(1);
        expect(check!.output.summary).toContain(`unapproved: waiver for tests-failed does not count: alice did not approve pull request #5, which added it (commit ${base.slice(0, 7)}); add it again through a pull request approved by alice, or name only the people who approved`);
      }
      expect(fake.requests.filter((q) => q.operationId === 'repos/list-commits').map((q) => q.query)).toEqual([{ sha: base, path: '.phasegate/policy.yaml', per_page: '100' }]);
    }
  });

  it('an event of another type (schedule): the workspace policy, the check on GITHUB_SHA, no pull request read', async () => {
    const fake = await world();
    const schedule = { name: 'schedule', payload: { schedule: '0 6 * * 1', repository: { full_name: REPO } } };
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0), '.phasegate/policy.yaml': POLICY }, { event: schedule });
    expect(r.code).toBe(0);
    expect(fake.state.checkRuns(REPO)[0]).toMatchObject({ headSha: PUSH_SHA, conclusion: 'success' });
    expect(fake.requests.filter((q) => q.operationId?.startsWith('pulls/'))).toEqual([]);
  });

  it('a lasting 429 rate limit: waited out twice, then one clear line, exit 2', async () => {
    const fake = await world({ faults: [{ operationId: 'checks/create', times: 10, fault: { kind: 'secondary-rate-limit', status: 429, retryAfter: 1 } }] });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('GitHub secondary rate limit on POST /repos/{owner}/{repo}/check-runs: giving up');
    expect(shownLines(r.stdout).filter((l) => l.startsWith('::error::'))).toEqual(['::error::GitHub API POST /repos/acme/shop/check-runs answered 429: You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID C0DE:0007:1A2B3C:4D5E6F:66A5F000. - https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api (after retries); run the job again later']);
    noStack(r.stdout + r.stderr);
  });

  it('a token that may not read the pull request of a private repository: one line with the permissions block, exit 2', async () => {
    const fake = await world({ private: true });
    fake.state.addToken({ token: 'ghs_checksOnlyToken000000000000000000', permissions: { checks: 'write', contents: 'read' }, repositories: [REPO] });
    const r = await run(fake, GATE, { 'reports/junit.xml': junit(0) }, { token: 'ghs_checksOnlyToken000000000000000000' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error::GitHub API GET /repos/acme/shop/pulls/7/files?per_page=100 answered 403: Resource not accessible by integration - https://docs.github.com/rest/pulls/pulls#list-pull-requests-files; the token lacks a permission: add to the workflow or job:%0Apermissions:%0A  contents: read%0A  checks: write%0A  pull-requests: read');
    expect(shownLines(r.stdout).join('\n') + r.stderr).not.toContain('ghs_checksOnlyToken');
    noStack(r.stdout + r.stderr);
  });

  it.each([
    [{ 'fail-on-warn': 'yes' }, 'input "fail-on-warn": "yes" is not a boolean; use true or false'],
    [{ phase: 'tests' }, 'input "phase": "tests" is not allowed; use one of requirements, design, implementation, testing, release'],
    [{ 'max-annotations': 'lots' }, 'input "max-annotations": "lots" is not a whole number from 0 to 50000'],
    [{ token: '' }, 'input "token": is required; set it in the step\'s `with:`'],
  ] as Array<[Record<string, string>, string]>)('bad input %j: one line naming the input, exit 2, nothing published', async (bad, line) => {
    const fake = await world();
    const r = await run(fake, { ...GATE, ...bad }, { 'reports/junit.xml': junit(0) }, bad.token === '' ? { token: '' } : {});
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe(`::error::${line}`);
    expect(fake.requests).toEqual([]);
  });

  describe('workflow-run mode (the fork-safe pattern)', () => {
    const RUN_ID = 9001;
    const workflowRun = (headRepo = 'outsider/shop') => ({
      name: 'workflow_run',
      payload: { action: 'completed', workflow_run: { id: RUN_ID, head_sha: HEAD, head_branch: 'cart-totals', event: 'pull_request', conclusion: 'failure', head_repository: { full_name: headRepo }, pull_requests: [] }, repository: { full_name: REPO } },
    });
    const MODE = { phase: 'testing', policy: '.phasegate/policy.yaml', mode: 'workflow-run' };
    const bundle = (failed: number) => JSON.stringify({ schemaVersion: 1, metrics: { 'tests.total': 3 + failed, 'tests.failed': failed, 'tests.skipped': 0, 'tests.errored': 0 }, items: Array.from({ length: failed }, (_, i) => ({ id: `cart::t${i}`, kind: 'test', title: `t${i}`, level: 'failed', file: 'test/cart.test.ts', line: 20 + i, counts: ['tests.failed'] })), documents: [], sources: [] });

    it('reads the artifact as data, finds the fork\'s pull request by its head commit, publishes on it', async () => {
      const fake = await world({ headRepo: 'outsider/shop' });
      fake.state.addArtifact(REPO, { runId: RUN_ID, name: 'phasegate-evidence', files: { 'evidence.json': bundle(1) }, headSha: HEAD });
      const r = await run(fake, MODE, {}, { event: workflowRun() });
      expect(r.code).toBe(1);
      const [check] = fake.state.checkRuns(REPO);
      expect(check).toMatchObject({ headSha: HEAD, conclusion: 'failure' });
      expect(check!.annotations.map((a) => [a.path, a.start_line])).toEqual([['test/cart.test.ts', 20]]);
      expect(fake.requests.some((q) => q.operationId === 'repos/get-content' && (q.query as Record<string, string>).ref === BASE)).toBe(true);
    });

    it.each([
      ['no artifact', null, 'artifact "phasegate-evidence" of run 9001: not found; upload evidence.json from the tests workflow with actions/upload-artifact and name: phasegate-evidence'],
      ['no evidence.json in it', { 'reports/evidence.json': bundle(0) }, 'artifact "phasegate-evidence" of run 9001: holds no evidence.json at its top level; write it with phasegate collect --out evidence.json and upload that file'],
      ['an empty file', { 'evidence.json': '' }, 'artifact "phasegate-evidence" of run 9001: evidence.json is empty; upload it again'],
      ['not JSON', { 'evidence.json': '{"schemaVersion": 1,' }, 'phasegate-evidence/evidence.json: not UTF-8 JSON; write it with phasegate collect --out evidence.json'],
      ['breaking the schema', { 'evidence.json': JSON.stringify({ schemaVersion: 1, metrics: { 'tests.failed': 'none' }, items: [], documents: [], sources: [] }) }, 'phasegate-evidence/evidence.json:1:'],
    ] as Array<[string, Record<string, string> | null, string]>)('an artifact with %s: one line, a failed check that says so, exit 2', async (_name, files, line) => {
      const fake = await world({ headRepo: 'outsider/shop' });
      if (files) fake.state.addArtifact(REPO, { runId: RUN_ID, name: 'phasegate-evidence', files, headSha: HEAD });
      const r = await run(fake, MODE, {}, { event: workflowRun() });
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(`::error::${line}`);
      noStack(r.stdout + r.stderr);
      expect(fake.state.checkRuns(REPO)[0]).toMatchObject({ conclusion: 'failure', output: { title: 'testing gate could not be evaluated' } });
    });

    it('refuses an oversized artifact before downloading it', async () => {
      const fake = await world({ headRepo: 'outsider/shop' });
      const noise = randomBytes(22 * 1024 * 1024); // incompressible: the zip stays over the 20 MB cap
      fake.state.addArtifact(REPO, { runId: RUN_ID, name: 'phasegate-evidence', files: { 'evidence.json': bundle(0), 'noise.bin': noise }, headSha: HEAD });
      const r = await run(fake, MODE, {}, { event: workflowRun() });
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/::error::artifact "phasegate-evidence" of run 9001: \d+ bytes, more than 20971520; upload only evidence.json/);
      expect(fake.requests.some((q) => q.operationId === 'actions/download-artifact')).toBe(false);
    });

    it('in any other event, mode workflow-run is one clear line', async () => {
      const fake = await world();
      const r = await run(fake, MODE, {});
      expect(r.code).toBe(2);
      expect(r.stdout).toContain('::error::input "mode": workflow-run reads the evidence of the run that triggered this workflow, but this is a pull_request event; trigger the workflow with on: workflow_run');
    });
  });
});
