/**
 * The small interface phasegate needs from Jenkins, so the client behind it can be swapped
 * (src/jenkins/client.ts implements it over the npm `jenkins` client; tests may fake it).
 * Jobs are named by their full name with `/` between folders: `team/shop/main` is
 * `/job/team/job/shop/job/main/`.
 */

/** A job, as `/job/…/api/json?tree=name,fullName,url` answers. */
export interface JenkinsJob {
  name: string;
  fullName: string;
  url: string;
  /** For a branch job of a multibranch project (`shop/main`), the project's name (`shop`). */
  multibranchProject?: string;
}

/** One entry of a job's build list (`allBuilds[…]`). */
export interface BuildSummary {
  number: number;
  /** True while the build runs (its `result` is then null). */
  building: boolean;
  /** SUCCESS, UNSTABLE, FAILURE, ABORTED, NOT_BUILT; null while building. */
  result: string | null;
  /** Start, milliseconds since the epoch. */
  timestamp: number;
  /** Milliseconds; 0 while building. */
  duration: number;
  url: string;
}

/** A build's JSON (`/job/…/N/api/json`), the fields phasegate reads. */
export interface JenkinsBuild extends BuildSummary {
  /** Actions, among them `hudson.plugins.git.util.BuildData` (commit, branch, remotes). */
  actions?: unknown[];
}

export interface JenkinsApi {
  /** The job; a PhasegateError naming the job when it does not exist. */
  job(job: string): Promise<JenkinsJob>;
  /** The job's last `limit` builds, newest first (`allBuilds`, not `builds`, which stops at 100). */
  builds(job: string, limit: number): Promise<BuildSummary[]>;
  /** One build with its actions; a PhasegateError naming the build when it does not exist. */
  build(job: string, number: number): Promise<JenkinsBuild>;
  /** The build's test report JSON (`/testReport/api/json`), or null when the build has none. */
  testReport(job: string, number: number): Promise<unknown>;
}
