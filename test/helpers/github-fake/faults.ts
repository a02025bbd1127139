/**
 * Fault injection for the GitHub fake: server errors and rate limits, by operation and by the
 * count of matching requests, so that retry and throttling code meets what GitHub sends.
 *
 * Rate limits as GitHub's "Rate limits for the REST API" describes them: the primary limit
 * answers 403 or 429 with `x-ratelimit-remaining: 0` and `x-ratelimit-reset`; a secondary limit
 * answers 403 or 429 with a message naming it and, usually, `retry-after` (seconds). The
 * messages are the ones GitHub sends (KnpLabs/php-github-api#1070).
 */
import { GitHubError } from './errors.js';

export type Fault =
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'secondary-rate-limit'; status?: 403 | 429; retryAfter?: number }
  | { kind: 'primary-rate-limit'; status?: 403 | 429; resetAfterSeconds?: number };

export interface FaultRule {
  /** Only requests for this operation count; default: every request. */
  operationId?: string;
  /** Which matching requests fail, counted from 1 since the rule was added; default `[1]`. */
  at?: number[];
  /** Shorthand for `at: [1 … times]`. */
  times?: number;
  fault: Fault;
}

interface ActiveRule {
  rule: FaultRule;
  at: Set<number>;
  seen: number;
}

const SERVER_ERROR: Record<500 | 502 | 503, string> = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** The fault rules of one fake. */
export class Faults {
  private readonly rules: ActiveRule[] = [];

  /** Adds a rule; its request count starts now. */
  add(rule: FaultRule): void {
    const at = rule.at ?? Array.from({ length: rule.times ?? 1 }, (_, i) => i + 1);
    this.rules.push({ rule, at: new Set(at), seen: 0 });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0;
  }

  /** The fault this request meets, if any (every matching rule counts the request). */
  next(operationId: string, requestId: string): { name: string; error: GitHubError } | undefined {
    let hit: Fault | undefined;
    for (const r of this.rules) {
      if (r.rule.operationId && r.rule.operationId !== operationId) continue;
      r.seen += 1;
      if (!hit && r.at.has(r.seen)) hit = r.rule.fault;
    }
    return hit && { name: faultName(hit), error: faultAnswer(hit, requestId) };
  }
}

function faultName(f: Fault): string {
  return f.kind === 'server-error' ? `server-error ${f.status}` : `${f.kind} ${f.status ?? 403}`;
}

function faultAnswer(f: Fault, requestId: string): GitHubError {
  const doc = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
  if (f.kind === 'server-error') {
    return new GitHubError(f.status, { message: SERVER_ERROR[f.status], documentation_url: 'https://docs.github.com/rest', status: String(f.status) });
  }
  const status = f.status ?? 403;
  if (f.kind === 'secondary-rate-limit') {
    const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. '
      + `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
    return new GitHubError(status, { message, documentation_url: doc, status: String(status) }, { 'retry-after': String(f.retryAfter ?? 60) });
  }
  // The reset is wall-clock time: clients compute their wait from it and Date.now().
  const reset = Math.ceil(Date.now() / 1000) + (f.resetAfterSeconds ?? 60);
  return new GitHubError(
    status,
    { message: 'API rate limit exceeded for installation ID 1.', documentation_url: doc, status: String(status) },
    { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) },
  );
}
