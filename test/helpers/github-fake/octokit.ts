/**
 * The client the GitHub fake's tests (and the actions' tests) point at it: @octokit/rest with
 * the retry and throttling plugins, as the actions use them, made fast for tests: waits are
 * counted in milliseconds where the plugins count seconds (`retryAfterBaseValue: 1`), and the
 * throttling plugin's pacing of writes (1 s apart, 3 s for notifying writes such as comments)
 * is turned off. Retries and rate-limit handling themselves are left as they are.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export const FakeOctokit = Octokit.plugin(retry, throttling);
export type FakeOctokitClient = InstanceType<typeof FakeOctokit>;

type Group = NonNullable<Extract<ThrottlingOptions, { onRateLimit: unknown }>['write']>;

/** A stand-in for a Bottleneck group that runs each job at once (the plugin only schedules through it). */
const unpaced = {
  key: () => ({ schedule: <T>(_options: unknown, job: (...a: unknown[]) => Promise<T>, ...args: unknown[]) => job(...args) }),
} as unknown as Group;

export interface FakeOctokitOptions {
  /** Called on a secondary rate limit; return true to retry. Default: retry twice. */
  onSecondaryRateLimit?: (retryAfter: number, retryCount: number) => boolean;
  /** Called on the primary rate limit; return true to retry. Default: retry once. */
  onRateLimit?: (retryAfter: number, retryCount: number) => boolean;
  /** Retries of the retry plugin (5xx and other retryable errors); its default is 3. */
  retries?: number;
}

/** An Octokit for the fake at `baseUrl`, authenticated with `token`. */
export function fakeOctokit(baseUrl: string, token: string, opts: FakeOctokitOptions = {}): FakeOctokitClient {
  return new FakeOctokit({
    baseUrl,
    auth: token,
    userAgent: 'phasegate-tests',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retryAfterBaseValue: 1, ...(opts.retries !== undefined ? { retries: opts.retries } : {}) },
    throttle: {
      retryAfterBaseValue: 1,
      write: unpaced,
      notifications: unpaced,
      search: unpaced,
      onSecondaryRateLimit: (after, _o, _k, count) => (opts.onSecondaryRateLimit ?? ((_a, c) => c < 2))(after, count),
      onRateLimit: (after, _o, _k, count) => (opts.onRateLimit ?? ((_a, c) => c < 1))(after, count),
    },
  });
}
