/**
 * The request headers the fake checks beyond the OpenAPI description, and the headers it answers
 * with. GitHub's "Troubleshooting the REST API" page: a request without a User-Agent is refused
 * (403); an unknown `X-GitHub-Api-Version` is a 400. The contract describes API version
 * 2022-11-28 (the description's later versions are patches the cut leaves out), so that version,
 * or none (GitHub then answers as 2022-11-28), is the only one accepted.
 */

export const API_VERSION = '2022-11-28';

/** What the client asked for in `Accept`: GitHub's media type format (`json`, `raw`, `object`…). */
export interface Accepted {
  format: string;
  problems: string[];
}

// application/vnd.github[.v3][.format][+json], previews (…-preview[+json]), application/json, */*
const GITHUB_MEDIA = /^application\/vnd\.github(?:\.v3)?(?:\.([a-z0-9-]+))?(?:\+json)?$/;

/** The format an Accept header asks for, and what is wrong with it. */
export function parseAccept(accept: string | undefined): Accepted {
  if (!accept) return { format: 'json', problems: [] };
  const problems: string[] = [];
  let format = 'json';
  for (const range of accept.split(',').map((r) => r.split(';')[0]!.trim().toLowerCase()).filter(Boolean)) {
    if (range === 'application/json' || range === '*/*') continue;
    const m = GITHUB_MEDIA.exec(range);
    if (!m) problems.push(`Accept: ${range} is not a GitHub media type`);
    else if (m[1] && !m[1].endsWith('-preview')) format = m[1];
  }
  return { format, problems };
}

/** What is wrong with the User-Agent and X-GitHub-Api-Version headers: [status, message] pairs. */
export function headerProblems(headers: Record<string, string | undefined>): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  if (!headers['user-agent']) out.push([403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header']);
  const version = headers['x-github-api-version'];
  if (version !== undefined && version !== API_VERSION) out.push([400, `API version '${version}' is not the contract's (${API_VERSION})`]);
  return out;
}

/** Headers every answer carries, as api.github.com sends them. */
export function commonHeaders(requestId: string, used: number): Record<string, string> {
  return {
    server: 'github.com',
    'x-github-api-version-selected': API_VERSION,
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId,
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(Math.max(0, 5000 - used)),
    'x-ratelimit-reset': '1717405200',
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': 'core',
    'access-control-expose-headers': 'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
  };
}
