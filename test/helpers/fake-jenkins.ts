/**
 * A local stand-in for a Jenkins controller, answering with the shapes a real Jenkins gives
 * (test/fixtures/jenkins: recorded answers and faithful extensions of them, see its README):
 * job JSON with `allBuilds`, pipeline builds with the git plugin's BuildData actions, JUnit
 * test reports (`hudson.tasks.junit.TestResult`) and matrix ones, `/crumbIssuer/api/json`.
 * It applies Jenkins' `tree=` parameter (fields, nesting, `{M,N}` ranges), checks HTTP Basic
 * auth, and can answer 401 (bad credentials), 403 (no read permission), 404 (unknown job,
 * build or report, as Jenkins' HTML page), a build still running, slow answers and non-JSON.
 *
 *   const fake = await startFakeJenkins({ user: 'ci', token: 't0k3n', jobs: { 'shop/main': [pipelineBuild({ number: 1, … })] } });
 *   const r = await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'shop/main'], { env: { JENKINS_USER: 'ci', JENKINS_TOKEN: 't0k3n' } });
 *   await fake.close();
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BIN, ROOT, type CliResult } from './cli.js';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'jenkins');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** One build the fake serves: its JSON (a build's api/json) and its test report, if any. */
export interface FakeBuild {
  json: Record<string, unknown>;
  /** The test report JSON; absent: the build has none (404, as Jenkins answers). */
  report?: unknown;
}

export interface PipelineBuildSpec {
  number: number;
  /** Start, ms since the epoch. */
  timestamp: number;
  result?: string | null;
  building?: boolean;
  duration?: number;
  /** The project's commit; '' for a build without git data (no BuildData at all). */
  commit: string;
  /** As the git plugin writes it, e.g. `refs/remotes/origin/main`. */
  branch?: string;
  report?: unknown;
  /** The job's full name, for the build's URL. */
  job?: string;
}

/**
 * A pipeline build shaped like test/fixtures/jenkins/build-pipeline.json (a recorded-shape
 * WorkflowRun with the shared library's BuildData first and the project's second).
 */
export function pipelineBuild(spec: PipelineBuildSpec, base = 'http://localhost:8080'): FakeBuild {
  const json = fixture('build-pipeline.json');
  const job = spec.job ?? 'shop/main';
  const url = `${base}${job.split('/').map((s) => `/job/${encodeURIComponent(s)}`).join('')}/${spec.number}/`;
  const building = spec.building ?? false;
  Object.assign(json, {
    number: spec.number,
    id: String(spec.number),
    displayName: `#${spec.number}`,
    timestamp: spec.timestamp,
    duration: building ? 0 : (spec.duration ?? 60_000),
    building,
    inProgress: building,
    result: building ? null : (spec.result ?? 'SUCCESS'),
    url,
  });
  const actions = json.actions as Array<Record<string, unknown>>;
  const project = actions.filter((a) => a._class === 'hudson.plugins.git.util.BuildData').at(-1)!;
  if (spec.commit === '') {
    json.actions = actions.filter((a) => a._class !== 'hudson.plugins.git.util.BuildData');
  } else {
    const branch = spec.branch ?? 'refs/remotes/origin/main';
    const rev = { SHA1: spec.commit, branch: [{ SHA1: spec.commit, name: branch }] };
    project.lastBuiltRevision = rev;
    project.buildsByBranchName = { [branch]: { _class: 'hudson.plugins.git.util.Build', buildNumber: spec.number, buildResult: null, marked: rev, revision: rev } };
  }
  if (spec.report === undefined) json.actions = (json.actions as Array<Record<string, unknown>>).filter((a) => a._class !== 'hudson.tasks.junit.TestResultAction');
  return { json, ...(spec.report !== undefined ? { report: spec.report } : {}) };
}

export interface FakeJenkinsOptions {
  /** Job full name (`folder/job`) → its builds, any order. */
  jobs: Record<string, FakeBuild[]>;
  /** With both, every request must carry Basic auth with them (else 401). */
  user?: string;
  token?: string;
  /** Authenticated requests to jobs are denied (403), as for a user without Job/Read. */
  forbidden?: boolean;
  /** Milliseconds before each answer to a job path (to hit a client's timeout). */
  delayMs?: number;
  /** Job paths answer an HTML page with status 200 (a login page or proxy in the way). */
  html?: boolean;
  /** Parents (by full name) that are multibranch projects; other parents of a job are folders. */
  multibranch?: string[];
  /** Requests whose path (after the context path) matches answer this status with an HTML page, e.g. a 500. */
  fault?: { path: RegExp; status: number };
}

