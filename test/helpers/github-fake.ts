/**
 * A local stand-in for api.github.com that holds clients to GitHub's published description:
 * every request is validated against the operations phasegate calls (the committed cut of
 * @octokit/openapi, see scripts/github-contract.mjs) and every answer the fake gives is checked
 * against the same description. See test/helpers/github-fake/ for the parts.
 *
 *   const gh = await startGitHubFake({ tokens: [{ token: 't', permissions: { checks: 'write' } }] });
 *   gh.state.addRepo({ owner: 'acme', name: 'app' });
 *   const octokit = fakeOctokit(gh.url, 't');  // test/helpers/github-fake/octokit.ts
 *   …
 *   expect(gh.violations).toEqual([]);
 *   await gh.close();  // rejects on a violation left unasserted, and if the fake answered off-contract
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Contract } from './github-fake/contract.js';
import { Faults, type FaultRule } from './github-fake/faults.js';
import type { FakeArtifact } from './github-fake/model.js';
import { handleApi, type Incoming, type Outgoing } from './github-fake/pipeline.js';
import { redactHeaders, type RecordedRequest } from './github-fake/record.js';
import type { TokenSeed } from './github-fake/seeds.js';
import { GitHubState } from './github-fake/state.js';

export type { Fault, FaultRule } from './github-fake/faults.js';
export type { RecordedRequest } from './github-fake/record.js';
export type { GitHubState } from './github-fake/state.js';
export type { ArtifactSeed, FileSeed, PullSeed, RepoSeed, ReviewSeed, TokenSeed } from './github-fake/seeds.js';

export interface GitHubFakeOptions {
  tokens?: TokenSeed[];
  faults?: FaultRule[];
  /** Where the fake's clock starts (it moves one second per write); default 2024-06-03T09:00:00Z. */
  start?: string;
}

export interface GitHubFake {
  /** The API base URL (`http://127.0.0.1:<port>`), for Octokit's `baseUrl`. */
  url: string;
  /** The world the fake answers from: seed it, and read check runs and comments back. */
  state: GitHubState;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** The requests that broke the contract; a test expects this to be empty. */
  readonly violations: Array<Pick<RecordedRequest, 'seq' | 'method' | 'path' | 'operationId' | 'violations'>>;
  faults: Faults;
  /**
   * Stops both servers. Rejects when the fake gave an answer its contract does not allow (a bug
   * of the fake), and when a request broke the contract, unless `violations: 'allow'` (for a
   * test that provokes them on purpose and asserts them itself).
   */
  close(opts?: { violations?: 'fail' | 'allow' }): Promise<void>;
}

let contract: Promise<Contract> | undefined;

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
}

function serve(handle: (inc: Incoming) => Outgoing) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let out: Outgoing;
      try {
        out = handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
      } catch (e) {
        console.error('github-fake crashed:', e);
        out = { status: 500, headers: { 'content-type': 'text/plain', 'x-github-fake-bug': 'true' }, body: Buffer.from(String(e)) };
      }
      res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
      res.end(out.body);
    });
  };
}

/** Starts the fake API (and its artifact blob host) on free loopback ports. */
export async function startGitHubFake(opts: GitHubFakeOptions = {}): Promise<GitHubFake> {
  contract ??= Contract.load();
  const loaded = await contract;
  const state = new GitHubState(opts.start);
  for (const t of opts.tokens ?? []) state.addToken(t);
  const faults = new Faults();
  for (const f of opts.faults ?? []) faults.add(f);
  const requests: RecordedRequest[] = [];
  const secret = randomBytes(16);
  const sign = (id: number) => createHmac('sha256', secret).update(String(id)).digest('hex');

  const record = (server: RecordedRequest['server'], inc: Incoming): RecordedRequest => {
    const url = new URL(inc.url, 'http://fake');
    const r: RecordedRequest = {
      seq: requests.length + 1, server, method: inc.method.toUpperCase(), path: url.pathname, query: Object.fromEntries(url.searchParams),
      operationId: null, headers: redactHeaders(inc.headers), body: undefined, token: null, status: 0, violations: [], fakeBugs: [],
    };
    requests.push(r);
    return r;
  };

  const blobServer = createServer(serve((inc) => {
    const r = record('blob', inc);
    const url = new URL(inc.url, 'http://fake');
    const id = Number(/^\/artifacts\/(\d+)\/[^/]+\.zip$/.exec(url.pathname)?.[1]);
    const artifact = [...state.repos.values()].flatMap((repo) => repo.artifacts).find((a) => a.id === id);
    const ok = artifact && inc.method === 'GET' && url.searchParams.get('sig') === sign(artifact.id);
    r.status = ok ? 200 : 403;
    return ok
      ? { status: 200, headers: { 'content-type': 'application/zip' }, body: Buffer.from(artifact.zip) }
      : { status: 403, headers: { 'content-type': 'application/xml' }, body: Buffer.from('<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code></Error>') };
  }));
  const blob = await listen(blobServer);
  const blobUrl = (a: FakeArtifact) => `${blob}/artifacts/${a.id}/${encodeURIComponent(a.name)}.zip?sig=${sign(a.id)}`;

  const apiServer = createServer();
  const url = await listen(apiServer);
  const env = { contract: loaded, state, faults, urls: { api: url }, blobUrl };
  apiServer.on('request', serve((inc) => handleApi(inc, env, record('api', inc))));

  return {
    url, state, requests, faults,
    get violations() {
      return requests.filter((r) => r.violations.length > 0)
        .map(({ seq, method, path, operationId, violations }) => ({ seq, method, path, operationId, violations }));
    },
    async close({ violations = 'fail' } = {}) {
      await Promise.all([stop(apiServer), stop(blobServer)]);
      const list = (rs: RecordedRequest[], what: (r: RecordedRequest) => string[]) => rs.map((r) => `  ${r.method} ${r.path}: ${what(r).join('; ')}`).join('\n');
      const bugs = requests.filter((r) => r.fakeBugs.length > 0);
      if (bugs.length > 0) throw new Error(`the GitHub fake answered off-contract (a bug of the fake):\n${list(bugs, (r) => r.fakeBugs)}`);
      const broke = requests.filter((r) => r.violations.length > 0);
      if (broke.length > 0 && violations === 'fail') throw new Error(`requests broke the GitHub contract:\n${list(broke, (r) => r.violations)}`);
    },
  };
}
