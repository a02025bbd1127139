/**
 * `phasegate jenkins import`: a Jenkins job's last completed builds into the history store
 * (src/jenkins/import.ts), with a progress line on a terminal and a closing summary line.
 */
import { PhasegateError } from '../../errors.js';
import { importJenkinsBuilds, type ImportSummary } from '../../jenkins/import.js';
import { DEFAULT_TIMEOUT_S, NodeJenkinsApi, jenkinsConnection } from '../../jenkins/client.js';
import { openStore } from '../../store/open.js';
import { progressLine } from '../progress.js';
import { DEFAULT_STORE } from '../options.js';

export interface JenkinsImportOptions {
  url: string;
  job: string;
  builds?: number;
  store?: string;
  project?: string;
  timeout?: number;
  gitRemote?: string;
}

/** The most builds one import reads (Jenkins keeps fewer for most jobs). */
export const MAX_BUILDS = 100_000;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The closing summary line. */
export function summaryLine(s: ImportSummary): string {
  const parts = [`${s.withReport} with a test report`, `${s.withoutReport} without one`];
  if (s.alreadyStored > 0) parts.push(`${plural(s.alreadyStored, 'build')} already in the store`);
  if (s.running.length > 0) parts.push(`${plural(s.running.length, 'build')} still running, skipped (${s.running.map((n) => `#${n}`).join(', ')})`);
  if (s.passesAdded > 0) parts.push(`${plural(s.passesAdded, 'pass', 'passes')} recorded from FIXED/REGRESSION on a repeated commit`);
  return `imported ${s.added} new ${s.added === 1 ? 'build' : 'builds'} of ${JSON.stringify(s.pipeline)} into project ${JSON.stringify(s.project)}: ${parts.join('; ')}\n`;
}

export async function jenkinsImportCommand(opts: JenkinsImportOptions): Promise<number> {
  const builds = opts.builds ?? 100;
  if (!Number.isInteger(builds) || builds < 1 || builds > MAX_BUILDS) throw new PhasegateError({ message: `--builds must be a whole number from 1 to ${MAX_BUILDS}, not ${builds}` });
  const job = opts.job.split('/').filter(Boolean).join('/');
  if (job === '') throw new PhasegateError({ message: '--job names no job; give the job\'s full name, e.g. shop or folder/job (run with --help for usage)' });
  const conn = jenkinsConnection(opts.url, process.env, opts.timeout ?? DEFAULT_TIMEOUT_S);
  const api = await NodeJenkinsApi.create(conn);
  const store = await openStore(opts.store ?? DEFAULT_STORE, { cwd: process.cwd() });
  const progress = progressLine(process.stderr);
  try {
    const summary = await importJenkinsBuilds({
      api,
      store,
      job,
      builds,
      project: opts.project,
      gitRemote: opts.gitRemote,
      onProgress: (done, total, n) => progress.update(`importing ${job}: ${done}/${total} builds (#${n})`),
      onWarning: (n, message) => {
        progress.done();
        process.stderr.write(`warning: ${job} #${n}: ${message}\n`);
      },
    });
    progress.done();
    process.stdout.write(summaryLine(summary));
    return 0;
  } finally {
    progress.done();
    await store.close();
  }
}
