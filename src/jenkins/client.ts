/**
 * JenkinsApi over the npm `jenkins` client (node-jenkins, on papi). Every request is a GET
 * through the client's own request machinery (`_get`: its base URL, headers, crumb issuer and
 * timeout), asks only for the fields phasegate reads (Jenkins' `tree=` parameter), and runs
 * under a timeout. Authentication is HTTP Basic with a user and an API token, from
 * JENKINS_USER / JENKINS_TOKEN (what `withCredentials([usernamePassword(…)])` binds) or from
 * `user:token@` in the URL. The client is configured with `crumbIssuer: true`, so any POST
 * carries a CSRF crumb; reads need none.
 *
 * Every failure is one PhasegateError line naming the URL (never its credentials: they are
 * taken out of the URL before any request, and the token is redacted from every message) and
 * the fix.
 */
import { PhasegateError } from '../errors.js';
import { basicAuthHeader, createRedactor, type Redactor } from '../io/redact.js';
import type { BuildSummary, JenkinsApi, JenkinsBuild, JenkinsJob } from './api.js';

/** Seconds a request may take unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_S = 30;

/** Where Jenkins is and how to log in. */
export interface JenkinsConnection {
  /** Jenkins' root URL without credentials and without a trailing slash. */
  baseUrl: string;
  user?: string;
  token?: string;
  /** Milliseconds per request. */
  timeoutMs: number;
}

/** The test report fields phasegate reads (stdout/stderr of the cases are left on the server). */
const CASE_FIELDS = 'className,name,status,duration,errorDetails,errorStackTrace,skipped';
const RESULT_FIELDS = `_class,passCount,failCount,skipCount,totalCount,suites[name,cases[${CASE_FIELDS}]]`;
const REPORT_TREE = `${RESULT_FIELDS},childReports[child[number,url],result[${RESULT_FIELDS}]]`;
const BUILD_FIELDS = 'number,building,result,timestamp,duration,url';
const BUILD_TREE = `${BUILD_FIELDS},actions[_class,lastBuiltRevision[SHA1,branch[SHA1,name]],remoteUrls]`;

/**
 * The connection for `url` (Jenkins' root) with the credentials of `env` (JENKINS_USER and
 * JENKINS_TOKEN) or, failing those, of the URL's userinfo. Throws a PhasegateError for a URL
 * that is not http(s) or half-given credentials.
 */
