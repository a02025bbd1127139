/**
 * The Octokit behind the GitHub client, with @octokit/plugin-retry (5xx: 3 retries with
 * backoff) and @octokit/plugin-throttling (primary and secondary rate limits: waits as GitHub
 * says, twice at most, then the error stands; content-creating requests spaced as GitHub asks).
 * Inside a workflow it comes from @actions/github's getOctokit (GITHUB_API_URL, the runner's
 * proxy settings); outside, from @octokit/rest with the same plugins and an explicit base URL.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Octokit } from '@octokit/rest';

/** How often a rate-limited request is tried again before its error stands. */
export const RATE_LIMIT_RETRIES = 2;

export interface OctokitSettings {
  /** Says why a request waits (a rate limit) or failed for good; never given the token. */
  log: (message: string) => void;
  /**
   * Spacing of content-creating requests (GitHub: "wait at least one second between each
   * request"), and the base of the retry backoff, in milliseconds. Default 1000; env
   * PHASEGATE_GITHUB_PACE_MS lowers it for a test server or a GitHub Enterprise Server with
   * its own limits.
   */
  paceMs?: number;
}

/** The pace from the environment, else GitHub's one second. */
export function paceFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.PHASEGATE_GITHUB_PACE_MS?.trim();
  const v = raw ? Number(raw) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : 1000;
}

type Limited = (retryAfter: number, options: { method: string; url: string }, octokit: unknown, retryCount: number) => boolean;

/** The plugin options both builders pass. */
export async function pluginOptions(s: OctokitSettings): Promise<Record<string, unknown>> {
  const pace = s.paceMs ?? 1000;
  const onLimit = (kind: string): Limited => (retryAfter, options, _octokit, retryCount) => {
    const again = retryCount < RATE_LIMIT_RETRIES;
    s.log(`GitHub ${kind} rate limit on ${options.method} ${options.url}${again ? `: waiting ${retryAfter} s, then trying again` : ': giving up'}`);
    return again;
  };
  const throttle: Record<string, unknown> = { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), retryAfterBaseValue: pace };
  if (pace !== 1000) {
    // The plugin's limiters space writes 1 s and notifying writes (comments) 3 s apart.
    // The light build, as the plugin itself uses: one copy in a bundle.
    const { default: Bottleneck } = await import('bottleneck/light.js');
    throttle.write = new Bottleneck.Group({ maxConcurrent: 1, minTime: pace });
    throttle.notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: pace * 3 });
  }
  // 429 is left to the throttling plugin, which honours retry-after (the retry plugin would
  // retry it on its own schedule, ignoring it, and the throttling handlers would never run).
  return { throttle, retry: { retryAfterBaseValue: pace, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] } };
}

/** Octokit inside a GitHub Actions job (reads GITHUB_API_URL as @actions/github does). */
export async function actionsOctokit(token: string, s: OctokitSettings): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token, await pluginOptions(s), retry, throttling) as unknown as Octokit;
}

/** Octokit anywhere else (a GitHub App, a script), against `baseUrl` (https://api.github.com or a GHES /api/v3). */
export async function restOctokit(token: string, baseUrl: string, s: OctokitSettings): Promise<Octokit> {
  const { Octokit: Rest } = await import('@octokit/rest');
  const Plugged = Rest.plugin(retry, throttling);
  return new Plugged({ auth: token, baseUrl, userAgent: 'phasegate', ...(await pluginOptions(s)) }) as unknown as Octokit;
}
