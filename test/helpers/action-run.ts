/**
 * The one harness for the actions' end-to-end tests: it runs a committed bundle
 * (actions/NAME/dist/index.js) as the GitHub runner runs it. A job folder holds the workspace
 * and RUNNER_TEMP; each step gets its own event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * files, INPUT_* variables with the defaults of action.yml filled in as the runner fills them,
 * and GITHUB_API_URL at the contract-checking GitHub fake, which fails the test on any request
 * GitHub's OpenAPI description does not allow. Several steps may share one job (and so one
 * workspace and store). The bundle is spawned asynchronously: the fake answers from the test's
 * event loop.
 *
 *   useActionHarness();                          // once per file: the clean-up after each test
 *   const fake = await world();                  // acme/shop with pull request 7 (or startFake)
 *   const r = await runStep('phase-gate', newJob({ 'reports/junit.xml': junit(1) }), inputs, { apiUrl: fake.url });
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './cli.js';
import { startGitHubFake, type FaultRule, type GitHubFake, type GitHubFakeOptions } from './github-fake.js';

export const REPO = 'acme/shop';
export const BASE = 'b'.repeat(40);
export const HEAD = 'a1'.repeat(20);
export const PUSH_SHA = 'c'.repeat(40);
export const WRITE = 'ghs_writeTokenForTheTests0123456789';
export const READ = 'ghs_readOnlyTokenForForkPulls012345';

const jobs: string[] = [];
let fake: GitHubFake | undefined;

/** Registers the clean-up after each test: the test's fake is closed (failing the test on a contract violation) and its job folders removed. */
export function useActionHarness(): void {
  afterEach(async () => {
    for (const d of jobs.splice(0)) rmSync(d, { recursive: true, force: true });
    const last = fake;
    fake = undefined;
    await last?.close();
  });
}

/** Starts the test's GitHub fake, closing its previous one first; useActionHarness closes the last. */
export async function startFake(opts: GitHubFakeOptions = {}): Promise<GitHubFake> {
  if (fake) await fake.close();
  fake = await startGitHubFake(opts);
  return fake;
}

/** acme/shop's tier policy for the testing phase: failed tests fail, skipped ones warn. */
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