export interface FakeJenkins {
  /** Jenkins' root URL, e.g. http://127.0.0.1:PORT/jenkins (served under a context path, as many are). */
  url: string;
  /** Every request's method, path and query, in order. */
  requests: string[];
  /** The Authorization headers received. */
  authorizations: string[];
  close(): Promise<void>;
}

const CONTEXT = '/jenkins';

// ---- Jenkins' tree parameter: `a,b[c,d]{0,5}` -------------------------------------------------

interface TreeNode {
  name: string;
  children?: TreeNode[];
  range?: [number | undefined, number | undefined];
}

function parseTree(text: string): TreeNode[] {
  let i = 0;
  const list = (): TreeNode[] => {
    const out: TreeNode[] = [];
    for (;;) {
      let name = '';
      while (i < text.length && !',[]{}'.includes(text[i]!)) name += text[i++];
      const node: TreeNode = { name: name.trim() };
      if (text[i] === '[') {
        i++;
        node.children = list();
        if (text[i] !== ']') throw new Error(`tree: ] expected at ${i}`);
        i++;
      }
      if (text[i] === '{') {
        const end = text.indexOf('}', i);
        const spec = text.slice(i + 1, end);
        i = end + 1;
        const [a, b] = spec.includes(',') ? spec.split(',') : [spec, String(Number(spec) + 1)];
        node.range = [a ? Number(a) : undefined, b ? Number(b) : undefined];
      }
      out.push(node);
      if (text[i] !== ',') return out;
      i++;
    }
  };
  return list();
}

function applyTree(value: unknown, nodes: TreeNode[] | undefined): unknown {
  if (!nodes) return value;
  if (Array.isArray(value)) return value.map((v) => applyTree(v, nodes));
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if ('_class' in obj) out._class = obj._class; // Jenkins always names an object's class
  for (const n of nodes) {
    if (!(n.name in obj)) continue;
    let v = obj[n.name];
    if (n.range && Array.isArray(v)) v = v.slice(n.range[0] ?? 0, n.range[1]);
    out[n.name] = applyTree(v, n.children);
  }
  return out;
}

// ---- the server -------------------------------------------------------------------------------

function notFoundPage(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/html;charset=utf-8' });
  res.end('<html><head><title>Error 404 Not Found</title></head><body><h2>HTTP ERROR 404 Not Found</h2></body></html>');
}

function sendJson(res: ServerResponse, value: unknown, tree: string | null): void {
  const body = JSON.stringify(tree ? applyTree(value, parseTree(tree)) : value);
  res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'x-jenkins': '2.479.1' });
  res.end(body);
}

