/**
 * What every action entry shares: `ActionIO` over @actions/core, and one way to end: a
 * PhasegateError (bad input, a file that cannot be used) is its own message; a GitHub API
 * error names the request and the status; anything else is one line. Never a stack trace,
 * never the token (registered as a secret, so the runner masks it anywhere).
 */
import * as core from '@actions/core';
import { PhasegateError } from '../errors.js';
import type { ActionIO } from '../github/phase-gate.js';
import { redactText, secretForms } from '../io/redact.js';

export function coreIO(): ActionIO {
  return {
    output: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
    annotate: (level, message, at) => {
      const props = { file: at.file, startLine: at.startLine, endLine: at.endLine, title: at.title };
      if (level === 'error') core.error(message, props);
      else if (level === 'warning') core.warning(message, props);
      else core.notice(message, props);
    },
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
  };
}

/** The inputs as @actions/core reads them (INPUT_<NAME>), untrimmed here: the settings trim. */
export const readInput = (name: string): string => core.getInput(name, { trimWhitespace: false });

/**
 * Registers a history store URL's secrets with the runner, which then masks them in every log
 * line: the whole URL and its password in each form it travels in. A `file:` URL is no secret.
 */
export function maskStoreUrl(url: string): void {
  const value = url.trim();
  if (value === '' || value.startsWith('file:')) return;
  core.setSecret(value);
  for (const form of secretForms({ urls: [value] })) core.setSecret(form);
}

/** One line (or a PhasegateError's located lines) for anything that ends the action early. */
export function failureMessage(err: unknown): string {
  if (err instanceof PhasegateError) return err.message;
  const e = err as { status?: number; request?: { method?: string; url?: string }; message?: string };
  if (typeof e?.status === 'number' && e.request) {
    const url = (e.request.url ?? '').replace(/^https?:\/\/[^/]+/, '');
    return redactText(`GitHub API ${e.request.method ?? ''} ${url} answered ${e.status}: ${(e.message ?? '').split('\n')[0]}${e.status >= 500 || e.status === 429 ? ' (after retries); run the job again later' : ''}`);
  }
  return redactText(`unexpected error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
}

/**
 * Runs an action's main; sets the step failed with one message and exit code 2 when it could not
 * run. `permissions` gives the permissions block to print when GitHub refused a call with 403
 * "Resource not accessible by integration" (a permission the workflow did not grant).
 */
export async function runAction(main: () => Promise<number>, permissions?: () => string): Promise<void> {
  try {
    const code = await main();
    if (code !== 0) process.exitCode = code;
  } catch (err) {
    const e = err as { status?: number; message?: string };
    const denied = e?.status === 403 && /not accessible by integration/i.test(e.message ?? '') && permissions;
    core.setFailed(denied ? `${failureMessage(err)}; the token lacks a permission: add to the workflow or job:\n${permissions()}` : failureMessage(err));
    process.exitCode = 2;
  }
}
