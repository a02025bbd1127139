/**
 * GitHub's error answers, as the fake sends them: `{message, documentation_url, status}` (status
 * a string, as GitHub sends it since 2023), "Validation Failed" with `errors`, and "Invalid
 * request." for a body its JSON schema refuses. The wording of the invalid-request messages
 * follows answers GitHub gave ("\"x\" is not a permitted key", "\"x\" wasn't supplied", "Only
 * 65535 characters are allowed; N were supplied", "For 'links/0/schema', nil is not an object":
 * emilyriederer/projmgr#43, siddharthkp/bundlesize2#7, zyborg/dotnet-tests-report#9,
 * jekyll/Utterson#29); the enum and maxItems messages are the fake's words.
 */
import type { Problem } from './contract.js';

/** An answer a handler or a check stops with. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

export function basicError(status: number, message: string, documentationUrl: string): GitHubError {
  return new GitHubError(status, { message, documentation_url: documentationUrl, status: String(status) });
}

export const notFound = (doc: string): GitHubError => basicError(404, 'Not Found', doc);

export interface FieldError {
  resource: string;
  code: string;
  field: string;
  message?: string;
}

/** 422 "Validation Failed" with its `errors`. */
export function validationFailed(doc: string, errors: FieldError[]): GitHubError {
  return new GitHubError(422, { message: 'Validation Failed', errors, documentation_url: doc, status: '422' });
}

/** The value at a JSON pointer ('/output/summary') in `doc`. */
function at(doc: unknown, ptr: string): unknown {
  return ptr.split('/').slice(1).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
}

/** One ajv problem in GitHub's words (body problems as GitHub words them; parameters say where). */
export function problemText(p: Problem, body?: unknown): string {
  const ptr = p.instancePath.replace(/^\/requestBody/, '');
  const where = ptr.replace(/^\//, '');
  const value = (p.params ?? {}) as Record<string, unknown>;
  if (!p.instancePath.startsWith('/requestBody')) return `${where}: ${p.message ?? p.keyword}`;
  const supplied = JSON.stringify(at(body, ptr)) ?? 'nothing';
  switch (p.keyword) {
    case 'additionalProperties': return `"${String(value.additionalProperty)}" is not a permitted key.`;
    case 'required': return `"${String(value.missingProperty)}" wasn't supplied.`;
    case 'maxLength': return `Only ${String(value.limit)} characters are allowed; ${[...String(at(body, ptr))].length} were supplied.`;
    case 'type': return `For '${where}', ${supplied} is not ${/^[aeiou]/.test(String(value.type)) ? 'an' : 'a'} ${String(value.type)}.`;
    case 'maxItems': return `For '${where}', no more than ${String(value.limit)} items are allowed; ${(at(body, ptr) as unknown[]).length} were supplied.`;
    case 'enum': return `For '${where}', ${supplied} is not one of ${JSON.stringify(value.allowedValues)}.`;
    default: return `For '${where}', ${p.message ?? p.keyword}.`;
  }
}

/** 422 "Invalid request." listing what the schema refused, as GitHub's schema check answers. */
export function invalidRequest(doc: string, problems: string[]): GitHubError {
  return new GitHubError(422, { message: `Invalid request.\n\n${problems.join('\n')}`, documentation_url: doc, status: '422' });
}
