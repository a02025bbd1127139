/**
 * The small GitHub client every GitHub edge uses (the actions, later the App): only the calls
 * phasegate makes, in phasegate's terms. One adapter over Octokit (src/github/octokit.ts
 * builds the Octokit: @actions/github inside a workflow, @octokit/rest outside, both with the
 * retry and throttling plugins), so tests and edges depend on this interface, not on Octokit.
 */
import type { Octokit } from '@octokit/rest';

export interface Repo {
  owner: string;
  repo: string;
}

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

/** A check run annotation, as the Checks API takes it. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
  raw_details?: string;
}

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'action_required';

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

export interface CheckRunRef {
  id: number;
  externalId: string | null;
  url: string | null;
}

export interface PullRequestInfo {
  number: number;
  author: string;
  labels: string[];
  headSha: string;
  headRef: string;
  headRepo: string | null;
  baseSha: string;
  baseRef: string;
  baseRepo: string;
  state: string;
  /** When it was merged; null while open or when closed unmerged. */
  mergedAt: string | null;
}

export interface CommitRef {
  sha: string;
  /** Parent shas, first parent first. */
  parents: string[];
}

export interface PullFile {
  path: string;
  status: string;
  previousPath?: string;
  /** The unified diff of the file; absent for binary or very large files. */
  patch?: string;
}

export interface Review {
  user: string;
  state: string;
  submittedAt: string | null;
  commitId: string | null;
}

export interface IssueComment {
  id: number;
  body: string;
  user: string;
  url: string;
}

export interface Artifact {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
}

export interface GitHubClient {
  checkRunsForRef(repo: Repo, ref: string, name: string): Promise<CheckRunRef[]>;
  createCheckRun(repo: Repo, run: { name: string; headSha: string; externalId: string; detailsUrl?: string; conclusion: CheckConclusion; output: CheckRunOutput }): Promise<CheckRunRef>;
  updateCheckRun(repo: Repo, id: number, patch: { conclusion?: CheckConclusion; output: CheckRunOutput }): Promise<void>;
  issueComments(repo: Repo, issue: number): Promise<IssueComment[]>;
  createIssueComment(repo: Repo, issue: number, body: string): Promise<IssueComment>;
  updateIssueComment(repo: Repo, id: number, body: string): Promise<IssueComment>;
  pull(repo: Repo, number: number): Promise<PullRequestInfo>;
  pullFiles(repo: Repo, number: number): Promise<PullFile[]>;
  pullReviews(repo: Repo, number: number): Promise<Review[]>;
  pullsForCommit(repo: Repo, sha: string): Promise<PullRequestInfo[]>;
  /** The newest `max` commits reachable from `ref` that changed `path`, newest first. */
  commitsTouching(repo: Repo, path: string, ref: string, max: number): Promise<CommitRef[]>;
  /** The text of a file at a ref, or null when it is not there. */
  fileAt(repo: Repo, path: string, ref: string): Promise<string | null>;
  /** Whether `user` is an active member of `org`'s team `team`. */
  isTeamMember(org: string, team: string, user: string): Promise<boolean>;
  runArtifacts(repo: Repo, runId: number): Promise<Artifact[]>;
  /** The zip of an artifact. */
  downloadArtifact(repo: Repo, id: number): Promise<Uint8Array>;
}

const PER_PAGE = 100;

/** The fields of a pull request that both the get and the list endpoints return. */
interface PullLike {
  number: number;
  state: string;
  user: { login: string } | null;
  labels: Array<string | { name?: string }>;
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { sha: string; ref: string; repo: { full_name: string } };
  merged_at: string | null;
}
function pullInfo(p: PullLike): PullRequestInfo {
  return {
    number: p.number,
    author: p.user?.login ?? '',
    labels: p.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    headSha: p.head.sha,
    headRef: p.head.ref,
    headRepo: p.head.repo?.full_name ?? null,
    baseSha: p.base.sha,
    baseRef: p.base.ref,
    baseRepo: p.base.repo.full_name,
    state: p.state,
    mergedAt: p.merged_at,
  };
}

const status = (err: unknown): number | undefined => (err as { status?: number } | null)?.status;

