/**
 * One API request through the GitHub fake. Every problem of the request is recorded as a
 * contract violation first (unknown operation, headers, parameters, body, GitHub's extra rules);
 * then the answer follows GitHub's order: injected fault, header refusals, 401, 404 for an
 * unknown or unreachable repository, 403 for a missing permission, 400/422 for the request
 * itself, and only then the operation. Every JSON answer is checked against the contract before
 * it leaves; one that fails is a bug of the fake, answered 500 and kept in `fakeBugs`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from 'openapi-backend';
import { acceptedPermissions, authenticate, authorize } from './auth.js';
import type { Contract, Problem } from './contract.js';
import { GitHubError, invalidRequest, notFound, problemText } from './errors.js';
import type { Faults } from './faults.js';
import { githubRules } from './github-rules.js';
import { FORMATS, HANDLERS, type Answer } from './handlers/index.js';
import { commonHeaders, headerProblems, parseAccept } from './headers.js';
import type { FakeArtifact, FakeRepo } from './model.js';
import { describeProblem, type RecordedRequest } from './record.js';
import type { Urls } from './shapes.js';
import type { GitHubState } from './state.js';

export interface Incoming {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PipelineEnv {
  contract: Contract;
  state: GitHubState;
  faults: Faults;
  urls: Urls;
  blobUrl(artifact: FakeArtifact): string;
}

const DOCS = 'https://docs.github.com/rest';

/** `/repositories/{id}/…` (the form GitHub's pagination links use) → `/repos/{owner}/{repo}/…`. */
function canonicalPath(path: string, state: GitHubState): string {
  let p = path;
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(p);
  if (byId) {
    const repo = state.repoById(Number(byId[1]));
    if (repo) p = `/repos/${repo.fullName}${byId[2] ?? ''}`;
  }
  // A file path may arrive with raw slashes (GitHub takes both): route it as one segment. Without
  // a path GitHub lists the root folder ("If you omit the path parameter…"): route that as "/".
  const contents = /^(\/repos\/[^/]+\/[^/]+\/contents)(?:\/(.*))?$/.exec(p);
  return contents ? `${contents[1]}/${contents[2] ? contents[2].split('/').join('%2F') : '%2F'}` : p;
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(params.keys())) {
    const all = params.getAll(k);
    out[k] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

interface Parsed {
  body: unknown;
  problem?: string;
  /** The body is not JSON at all: the schema has nothing to check. */
  unparsable?: boolean;
}

function parseBody(inc: Incoming): Parsed {
  if (inc.body.length === 0) return { body: undefined };
  const text = inc.body.toString('utf8');
  const type = (header(inc.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    const body: unknown = JSON.parse(text);
    return type === 'application/json' ? { body } : { body, problem: `Content-Type ${type || '(none)'} for a JSON body` };
  } catch {
    return { body: text, problem: 'Problems parsing JSON', unparsable: true };
  }
}

/** What is wrong with a request, every problem recorded as a violation. */
interface Inspection {
  body: unknown;
  format: string;
  /** Header refusals GitHub answers first: [status, message]. */
  refusals: Array<[number, string]>;
  acceptRefused: boolean;
  bodyProblem?: string;
  problems: Problem[];
  refused: GitHubError[];
}

function inspect(inc: Incoming, parsed: Parsed, op: Operation, path: string, query: Record<string, string | string[]>, env: PipelineEnv, record: RecordedRequest): Inspection {
  const v = record.violations;
  const { body, problem: bodyProblem, unparsable } = parsed;
  const accept = parseAccept(header(inc.headers, 'accept'));
  v.push(...accept.problems);
  const served = accept.format === 'json' || (FORMATS[op.operationId!] ?? []).includes(accept.format);
  if (!served) v.push(`Accept asks for the ${accept.format} format, which ${op.operationId} does not serve here`);
  const refusals = headerProblems({ 'user-agent': header(inc.headers, 'user-agent'), 'x-github-api-version': header(inc.headers, 'x-github-api-version') });
  v.push(...refusals.map(([, m]) => m));
  if (!inc.headers.authorization) v.push('no Authorization header');
  if (bodyProblem) v.push(bodyProblem);
  const req = { method: op.method, path, query, headers: inc.headers as Record<string, string>, body: unparsable || !inc.body.length ? undefined : body };
  const problems = env.contract.validateRequest(req, op).filter((p) => !unparsable || (p.params as { missingProperty?: string }).missingProperty !== 'requestBody');
  v.push(...problems.map(describeProblem));
  const refused = problems.length === 0 && !bodyProblem ? githubRules(op.operationId!, body, env.contract.documentationUrl(op)) : [];
  v.push(...refused.map((e) => `GitHub refuses: ${e.message}`));
  return { body, format: accept.format, refusals, acceptRefused: accept.problems.length > 0 || !served, bodyProblem, problems, refused };
}

/** Answers an inspected request in GitHub's order, or throws the GitHubError that stops it. */
function answer(inc: Incoming, op: Operation, path: string, query: Record<string, string | string[]>, env: PipelineEnv, record: RecordedRequest, x: Inspection): Answer {
  const doc = env.contract.documentationUrl(op);
  const [refusal] = x.refusals;
  if (refusal) throw new GitHubError(refusal[0], { message: refusal[1], documentation_url: DOCS, status: String(refusal[0]) });
  if (x.acceptRefused) throw new GitHubError(415, { message: `Unsupported 'Accept' header: '${header(inc.headers, 'accept')}'`, documentation_url: DOCS, status: '415' });
  const token = authenticate(header(inc.headers, 'authorization'), env.state.tokens);
  if (token instanceof GitHubError) throw token;
  record.token = token.name;
  const params = env.contract.pathParams(path, op);
  let repo: FakeRepo | undefined;
  if (params.owner !== undefined && params.repo !== undefined) {
    repo = env.state.repo(`${params.owner}/${params.repo}`);
    if (!repo) throw notFound(doc);
  }
  authorize(token, op.operationId!, op.method.toUpperCase(), repo, doc);
  if (x.bodyProblem) throw new GitHubError(400, { message: x.bodyProblem, documentation_url: doc, status: '400' });
  if (x.problems.length > 0) throw invalidRequest(doc, x.problems.map((p) => problemText(p, x.body)));
  if (x.refused[0]) throw x.refused[0];
  const handler = HANDLERS[op.operationId!];
  if (!handler) throw new Error(`no handler for ${op.operationId}`);
  const body = (x.body ?? {}) as Record<string, unknown>;
  return handler({ state: env.state, urls: env.urls, params, query, body, repo, token, format: x.format, doc, blobUrl: env.blobUrl });
}

/** Handles one API request, filling `record`. */
export function handleApi(inc: Incoming, env: PipelineEnv, record: RecordedRequest): Outgoing {
  const url = new URL(inc.url, env.urls.api);
  const requestId = `C0DE:${record.seq.toString(16).toUpperCase().padStart(4, '0')}:1A2B3C:4D5E6F:66A5F000`;
  const path = canonicalPath(url.pathname, env.state);
  const query = queryOf(url.searchParams);
  record.query = query;
  const parsed = parseBody(inc);
  record.body = parsed.body;
  const op = env.contract.match(inc.method.toUpperCase(), path);
  const send = (a: Answer | GitHubError): Outgoing => respond(a, op, env, record, requestId);
  if (!op) {
    record.violations.push('no such operation in the contract');
    return send(notFound(DOCS));
  }
  record.operationId = op.operationId!;
  const inspection = inspect(inc, parsed, op, path, query, env, record);
  const fault = env.faults.next(op.operationId!, requestId);
  if (fault) {
    record.fault = fault.name;
    return send(fault.error);
  }
  try {
    return send(answer(inc, op, path, query, env, record, inspection));
  } catch (e) {
    if (e instanceof GitHubError) return send(e);
    throw e;
  }
}

/** Checks an answer against the contract, records it, and turns it into bytes. */
function respond(answer: Answer | GitHubError, op: Operation | undefined, env: PipelineEnv, record: RecordedRequest, requestId: string): Outgoing {
  const a: Answer = answer instanceof GitHubError ? { status: answer.status, body: answer.body, headers: answer.headers } : answer;
  const headers: Record<string, string> = { ...commonHeaders(requestId, record.seq), ...a.headers };
  if (op) headers['x-accepted-github-permissions'] = acceptedPermissions(op.operationId!);
  const bugs = record.fakeBugs;
  if (op && a.status < 400 && !env.contract.declares(op, a.status)) bugs.push(`answered ${a.status}, which ${op.operationId} does not declare`);
  if (op) for (const h of env.contract.declaredHeaders(op, a.status)) if (h === 'location' && !headers.location) bugs.push(`answered ${a.status} without the Location header`);
  let body = Buffer.alloc(0);
  if (a.raw) {
    body = Buffer.from(a.raw.bytes);
    headers['content-type'] = a.raw.contentType;
  } else if (a.body !== undefined) {
    const problems = env.contract.validateAnswer(op, a.status, a.mediaType ?? 'application/json', a.body);
    bugs.push(...problems.map((p) => `answer ${a.status}: ${describeProblem(p).replace(/^body/, p.instancePath || '/')}`));
    body = Buffer.from(JSON.stringify(a.body));
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (bugs.length > 0) {
    console.error(`github-fake: its answer to ${record.method} ${record.path} breaks the contract:\n  ${bugs.join('\n  ')}`);
    const message = `github-fake bug: ${bugs.join('; ')}`;
    record.status = 500;
    return { status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'x-github-fake-bug': 'true' }, body: Buffer.from(JSON.stringify({ message })) };
  }
  record.status = a.status;
  return { status: a.status, headers, body };
}
