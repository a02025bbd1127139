/** What tests hand the GitHub fake's state to build its world (see state.ts). */
import type { DiffStatus, Level, RepoRoles, ReviewState } from './model.js';

export interface RepoSeed {
  owner: string;
  /** Default: an organization, unless the login is already known as a user. */
  ownerType?: 'User' | 'Organization';
  name: string;
  defaultBranch?: string;
  private?: boolean;
  description?: string | null;
  /** `owner/name` of the repository this one forks. */
  forkOf?: string;
}

export interface FileSeed {
  filename: string;
  status?: DiffStatus;
  patch?: string;
  /** Counted from the patch's `+`/`-` lines when left out. */
  additions?: number;
  deletions?: number;
  previousFilename?: string;
}

export interface ReviewSeed {
  user: string;
  state: ReviewState;
  body?: string;
  /** Defaults to the pull request's head sha. */
  commitId?: string;
  /** Defaults to the fake's clock; never set for PENDING. */
  submittedAt?: string;
}

export interface PullSeed {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  state?: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  mergeCommitSha?: string;
  labels?: string[];
  /** `repo` (`owner/name`) defaults to the base repository; a fork's name makes a fork PR. */
  head: { ref: string; sha: string; repo?: string };
  base?: { ref?: string; sha?: string };
  files?: FileSeed[];
  reviews?: ReviewSeed[];
  commits?: string[];
}

export interface TokenSeed {
  token: string;
  name?: string;
  /** Fine-grained permissions; `pull-requests` (workflow spelling) and `pull_requests` both work. */
  permissions: Record<string, Level | 'none'>;
  repositories?: string[];
  /** Login of the acting user; default `github-actions[bot]`. */
  actor?: string;
  /** Repository roles of a user's token (repos/get reports them as `permissions`). */
  roles?: RepoRoles;
}

export interface ArtifactSeed {
  runId: number;
  name: string;
  /** Files inside the zip. */
  files: Record<string, string | Uint8Array>;
  expired?: boolean;
  headBranch?: string;
  headSha?: string;
}