/** The client over an Octokit that has the REST endpoint methods and pagination. */
export function octokitClient(octokit: Octokit): GitHubClient {
  const rest = octokit.rest;
  return {
    async checkRunsForRef(repo, ref, name) {
      const runs = await octokit.paginate(rest.checks.listForRef, { ...repo, ref, check_name: name, filter: 'all', per_page: PER_PAGE });
      return runs.map((r) => ({ id: r.id, externalId: r.external_id ?? null, url: r.html_url ?? null }));
    },
    async createCheckRun(repo, run) {
      const { data } = await rest.checks.create({
        ...repo,
        name: run.name,
        head_sha: run.headSha,
        external_id: run.externalId,
        ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
        status: 'completed',
        conclusion: run.conclusion,
        output: run.output,
      });
      return { id: data.id, externalId: data.external_id ?? null, url: data.html_url ?? null };
    },
    async updateCheckRun(repo, id, patch) {
      await rest.checks.update({ ...repo, check_run_id: id, ...(patch.conclusion ? { conclusion: patch.conclusion, status: 'completed' as const } : {}), output: patch.output });
    },
    async issueComments(repo, issue) {
      const comments = await octokit.paginate(rest.issues.listComments, { ...repo, issue_number: issue, per_page: PER_PAGE });
      return comments.map((c) => ({ id: c.id, body: c.body ?? '', user: c.user?.login ?? '', url: c.html_url }));
    },
    async createIssueComment(repo, issue, body) {
      const { data } = await rest.issues.createComment({ ...repo, issue_number: issue, body });
      return { id: data.id, body: data.body ?? '', user: data.user?.login ?? '', url: data.html_url };
    },
    async updateIssueComment(repo, id, body) {
      const { data } = await rest.issues.updateComment({ ...repo, comment_id: id, body });
      return { id: data.id, body: data.body ?? '', user: data.user?.login ?? '', url: data.html_url };
    },
    async pull(repo, number) {
      return pullInfo((await rest.pulls.get({ ...repo, pull_number: number })).data);
    },
    async pullFiles(repo, number) {
      const files = await octokit.paginate(rest.pulls.listFiles, { ...repo, pull_number: number, per_page: PER_PAGE });
      return files.map((f) => ({ path: f.filename, status: f.status, ...(f.previous_filename ? { previousPath: f.previous_filename } : {}), ...(f.patch !== undefined ? { patch: f.patch } : {}) }));
    },
    async pullReviews(repo, number) {
      const reviews = await octokit.paginate(rest.pulls.listReviews, { ...repo, pull_number: number, per_page: PER_PAGE });
      return reviews.map((r) => ({ user: r.user?.login ?? '', state: r.state, submittedAt: r.submitted_at ?? null, commitId: r.commit_id ?? null }));
    },
    async pullsForCommit(repo, sha) {
      const pulls = await octokit.paginate(rest.repos.listPullRequestsAssociatedWithCommit, { ...repo, commit_sha: sha, per_page: PER_PAGE });
      return pulls.map(pullInfo);
    },
    async commitsTouching(repo, path, ref, max) {
      const found: CommitRef[] = [];
      try {
        for await (const { data } of octokit.paginate.iterator(rest.repos.listCommits, { ...repo, sha: ref, path, per_page: Math.min(PER_PAGE, max) })) {
          for (const c of data) if (found.length < max) found.push({ sha: c.sha, parents: c.parents.map((p) => p.sha) });
          if (found.length >= max) break;
        }
      } catch (err) {
        // 404: no such ref; 409: an empty repository. Either way, no history.
        if (status(err) === 404 || status(err) === 409) return [];
        throw err;
      }
      return found;
    },
    async fileAt(repo, path, ref) {
      try {
        const { data } = await rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (err) {
        if (status(err) === 404) return null;
        throw err;
      }
    },
    async isTeamMember(org, team, user) {
      try {
        const { data } = await rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username: user });
        return data.state === 'active';
      } catch (err) {
        if (status(err) === 404) return false;
        throw err;
      }
    },
    async runArtifacts(repo, runId) {
      const artifacts = await octokit.paginate(rest.actions.listWorkflowRunArtifacts, { ...repo, run_id: runId, per_page: PER_PAGE });
      return artifacts.map((a) => ({ id: a.id, name: a.name, sizeInBytes: a.size_in_bytes, expired: a.expired }));
    },
    async downloadArtifact(repo, id) {
      const { data } = await rest.actions.downloadArtifact({ ...repo, artifact_id: id, archive_format: 'zip' });
      return new Uint8Array(data as ArrayBuffer);
    },
  };
}
