/**
 * What the GitHub fake remembers, as plain records: users, repositories with their commits and
 * files, pull requests, check runs, issue comments, team memberships, artifacts and tokens.
 * `state.ts` fills and queries them; the handlers turn them into GitHub's JSON.
 */

/** A permission level as GitHub's fine-grained permissions name it. */
export type Level = 'read' | 'write' | 'admin';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
}

export interface FakeApp {
  id: number;
  slug: string;
  name: string;
  owner: FakeUser;
}

export interface FakeRepo {
  id: number;
  owner: FakeUser;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  description: string | null;
  /** The repository this one is a fork of. */
  parent?: FakeRepo;
  createdAt: string;
  /** Branch name → commit sha. */
  branches: Map<string, string>;
  /** Commit sha → path → bytes. */
  trees: Map<string, Map<string, Uint8Array>>;
  /** Commits made through `state.commit`, by sha (a history to list). */
  commits: Map<string, FakeCommit>;
  pulls: Map<number, FakePull>;
  /** Issue numbers that are plain issues (pull requests are issues too). */
  issues: Set<number>;
  nextNumber: number;
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
  artifacts: FakeArtifact[];
}

export interface FakeCommit {
  sha: string;
  /** Parent shas, first parent first (none for a root commit). */
  parents: string[];
  message: string;
  author: FakeUser;
  date: string;
}

export type DiffStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FakeFile {
  filename: string;
  status: DiffStatus;
  additions: number;
  deletions: number;
  /** The blob sha after the change (null for a removed file, as GitHub sends). */
  sha: string | null;
  patch?: string;
  previousFilename?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface FakeReview {
  id: number;
  user: FakeUser;
  state: ReviewState;
  body: string;
  commitId: string;
  /** Absent for a pending review, as GitHub leaves it out. */
  submittedAt?: string;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakePull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: FakeUser;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergeCommitSha: string | null;
  head: { repo: FakeRepo; ref: string; sha: string };
  base: { repo: FakeRepo; ref: string; sha: string };
  labels: FakeLabel[];
  files: FakeFile[];
  reviews: FakeReview[];
  /** Further commit shas of the pull request besides its head. */
  commits: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation received, across the create and update calls, in order. */
  annotations: FakeAnnotation[];
  images: Array<{ alt: string; image_url: string; caption?: string }>;
  actions: Array<{ label: string; description: string; identifier: string }>;
  app: FakeApp;
  checkSuiteId: number;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  /** The zip archive the download redirects to. */
  zip: Uint8Array;
  digest: string;
  expired: boolean;
  createdAt: string;
  expiresAt: string;
  headBranch: string;
  headSha: string;
}

export interface TeamMembership {
  role: 'member' | 'maintainer';
  state: 'active' | 'pending';
}

/** The classic repository roles GitHub reports in `permissions` for a user's token. */
export interface RepoRoles {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

export interface FakeToken {
  token: string;
  /** How the token appears in recorded requests. */
  name: string;
  /** Fine-grained permissions, keyed as GitHub's header spells them (`pull_requests`). */
  permissions: Record<string, Level>;
  /** Repositories (`owner/name`) the token reaches; undefined: all. */
  repositories?: string[];
  /** Who acts: comments and reviews are written as this user. */
  actor: FakeUser;
  /** The app a check run created with this token belongs to. */
  app: FakeApp;
  /** Repository roles: present for a user's token, and then reported by repos/get. */
  roles?: RepoRoles;
}