/** A JUnit report of test/cart.test.ts: `failed` failures at lines 10…, `passed` passes, `skipped` skips. */
export function junit(failed: number, passed = 3, skipped = 0): string {
  const cases = [
    ...Array.from({ length: skipped }, (_, i) => `<testcase classname="cart" name="later ${i}" file="test/cart.test.ts" time="0"><skipped/></testcase>`),
    ...Array.from({ length: passed }, (_, i) => `<testcase classname="cart" name="adds item ${i}" file="test/cart.test.ts" time="0.01"/>`),
    ...Array.from({ length: failed }, (_, i) => `<testcase classname="cart" name="totals ${i}" file="test/cart.test.ts" line="${10 + i}" time="0.01"><failure message="expected ${i} to be ${i + 1}">AssertionError: expected ${i} to be ${i + 1}\n    at test/cart.test.ts:${10 + i}:5</failure></testcase>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="cart" tests="${passed + failed + skipped}" skipped="${skipped}" failures="${failed}">\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
}

export interface WorldOptions {
  /** The fork pull request 7 comes from (default: a branch of acme/shop). */
  headRepo?: string;
  /** Whether the base commit holds .phasegate/policy.yaml (POLICY); default true. */
  policyOnBase?: boolean;
  faults?: FaultRule[];
  prFiles?: Array<{ filename: string; status?: 'modified'; patch?: string }>;
  /** A private repository: reading it needs the token's permissions too (default: public). */
  private?: boolean;
}

/**
 * The fake (started with startFake) holding acme/shop, its main branch at BASE with POLICY,
 * and pull request 7 (head `cart-totals` at HEAD, label `feature`, approved by `lead`). WRITE
 * may publish checks and comments; READ is a fork pull request's read-only token.
 */
export async function world(opts: WorldOptions = {}): Promise<GitHubFake> {
  const gh = await startFake({
    ...(opts.faults ? { faults: opts.faults } : {}),
    tokens: [
      { token: WRITE, permissions: { checks: 'write', contents: 'read', 'pull-requests': 'write', issues: 'write', actions: 'read', metadata: 'read' }, repositories: [REPO] },
      { token: READ, permissions: { checks: 'read', contents: 'read', 'pull-requests': 'read', metadata: 'read' }, repositories: [REPO] },
    ],
  });
  gh.state.addRepo({ owner: 'acme', name: 'shop', ...(opts.private ? { private: true } : {}) });
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

export interface Event {
  /** GITHUB_EVENT_NAME. */
  name: string;
  /** The payload at GITHUB_EVENT_PATH. */
  payload: object;
}

/** The pull_request event of pull request 7 (head `cart-totals` at HEAD, label `feature`) from `headRepo`, onto `base`. */
export function pullEvent(headRepo = REPO, base = BASE): Event {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, head: { sha: HEAD, ref: 'cart-totals', repo: { full_name: headRepo } }, base: { sha: base, ref: 'main', repo: { full_name: REPO } }, user: { login: 'dev' }, labels: [{ name: 'feature' }] },
      repository: { full_name: REPO },
    },
  };
}

/** A push of PUSH_SHA to main. */
export const pushEvent: Event = { name: 'push', payload: { ref: 'refs/heads/main', after: PUSH_SHA, repository: { full_name: REPO } } };

export interface Job {
  dir: string;
  /** GITHUB_WORKSPACE, the steps' working directory. */
  ws: string;
  /** RUNNER_TEMP. */
  tmp: string;
}

/** A fresh job folder whose workspace holds `files`; useActionHarness removes it after the test. */
export function newJob(files: Record<string, string> = {}): Job {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-action-'));
  jobs.push(dir);
  const job = { dir, ws: path.join(dir, 'ws'), tmp: path.join(dir, 'tmp') };
  mkdirSync(job.ws, { recursive: true });
  mkdirSync(job.tmp, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(job.ws, name)), { recursive: true });
    writeFileSync(path.join(job.ws, name), content);
  }
  return job;
}

/** The inputs action.yml gives defaults to, as the runner sets them (`${{ github.token }}` is `token`). */
function defaults(action: string, token: string): Record<string, string> {
  const yml = parse(readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(yml.inputs).flatMap(([k, v]) => (v.default === undefined ? [] : [[k, v.default === '${{ github.token }}' ? token : v.default]])));
}

/** GITHUB_OUTPUT's `name<<DELIMITER … DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export interface StepOptions {
  /** GITHUB_API_URL: the fake's `url`. */
  apiUrl: string;
  /** Default: pullEvent(). */
  event?: Event;
  /** What `${{ github.token }}` gives the inputs that default to it (default WRITE). */
  token?: string;
  /** More environment, over the runner's variables. */
  env?: Record<string, string>;
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** GITHUB_OUTPUT's raw text. */
  outputText: string;
  summary: string;
}

/** Runs actions/`action`'s bundle as one step of `job` with `inputs` over action.yml's defaults. */
export async function runStep(action: string, job: Job, inputs: Record<string, string>, opts: StepOptions): Promise<StepRun> {
  const step = mkdtempSync(path.join(job.dir, 'step-'));
  const event = opts.event ?? pullEvent();
  writeFileSync(path.join(step, 'event.json'), JSON.stringify(event.payload));
  writeFileSync(path.join(step, 'output'), '');
  writeFileSync(path.join(step, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPO,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: path.join(step, 'event.json'),
    GITHUB_SHA: PUSH_SHA,
    GITHUB_REF_NAME: event.name === 'pull_request' ? '7/merge' : 'main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_ACTOR: 'dev',
    GITHUB_WORKSPACE: job.ws,
    RUNNER_TEMP: job.tmp,
    GITHUB_OUTPUT: path.join(step, 'output'),
    GITHUB_STEP_SUMMARY: path.join(step, 'summary.md'),
    PHASEGATE_GITHUB_PACE_MS: '0',
    ...opts.env,
  };
  for (const [k, v] of Object.entries({ ...defaults(action, opts.token ?? WRITE), ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(process.execPath, [path.join(ROOT, 'actions', action, 'dist', 'index.js')], { cwd: job.ws, env, timeout: 120_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const outputText = readFileSync(path.join(step, 'output'), 'utf8');
  return { code, stdout, stderr, outputs: parseOutputs(outputText), outputText, summary: readFileSync(path.join(step, 'summary.md'), 'utf8') };
}

/** The lines of stdout the runner shows: workflow commands that only register masks are consumed by the runner, not shown. */
export const shownLines = (stdout: string): string[] => stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));

/** Fails when `text` holds a stack trace's frame. */
export const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
