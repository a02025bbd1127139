/**
 * What the history actions (collect-metrics, health-report) share: the verdict files of a
 * run's gates, and how a store is named where people read it (never a PostgreSQL URL, which
 * holds a password).
 */
import path from 'node:path';
import { readVerdictFile } from '../cli/verdict-input.js';
import { PhasegateError } from '../errors.js';
import type { Verdict } from '../gate/types.js';
import type { RunContext } from './event.js';

/** Verdict files (phase-gate's `verdict-file` output), relative to `cwd`; one per phase. */
export function readVerdicts(files: readonly string[], cwd: string, input: string): Verdict[] {
  const verdicts = files.map((f) => readVerdictFile(path.resolve(cwd, f)));
  const phases = verdicts.map((v) => v.phase);
  const twice = phases.find((p, i) => phases.indexOf(p) !== i);
  if (twice) throw new PhasegateError({ message: `input "${input}": two verdicts of the ${twice} phase; give one per phase` });
  return verdicts;
}

/** A store as a summary or a log line names it: a file store by its URL, any other by its kind only. */
export function storeLabel(url: string): string {
  if (url.startsWith('file:')) return url;
  return /^postgres(ql)?:/i.test(url) ? 'the PostgreSQL store' : 'the store';
}

/** The run's identity in the history when the inputs leave it out: the workflow's name, and GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT. */
export function defaultRun(ctx: RunContext): { pipeline: string; build: string } {
  return { pipeline: ctx.workflow, build: ctx.runId ? `${ctx.runId}-${ctx.runAttempt}` : '' };
}
