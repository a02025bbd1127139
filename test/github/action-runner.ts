/**
 * Runs the actions' committed bundles as the GitHub runner runs them: INPUT_* variables (with
 * the defaults of action.yml, as the runner sets them), a real-shaped event payload, the
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and GITHUB_API_URL pointing at the
 * contract-checking GitHub fake, which fails the test on any request GitHub's OpenAPI
 * description does not allow. The bundle is spawned asynchronously: the fake answers from this
 * process's event loop.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { parse } from 'yaml';
import { startGitHubFake, type FaultRule, type GitHubFake } from '../helpers/github-fake.js';
import { ROOT } from '../helpers/cli.js';

export const REPO = 'acme/shop';
export const BASE = 'b'.repeat(40);
export const HEAD = 'a1'.repeat(20);
export const WRITE = 'ghs_writeTokenForTheTests0123456789';
export const READ = 'ghs_readOnlyTokenForForkPulls012345';

export const POLICY = `schemaVersion: 1
name: shop
phases:
  testing:
    - id: tests-failed
      metric: tests.failed
      operator: "=="
      threshold: 0
      hint: Make every failing test pass.
    - id: tests-skipped
      metric: tests.skipped
      operator: "=="
      threshold: 0
      severity: warn
`;

export function junit(failed: number, passed = 3, skipped = 0): string {
  const cases = [
    ...Array.from({ length: skipped }, (_, i) => `<testcase classname="cart" name="later ${i}" file="test/cart.test.ts" time="0"><skipped/></testcase>`),
    ...Array.from({ length: passed }, (_, i) => `<testcase classname="cart" name="adds item ${i}" file="test/cart.test.ts" time="0.01"/>`),
    ...Array.from({ length: failed }, (_, i) => `<testcase classname="cart" name="totals ${i}" file="test/cart.test.ts" line="${10 + i}" time="0.01"><failure message="expected ${i} to be ${i + 1}">AssertionError: expected ${i} to be ${i + 1}\n    at test/cart.test.ts:${10 + i}:5</failure></testcase>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="cart" tests="${passed + failed + skipped}" skipped="${skipped}" failures="${failed}">\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

let gh: GitHubFake | undefined;
const dirs: string[] = [];

/** Registers the clean-up: each test's fake is closed (failing on a contract violation) and its folders removed. */
export function useActionHarness(): void {
  afterEach(async () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    const last = gh;
    gh = undefined;
    await last?.close();
  });
}

/** The GitHub fake with the repository, its base-branch policy and a pull request from `headRepo` (the previous one of the test closed first). */
export async function world(opts: { headRepo?: string; policyOnBase?: boolean; faults?: FaultRule[]; prFiles?: Array<{ filename: string; status?: 'modified'; patch?: string }> } = {}): Promise<GitHubFake> {
  if (gh) await gh.close();
  gh = await startGitHubFake({
    ...(opts.faults ? { faults: opts.faults } : {}),
    tokens: [
      { token: WRITE, permissions: { checks: 'write', contents: 'read', 'pull-requests': 'write', issues: 'write', actions: 'read', metadata: 'read' }, repositories: [REPO] },
      { token: READ, permissions: { checks: 'read', contents: 'read', 'pull-requests': 'read', metadata: 'read' }, repositories: [REPO] },
    ],
  });
  gh.state.addRepo({ owner: 'acme', name: 'shop' });
  if (opts.headRepo) gh.state.addRepo({ owner: opts.headRepo.split('/')[0]!, ownerType: 'User', name: 'shop', forkOf: REPO });
  gh.state.setBranch(REPO, 'main', BASE);
  if (opts.policyOnBase !== false) gh.state.setFiles(REPO, BASE, { '.phasegate/policy.yaml': POLICY });
  gh.state.addPull(REPO, {
    number: 7,
    user: 'dev',
    labels: ['feature'],
    head: { ref: 'cart-totals', sha: HEAD, ...(opts.headRepo ? { repo: opts.headRepo } : {}) },
    base: { ref: 'main', sha: BASE },
    files: opts.prFiles ?? [{ filename: 'src/cart.ts', status: 'modified', patch: '@@ -1,2 +1,3 @@\n a\n+b\n c' }],
    reviews: [{ user: 'lead', state: 'APPROVED' }],
  });
  return gh;
}

/** The defaults action.yml gives, as the runner sets them (`${{ github.token }}` is the token). */
function defaults(action: string, token: string): Record<string, string> {
  const yml = parse(readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(yml.inputs).flatMap(([k, v]) => (v.default === undefined ? [] : [[k, v.default === '${{ github.token }}' ? token : v.default]])));
}

export interface RunOptions {
  /** Which action's bundle (default phase-gate). */
  action?: string;
  token?: string;
  event?: { name: string; payload: object };
  actor?: string;
  headRepo?: string;
}

/** Runs an action's bundle in a fresh workspace holding `files`, for a pull_request event (or `event`). */
export async function run(fake: GitHubFake, inputs: Record<string, string>, files: Record<string, string>, opts: RunOptions = {}): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-action-'));
  dirs.push(dir);
  const ws = path.join(dir, 'ws');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    writeFileSync(path.join(ws, name), content);
  }
  mkdirSync(ws, { recursive: true });
  const pullPayload = {
    action: 'synchronize',
    number: 7,
    pull_request: { number: 7, head: { sha: HEAD, ref: 'cart-totals', repo: { full_name: opts.headRepo ?? REPO } }, base: { sha: BASE, ref: 'main', repo: { full_name: REPO } }, user: { login: 'dev' }, labels: [{ name: 'feature' }] },
    repository: { full_name: REPO },
  };
  const event = opts.event ?? { name: 'pull_request', payload: pullPayload };
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event.payload));
  writeFileSync(path.join(dir, 'output'), '');
  writeFileSync(path.join(dir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: fake.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPO,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_ACTOR: opts.actor ?? 'dev',
    GITHUB_WORKSPACE: ws,
    RUNNER_TEMP: path.join(dir, 'tmp'),
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    PHASEGATE_GITHUB_PACE_MS: '0',
  };
  const action = opts.action ?? 'phase-gate';
  for (const [k, v] of Object.entries({ ...defaults(action, opts.token ?? WRITE), ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
  mkdirSync(env.RUNNER_TEMP!, { recursive: true });
  // Asynchronously: the fake answers from this process's event loop.
  const child = spawn(process.execPath, [path.join(ROOT, 'actions', action, 'dist/index.js')], { cwd: ws, env, timeout: 120_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr, outputs: parseOutputs(readFileSync(path.join(dir, 'output'), 'utf8')), summary: readFileSync(path.join(dir, 'summary.md'), 'utf8') };
}

/** GITHUB_OUTPUT's `name<<DELIMITER … DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

