/**
 * Runs a committed action bundle (actions/NAME/dist/index.js) as the runner runs it: a job
 * folder with a workspace, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, an event
 * payload, INPUT_* variables with the action.yml defaults the runner would fill in, and
 * GITHUB_API_URL pointing at the GitHub fake. Spawned asynchronously: the fake answers from
 * the test's event loop. Several steps may share one job (and so one workspace and store).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './cli.js';

export const REPO = 'acme/shop';
export const BASE = 'b'.repeat(40);
export const HEAD = 'a1'.repeat(20);
export const PUSH_SHA = 'c'.repeat(40);
export const WRITE = 'ghs_writeTokenForTheTests0123456789';
export const READ = 'ghs_readOnlyTokenForForkPulls012345';

export interface Job {
  dir: string;
  ws: string;
  tmp: string;
}

export interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** GITHUB_OUTPUT's raw text. */
  outputText: string;
}

const jobs: string[] = [];

/** A fresh job folder whose workspace holds `files`. */
export function newJob(files: Record<string, string> = {}): Job {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-action-'));
  jobs.push(dir);
  const ws = path.join(dir, 'ws');
  const tmp = path.join(dir, 'tmp');
  mkdirSync(ws, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  writeFiles(ws, files);
  return { dir, ws, tmp };
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
}

/** Removes every job folder (call from afterEach). */
export function removeJobs(): void {
  for (const d of jobs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The pull_request event of pull request 7 (head `cart-totals` at HEAD) from `headRepo`. */
export function pullEvent(headRepo = REPO): { name: string; payload: object } {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, head: { sha: HEAD, ref: 'cart-totals', repo: { full_name: headRepo } }, base: { sha: BASE, ref: 'main', repo: { full_name: REPO } }, user: { login: 'dev' }, labels: [] },
      repository: { full_name: REPO },
    },
  };
}

export const pushEvent = { name: 'push', payload: { ref: 'refs/heads/main', after: PUSH_SHA, repository: { full_name: REPO } } };

/** The inputs action.yml gives defaults to, as the runner sets them (INPUT_<NAME>, the name upper-cased). */
function defaults(action: string, token: string): Record<string, string> {
  const yml = parse(readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs)) {
    if (spec.default === undefined) continue;
    out[name] = spec.default === '${{ github.token }}' ? token : spec.default;
  }
  return out;
}

/** GITHUB_OUTPUT's `name<<DELIMITER … DELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

export interface StepOptions {
  apiUrl: string;
  event?: { name: string; payload: object };
  token?: string;
  env?: Record<string, string>;
}

/** Runs actions/`action` as one step of `job`. */
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