export function jenkinsConnection(url: string, env: NodeJS.ProcessEnv, timeoutS = DEFAULT_TIMEOUT_S, option = '--url'): JenkinsConnection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    parsed = new URL('invalid:x');
  }
  const redact = createRedactor({ urls: [url] });
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PhasegateError({ message: `${option} ${JSON.stringify(redact(url))} is not an http(s) URL; give Jenkins' root URL, e.g. https://ci.example.com/jenkins` });
  }
  const fromUrl = { user: decodeURIComponent(parsed.username), token: decodeURIComponent(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  const baseUrl = parsed.toString().replace(/\/+$/, '');
  const user = env.JENKINS_USER || fromUrl.user || undefined;
  const token = env.JENKINS_TOKEN || fromUrl.token || undefined;
  if (Boolean(user) !== Boolean(token)) {
    const missing = user ? 'JENKINS_TOKEN (the API token)' : 'JENKINS_USER (the user the API token belongs to)';
    throw new PhasegateError({ message: `Jenkins credentials are incomplete: set ${missing}, or give both as user:token in ${option}` });
  }
  if (!(timeoutS > 0)) throw new PhasegateError({ message: `--timeout must be a positive number of seconds` });
  return { baseUrl, user, token, timeoutMs: Math.round(timeoutS * 1000) };
}

/** The path of a job (`a/b` → `/job/a/job/b`); empty segments are dropped. */
export function jobPath(job: string): string {
  return job
    .split('/')
    .filter((s) => s !== '')
    .map((s) => `/job/${encodeURIComponent(s)}`)
    .join('');
}

/** What a request was for, so its failure can name it. */
interface Target {
  what: 'job' | 'builds' | 'build' | 'report';
  job: string;
  number?: number;
}

/** papi's request function, as node-jenkins exposes it. */
interface PapiClient {
  _get(opts: Record<string, unknown>, ...middleware: Array<(ctx: PapiContext, next: PapiNext) => void>): Promise<unknown>;
}
interface PapiContext {
  err?: unknown;
  res?: PapiResponse;
}
type PapiNext = (err?: unknown, value?: unknown) => void;
interface PapiResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

/** An answer or a failure, as the request ended. */
type Outcome = { res: PapiResponse } | { err: unknown };

/** JenkinsApi over the npm `jenkins` client. */
export class NodeJenkinsApi implements JenkinsApi {
  private readonly redact: Redactor;

  private constructor(
    private readonly conn: JenkinsConnection,
    private readonly client: PapiClient,
  ) {
    this.redact = createRedactor({ values: [conn.token], basic: conn.user && conn.token ? [{ username: conn.user, password: conn.token }] : [] });
  }

  /** Creates the client (the `jenkins` package is loaded only here). */
  static async create(conn: JenkinsConnection): Promise<NodeJenkinsApi> {
    const Jenkins = (await import('jenkins')).default as unknown as new (opts: Record<string, unknown>) => PapiClient;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (conn.user && conn.token) headers.authorization = basicAuthHeader(conn.user, conn.token);
    const client = new Jenkins({ baseUrl: conn.baseUrl, crumbIssuer: true, headers, timeout: conn.timeoutMs });
    return new NodeJenkinsApi(conn, client);
  }

  async job(job: string): Promise<JenkinsJob> {
    const body = (await this.get(`${jobPath(job)}/api/json`, 'name,fullName,url', { what: 'job', job })) as Partial<JenkinsJob> | null;
    const name = typeof body?.name === 'string' ? body.name : job.split('/').filter(Boolean).at(-1) ?? job;
    const fullName = typeof body?.fullName === 'string' ? body.fullName : job.split('/').filter(Boolean).join('/');
    const url = typeof body?.url === 'string' ? body.url : `${this.conn.baseUrl}${jobPath(job)}/`;
    const parent = job.split('/').filter(Boolean).slice(0, -1);
    if (parent.length === 0) return { name, fullName, url };
    // A branch of a multibranch project is named after its branch; the project is the parent.
    const up = await this.get(`${jobPath(parent.join('/'))}/api/json`, 'name', { what: 'job', job: parent.join('/') }).catch(() => null);
    const cls = up && typeof up === 'object' ? (up as { _class?: unknown; name?: unknown }) : {};
    const multibranch = typeof cls._class === 'string' && /MultiBranchProject$/.test(cls._class) && typeof cls.name === 'string' ? cls.name : undefined;
    return { name, fullName, url, ...(multibranch ? { multibranchProject: multibranch } : {}) };
  }

  async builds(job: string, limit: number): Promise<BuildSummary[]> {
    const body = (await this.get(`${jobPath(job)}/api/json`, `allBuilds[${BUILD_FIELDS}]{0,${limit}}`, { what: 'builds', job })) as { allBuilds?: unknown } | null;
    const list = Array.isArray(body?.allBuilds) ? (body.allBuilds as unknown[]) : [];
    return list.map((b) => summary(b)).filter((b): b is BuildSummary => b !== undefined);
  }

  async build(job: string, number: number): Promise<JenkinsBuild> {
    const body = await this.get(`${jobPath(job)}/${number}/api/json`, BUILD_TREE, { what: 'build', job, number });
    const s = summary(body);
    if (!s) throw new PhasegateError({ message: `Jenkins answered ${this.shown(`${jobPath(job)}/${number}/api/json`)} without a build number; is --url Jenkins' root URL?` });
    const actions = (body as { actions?: unknown }).actions;
    return { ...s, ...(Array.isArray(actions) ? { actions } : {}) };
  }

  async testReport(job: string, number: number): Promise<unknown> {
    return this.get(`${jobPath(job)}/${number}/testReport/api/json`, REPORT_TREE, { what: 'report', job, number });
  }

  /** `path` as shown in messages: the base URL has no credentials; anything else is redacted too. */
  private shown(path: string): string {
    return this.redact(`${this.conn.baseUrl}${path}`);
  }

  /** GETs `path` with `tree`, parsed as JSON; null for a report's 404. */
  private async get(path: string, tree: string, target: Target): Promise<unknown> {
    const outcome = await new Promise<Outcome>((resolve) => {
      const opts = { path, query: { tree }, buffer: true, timeout: this.conn.timeoutMs };
      this.client
        ._get(opts, (ctx, next) => {
          // Settle here, before papi's own error decoration: the failure is classified below.
          if (ctx.res && !(ctx.err && !(ctx.err as { isResponse?: boolean }).isResponse)) resolve({ res: ctx.res });
          else resolve({ err: ctx.err });
          next(false, null);
        })
        .catch((err: unknown) => resolve({ err }));
    });
    if ('err' in outcome) throw this.failure(outcome.err, path, target);
    const { res } = outcome;
    if (res.statusCode === 404 && target.what === 'report') return null;
    if (res.statusCode < 200 || res.statusCode > 299) throw this.statusError(res, path, target);
    return this.json(res, path);
  }

  private json(res: PapiResponse, path: string): unknown {
    const text = res.body ? res.body.toString('utf8') : '';
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim() || 'no content type';
    try {
      return JSON.parse(text);
    } catch {
      const head = this.redact.excerpt(text, 40);
      throw new PhasegateError({
        message: `Jenkins answered ${this.shown(path)} with something that is not JSON (${type}${head ? `: ${JSON.stringify(head)}` : ', empty'}); check that --url is Jenkins' root URL (e.g. https://ci.example.com/jenkins) and that no login page or proxy stands in between`,
      });
    }
  }

  private statusError(res: PapiResponse, path: string, t: Target): PhasegateError {
    const url = this.shown(path);
    const name = JSON.stringify(t.job);
    const code = res.statusCode;
    if (code === 401) return new PhasegateError({ message: `Jenkins refused the credentials (HTTP 401) for ${url}; check JENKINS_USER and JENKINS_TOKEN (an API token from the user's Security page)` });
    if (code === 403) {
      const who = this.conn.user ? `the user ${JSON.stringify(this.conn.user)}` : 'anonymous access (no JENKINS_USER/JENKINS_TOKEN set)';
      return new PhasegateError({ message: `Jenkins denied access (HTTP 403) to ${url}: ${who} lacks Overall/Read or Job/Read on job ${name}; ask an administrator for those permissions, or use another user's API token` });
    }
    if (code === 404) {
      if (t.what === 'build') return new PhasegateError({ message: `build #${t.number} of job ${name} not found (HTTP 404) at ${url}; check the build number (it may have been discarded)` });
      return new PhasegateError({
        message: `job ${name} not found (HTTP 404) at ${url}; check --job: a job inside a folder is named with its folders, folder/job (a multibranch branch: folder/project/branch), and --url is Jenkins' root URL`,
      });
    }
    if (code >= 300 && code < 400) {
      const location = res.headers.location ? ` to ${this.redact(String(res.headers.location))}` : '';
      return new PhasegateError({ message: `Jenkins redirected (HTTP ${code}) ${url}${location}; give the URL Jenkins is served at as --url` });
    }
    return new PhasegateError({ message: `Jenkins answered HTTP ${code} for ${url}; check the Jenkins server and try again` });
  }

  private failure(err: unknown, path: string, t: Target): PhasegateError {
    const e = err as { code?: string; isTimeout?: boolean; cause?: { code?: string }; message?: string; response?: PapiResponse };
    if (e.response?.statusCode) return this.statusError(e.response, path, t);
    const url = this.shown(path);
    if (e.isTimeout) return new PhasegateError({ message: `Jenkins did not answer ${url} within ${this.conn.timeoutMs / 1000} s; check the server, or allow longer with --timeout SECONDS` });
    const code = e.code ?? e.cause?.code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET') {
      return new PhasegateError({ message: `cannot reach Jenkins at ${this.redact(this.conn.baseUrl)} (${code} for ${url}); check --url and that Jenkins runs and is reachable from here` });
    }
    const detail = this.redact.excerpt(e.message ?? String(err), 200);
    return new PhasegateError({ message: `request to Jenkins failed for ${url}: ${detail}; check --url and the network` });
  }
}

/** A build list entry, or undefined when it has no build number. */
function summary(v: unknown): BuildSummary | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const b = v as Record<string, unknown>;
  if (typeof b.number !== 'number' || !Number.isInteger(b.number)) return undefined;
  return {
    number: b.number,
    building: b.building === true,
    result: typeof b.result === 'string' ? b.result : null,
    timestamp: typeof b.timestamp === 'number' ? b.timestamp : 0,
    duration: typeof b.duration === 'number' ? b.duration : 0,
    url: typeof b.url === 'string' ? b.url : '',
  };
}
