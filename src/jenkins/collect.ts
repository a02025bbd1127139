/**
 * `collect --jenkins-build URL`: one Jenkins build's test report as a test source of the
 * evidence bundle, read by the same reader as `jenkins import` (src/jenkins/test-report.ts).
 */
import { PhasegateError } from '../errors.js';
import type { TestSource } from '../evidence/index.js';
import { createRedactor } from '../io/redact.js';
import type { JenkinsApi } from './api.js';
import { DEFAULT_TIMEOUT_S, NodeJenkinsApi, jenkinsConnection } from './client.js';
import { readJenkinsTestReport } from './test-report.js';

/** A build URL taken apart: Jenkins' root, the job's full name, the build number. */
export interface BuildLocation {
  root: string;
  job: string;
  number: number;
}

const EXAMPLE = 'https://ci.example.com/job/folder/job/app/42/';

/** Parses `http(s)://host[/prefix]/job/A[/job/B…]/N[/]`; throws a PhasegateError otherwise. */
export function parseBuildUrl(url: string, option = '--jenkins-build'): BuildLocation {
  const shown = JSON.stringify(createRedactor({ urls: [url] })(url));
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PhasegateError({ message: `${option} ${shown} is not a URL; give a build's URL, e.g. ${EXAMPLE}` });
  }
  const m = /^(.*?)((?:\/job\/[^/]+)+)\/(\d+)\/?$/.exec(u.pathname);
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !m) {
    throw new PhasegateError({ message: `${option} ${shown} is not a Jenkins build URL; give one like ${EXAMPLE} (the job's URL and the build number)` });
  }
  const job = m[2]!
    .split('/job/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s))
    .join('/');
  const root = new URL(u);
  root.pathname = m[1] || '/';
  root.search = '';
  root.hash = '';
  root.username = ''; // credentials travel in the Authorization header, never in a URL that is shown
  root.password = '';
  return { root: root.toString().replace(/\/+$/, ''), job, number: Number(m[3]) };
}

/**
 * Fetches the build's test report and returns it as a test source, or undefined when the
 * build has none and `allowEmpty` is set. A running build, or one without test results
 * (unless `allowEmpty`), is a PhasegateError.
 */
export async function jenkinsBuildSource(url: string, opts: { allowEmpty?: boolean; timeoutS?: number; env?: NodeJS.ProcessEnv; api?: JenkinsApi } = {}): Promise<TestSource | undefined> {
  const where = parseBuildUrl(url);
  const conn = jenkinsConnection(url, opts.env ?? process.env, opts.timeoutS ?? DEFAULT_TIMEOUT_S, '--jenkins-build');
  const api = opts.api ?? (await NodeJenkinsApi.create({ ...conn, baseUrl: where.root }));
  const build = await api.build(where.job, where.number);
  const name = `build #${where.number} of job ${JSON.stringify(where.job)}`;
  if (build.building) throw new PhasegateError({ message: `build #${where.number} is still running; collect after it finishes (${name})` });
  const report = await api.testReport(where.job, where.number);
  if (report === null || report === undefined) {
    if (opts.allowEmpty) return undefined;
    throw new PhasegateError({ message: `${name} has no test results: the job published no JUnit results (does it use the junit step?); pass --allow-empty to collect without them` });
  }
  const shown = `${where.root}/job/${where.job.split('/').map(encodeURIComponent).join('/job/')}/${where.number}/`;
  return { shown, format: 'jenkins-test-report', read: (emit) => void readJenkinsTestReport(report, shown, emit) };
}
