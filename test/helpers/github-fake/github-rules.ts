/**
 * What GitHub refuses although its schema lets it through (or lets it through only loosely),
 * checked after the schema, as GitHub checks its models after the request schema:
 *
 * - checks/create and checks/update: at most 50 annotations a request ("The Checks API limits
 *   the number of annotations to a maximum of 50 per API request", the operation's description;
 *   the schema says `maxItems: 50` too, so the schema check normally answers first).
 * - check run `output.summary` and `output.text`: at most 65535 characters (the schema's
 *   `maxLength`, answered "Only 65535 characters are allowed; N were supplied") AND at most 65535
 *   bytes of UTF-8: GitHub answers "summary exceeds a maximum bytesize of 65535" for a summary of
 *   fewer characters but more bytes (github/docs#35252, dorny/test-reporter#57). So a client
 *   must count bytes.
 * - a check run with `status: completed` or a `completed_at` needs a `conclusion` ("Required if
 *   you provide completed_at or a status of completed"), and a client may not set `stale`
 *   ("only GitHub can set this"); the wording of these two answers is the fake's.
 * - issue comment `body`: at most 65536 characters: 422 "Body is too long (maximum is 65536
 *   characters)" (release-please#1034, jmikedupont2/ai-ticket#51). Counted in Unicode code
 *   points, as GitHub's Ruby counts characters.
 */
import { invalidRequest, validationFailed, type GitHubError } from './errors.js';

type Body = Record<string, unknown>;

const MAX_ANNOTATIONS = 50;
const MAX_OUTPUT_BYTES = 65535;
const MAX_COMMENT_CHARS = 65536;

function checkRunRules(body: Body, doc: string): GitHubError[] {
  const out: GitHubError[] = [];
  const output = (body.output ?? {}) as Body;
  const annotations = output.annotations;
  if (Array.isArray(annotations) && annotations.length > MAX_ANNOTATIONS) {
    out.push(invalidRequest(doc, [`For 'output/annotations', no more than ${MAX_ANNOTATIONS} items are allowed; ${annotations.length} were supplied.`]));
  }
  for (const field of ['summary', 'text'] as const) {
    const v = output[field];
    if (typeof v === 'string' && Buffer.byteLength(v, 'utf8') > MAX_OUTPUT_BYTES) {
      out.push(validationFailed(doc, [{ resource: 'CheckRun', code: 'custom', field, message: `${field} exceeds a maximum bytesize of ${MAX_OUTPUT_BYTES}` }]));
    }
  }
  if ((body.status === 'completed' || body.completed_at !== undefined) && body.conclusion === undefined) {
    out.push(invalidRequest(doc, ['"conclusion" wasn\'t supplied.']));
  }
  if (body.conclusion === 'stale') out.push(invalidRequest(doc, ['"stale" is a conclusion only GitHub sets.']));
  return out;
}

function commentRules(body: Body, doc: string): GitHubError[] {
  const text = body.body;
  if (typeof text === 'string' && [...text].length > MAX_COMMENT_CHARS) {
    return [validationFailed(doc, [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${MAX_COMMENT_CHARS} characters)` }])];
  }
  return [];
}

const RULES: Record<string, (body: Body, doc: string) => GitHubError[]> = {
  'checks/create': checkRunRules,
  'checks/update': checkRunRules,
  'issues/create-comment': commentRules,
  'issues/update-comment': commentRules,
};

/** The answers GitHub would refuse this (schema-valid) request with; empty when it passes. */
export function githubRules(operationId: string, body: unknown, doc: string): GitHubError[] {
  const rule = RULES[operationId];
  return rule && body && typeof body === 'object' ? rule(body as Body, doc) : [];
}