export async function startFakeJenkins(opts: FakeJenkinsOptions): Promise<FakeJenkins> {
  const requests: string[] = [];
  const authorizations: string[] = [];
  const expected = opts.user && opts.token ? `Basic ${Buffer.from(`${opts.user}:${opts.token}`).toString('base64')}` : undefined;
  const jobs = new Map(Object.entries(opts.jobs).map(([name, builds]) => [name, [...builds].sort((a, b) => Number(b.json.number) - Number(a.json.number))]));
  let port = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'http://fake');
    requests.push(`${req.method} ${u.pathname}${u.search}`);
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'text/html;charset=utf-8', 'www-authenticate': 'Basic realm="Jenkins"' });
      res.end('<html><body>Invalid password/token for user</body></html>');
      return;
    }
    if (!u.pathname.startsWith(`${CONTEXT}/`)) return notFoundPage(res);
    const p = u.pathname.slice(CONTEXT.length);
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (p === '/crumbIssuer/api/json') return sendJson(res, fixture('crumbIssuer.json'), u.searchParams.get('tree'));
    const m = /^((?:\/job\/[^/]+)+)(?:\/(\d+))?(\/testReport)?\/api\/json$/.exec(p);
    if (!m) return notFoundPage(res);
    const answer = (): void => {
      if (opts.fault?.path.test(p)) {
        res.writeHead(opts.fault.status, { 'content-type': 'text/html;charset=utf-8' });
        res.end('<html><body>Oops!</body></html>');
        return;
      }
      if (opts.forbidden) {
        res.writeHead(403, { 'content-type': 'text/html;charset=utf-8' });
        res.end(`<html><body>${opts.user ?? 'anonymous'} is missing the Overall/Read permission</body></html>`);
        return;
      }
      if (opts.html) {
        res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
        res.end('<!DOCTYPE html><html><head><title>Sign in [Jenkins]</title></head><body>login</body></html>');
        return;
      }
      const name = m[1]!.split('/job/').filter(Boolean).map(decodeURIComponent).join('/');
      const builds = jobs.get(name);
      const tree = u.searchParams.get('tree');
      const base = `http://127.0.0.1:${port}${CONTEXT}`;
      const jobUrl = `${base}${m[1]}/`;
      if (!builds && !m[2] && [...jobs.keys()].some((j) => j.startsWith(`${name}/`))) {
        const kind = opts.multibranch?.includes(name) ? 'job-multibranch-project.json' : 'job-folder.json';
        const short = name.split('/').at(-1);
        return sendJson(res, { ...fixture<Record<string, unknown>>(kind), name: short, fullName: name, displayName: short, fullDisplayName: name.split('/').join(' » '), url: jobUrl }, tree);
      }
      if (!builds) return notFoundPage(res);
      if (!m[2]) {
        const job = { ...fixture('job-multibranch-branch.json'), name: name.split('/').at(-1), fullName: name, displayName: name.split('/').at(-1), url: jobUrl };
        const summaries: Array<Record<string, unknown>> = builds.map((b) => ({ ...b.json, url: `${jobUrl}${String(b.json.number)}/` }));
        Object.assign(job, { builds: summaries.slice(0, 100), allBuilds: summaries, lastBuild: summaries[0] ?? null, nextBuildNumber: Number(summaries[0]?.number ?? 0) + 1 });
        return sendJson(res, job, tree);
      }
      const build = builds.find((b) => String(b.json.number) === m[2]);
      if (!build) return notFoundPage(res);
      if (m[3]) return build.report === undefined ? notFoundPage(res) : sendJson(res, build.report, tree);
      return sendJson(res, { ...build.json, url: `${jobUrl}${m[2]}/` }, tree);
    };
    if (opts.delayMs) setTimeout(answer, opts.delayMs);
    else answer();
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${CONTEXT}`,
    requests,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs `phasegate ARGS` as a process without blocking this one (the fake answers from this
 * process), with the clean colour environment of cli(); JENKINS_* come only from `env`.
 */
export function cliAsync(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, JENKINS_URL: undefined, JENKINS_USER: undefined, JENKINS_TOKEN: undefined, ...opts.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** One case of junitReport: class, name, Jenkins status, and the failure text for FAILED/REGRESSION. */
export type FakeCase = [className: string, name: string, status: 'PASSED' | 'FIXED' | 'FAILED' | 'REGRESSION' | 'SKIPPED', duration?: number, errorDetails?: string];

/** A `hudson.tasks.junit.TestResult` with these cases, one suite per class, shaped like testReport-junit.json. */
export function junitReport(cases: FakeCase[]): Record<string, unknown> {
  const template = fixture<{ suites: Array<{ cases: Array<Record<string, unknown>> } & Record<string, unknown>> }>('testReport-junit.json');
  const caseShape = template.suites[0]!.cases[0]!;
  const suiteShape = template.suites[0]!;
  const suites = new Map<string, Array<Record<string, unknown>>>();
  for (const [className, name, status, duration = 0.01, errorDetails] of cases) {
    const failed = status === 'FAILED' || status === 'REGRESSION';
    const c = { ...caseShape, className, name, status, duration, skipped: status === 'SKIPPED', errorDetails: failed ? (errorDetails ?? 'assertion failed') : null, errorStackTrace: failed ? `java.lang.AssertionError: ${errorDetails ?? 'assertion failed'}\n\tat ${className}.${name}(Test.java:1)\n` : null };
    (suites.get(className) ?? suites.set(className, []).get(className)!).push(c);
  }
  const count = (pred: (s: string) => boolean): number => cases.filter((c) => pred(c[2])).length;
  return {
    _class: 'hudson.tasks.junit.TestResult',
    testActions: [],
    duration: Math.round(cases.reduce((t, c) => t + (c[3] ?? 0.01), 0) * 1000) / 1000,
    empty: false,
    failCount: count((s) => s === 'FAILED' || s === 'REGRESSION'),
    passCount: count((s) => s === 'PASSED' || s === 'FIXED'),
    skipCount: count((s) => s === 'SKIPPED'),
    suites: [...suites].map(([name, cs]) => ({ ...suiteShape, name, cases: cs, duration: Math.round(cs.reduce((t, c) => t + Number(c.duration), 0) * 1000) / 1000 })),
  };
}
