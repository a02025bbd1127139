/**
 * The GitHub fake's in-memory world and the seeding API tests use to build it: repositories
 * (with forks, branches and files per ref), pull requests (files, reviews, labels), team
 * memberships, artifacts (zipped with fflate) and tokens. Check runs and comments arrive through
 * the API and are read back here for assertions.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { blobSha, Clock, fakeCommitSha, Ids } from './ids.js';
import type {
  FakeApp, FakeArtifact, FakeCheckRun, FakeComment, FakeFile, FakePull, FakeRepo, FakeToken, FakeUser, Level, TeamMembership,
} from './model.js';
import type { ArtifactSeed, FileSeed, PullSeed, RepoSeed, ReviewSeed, TokenSeed } from './seeds.js';

export type { ArtifactSeed, FileSeed, PullSeed, RepoSeed, ReviewSeed, TokenSeed } from './seeds.js';

const LABEL_COLORS = ['d73a4a', '0075ca', 'a2eeef', '7057ff', '008672', 'e4e669'];

function countPatch(patch: string | undefined, sign: '+' | '-'): number {
  return (patch ?? '').split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign}`)).length;
}

function bytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

export class GitHubState {
  readonly ids = new Ids();
  readonly clock: Clock;
  readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, FakeRepo>();
  readonly tokens = new Map<string, FakeToken>();
  /** org → team slug → the team's id and its members by login. */
  readonly teams = new Map<string, Map<string, { id: number; members: Map<string, TeamMembership> }>>();
  /** The GitHub Actions app, the default author of check runs. */
  readonly actionsApp: FakeApp;
  private readonly suites = new Map<string, number>();

  constructor(start?: string) {
    this.clock = new Clock(start);
    const github = this.user('github', 'Organization');
    // GitHub Actions' real app id and bot user id, as check runs and comments of GITHUB_TOKEN show them.
    this.actionsApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions', owner: github };
    this.users.set('github-actions[bot]', { login: 'github-actions[bot]', id: 41898282, type: 'Bot', name: null });
  }

  /** The user with `login`, created on first mention. */
  user(login: string, type?: FakeUser['type']): FakeUser {
    let u = this.users.get(login.toLowerCase());
    if (!u) {
      u = { login, id: this.ids.take('user'), type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'), name: null };
      this.users.set(login.toLowerCase(), u);
    }
    return u;
  }

  /** Adds a repository (its owner is created as an organization unless already known). */
  addRepo(seed: RepoSeed): FakeRepo {
    const fullName = `${seed.owner}/${seed.name}`;
    if (this.repos.has(fullName.toLowerCase())) throw new Error(`${fullName} exists`);
    const parent = seed.forkOf ? this.repo(seed.forkOf) : undefined;
    if (seed.forkOf && !parent) throw new Error(`${seed.forkOf}: fork of an unknown repository`);
    const defaultBranch = seed.defaultBranch ?? parent?.defaultBranch ?? 'main';
    const repo: FakeRepo = {
      id: this.ids.take('repo'), owner: this.user(seed.owner, seed.ownerType ?? 'Organization'),
      name: seed.name, fullName, defaultBranch, private: seed.private ?? parent?.private ?? false,
      description: seed.description ?? null, parent, createdAt: this.clock.tick(),
      branches: new Map([[defaultBranch, fakeCommitSha(`${fullName}@${defaultBranch}`)]]),
      trees: new Map(), commits: new Map(), pulls: new Map(), issues: new Set(), nextNumber: 1, comments: [], checkRuns: [], artifacts: [],
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  /** The repository `owner/name` (names are not case sensitive), or undefined. */
  repo(fullName: string): FakeRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  repoById(id: number): FakeRepo | undefined {
    return [...this.repos.values()].find((r) => r.id === id);
  }

  private mustRepo(fullName: string): FakeRepo {
    const repo = this.repo(fullName);
    if (!repo) throw new Error(`unknown repository ${fullName}`);
    return repo;
  }

  /** Points a branch at a commit. */
  setBranch(fullName: string, branch: string, sha: string): void {
    this.mustRepo(fullName).branches.set(branch, sha);
  }

  /** The commit sha a ref names: a branch name or a sha (a sha the fake knows no files of, too). */
  resolveRef(repo: FakeRepo, ref: string): string {
    return repo.branches.get(ref) ?? ref;
  }

  /** Sets files at a ref (a branch, created if new, or a commit sha). */
  setFiles(fullName: string, ref: string, files: Record<string, string | Uint8Array>): void {
    const repo = this.mustRepo(fullName);
    if (!repo.branches.has(ref) && !/^[0-9a-f]{40}$/.test(ref)) repo.branches.set(ref, fakeCommitSha(`${fullName}@${ref}`));
    const sha = this.resolveRef(repo, ref);
    const tree = repo.trees.get(sha) ?? new Map<string, Uint8Array>();
    for (const [p, content] of Object.entries(files)) tree.set(p.replace(/^\/+/, ''), bytes(content));
    repo.trees.set(sha, tree);
  }

  /**
   * Commits `files` (null deletes a path) on top of `branch` (default: the default branch) and
   * moves the branch to the new commit, whose tree is its parent's with the changes. Answers its
   * sha, for pull requests (`mergeCommitSha`) and refs.
   */
  commit(fullName: string, files: Record<string, string | Uint8Array | null>, opts: { branch?: string; message?: string; author?: string } = {}): string {
    const repo = this.mustRepo(fullName);
    const branch = opts.branch ?? repo.defaultBranch;
    const parent = repo.branches.get(branch);
    const date = this.clock.tick();
    const sha = fakeCommitSha(`${fullName}@${branch}#${repo.commits.size}:${date}:${opts.message ?? ''}`);
    const tree = new Map(parent ? repo.trees.get(parent) : undefined);
    for (const [p, content] of Object.entries(files)) {
      const at = p.replace(/^\/+/, '');
      if (content === null) tree.delete(at);
      else tree.set(at, bytes(content));
    }
    repo.trees.set(sha, tree);
    repo.commits.set(sha, { sha, parents: parent && (repo.commits.has(parent) || repo.trees.has(parent)) ? [parent] : [], message: opts.message ?? `Change ${Object.keys(files).join(', ')}`, author: this.user(opts.author ?? 'octocat'), date });
    repo.branches.set(branch, sha);
    return sha;
  }

  /** Adds a pull request to `fullName` (the base repository). */
  addPull(fullName: string, seed: PullSeed): FakePull {
    const repo = this.mustRepo(fullName);
    const number = seed.number ?? repo.nextNumber;
    if (repo.pulls.has(number) || repo.issues.has(number)) throw new Error(`${fullName}#${number} exists`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const headRepo = seed.head.repo ? this.mustRepo(seed.head.repo) : repo;
    const baseRef = seed.base?.ref ?? repo.defaultBranch;
    const createdAt = this.clock.tick();
    const merged = seed.merged ?? false;
    const pull: FakePull = {
      id: this.ids.take('pull'), number, title: seed.title ?? `Pull request ${number}`, body: seed.body ?? null,
      user: this.user(seed.user ?? headRepo.owner.login), state: seed.state ?? (merged ? 'closed' : 'open'),
      draft: seed.draft ?? false, merged, mergeCommitSha: seed.mergeCommitSha ?? null,
      head: { repo: headRepo, ref: seed.head.ref, sha: seed.head.sha },
      base: { repo, ref: baseRef, sha: seed.base?.sha ?? this.resolveRef(repo, baseRef) },
      labels: (seed.labels ?? []).map((name, i) => ({ id: this.ids.take('label'), name, color: LABEL_COLORS[i % LABEL_COLORS.length]!, description: null })),
      files: (seed.files ?? []).map((f) => this.file(f)),
      reviews: [], commits: seed.commits ?? [], createdAt, updatedAt: createdAt,
      closedAt: merged || seed.state === 'closed' ? createdAt : null, mergedAt: merged ? createdAt : null,
    };
    repo.pulls.set(number, pull);
    for (const r of seed.reviews ?? []) this.addReview(fullName, number, r);
    return pull;
  }

  private file(f: FileSeed): FakeFile {
    const status = f.status ?? 'modified';
    return {
      filename: f.filename, status, patch: f.patch, previousFilename: f.previousFilename,
      additions: f.additions ?? countPatch(f.patch, '+'), deletions: f.deletions ?? countPatch(f.patch, '-'),
      sha: status === 'removed' ? null : blobSha(bytes(`${f.filename}\n${f.patch ?? ''}`)),
    };
  }

  /** Adds a review to a pull request, in chronological order. */
  addReview(fullName: string, number: number, seed: ReviewSeed): void {
    const pull = this.mustRepo(fullName).pulls.get(number);
    if (!pull) throw new Error(`unknown pull request ${fullName}#${number}`);
    pull.reviews.push({
      id: this.ids.take('review'), user: this.user(seed.user), state: seed.state, body: seed.body ?? '',
      commitId: seed.commitId ?? pull.head.sha,
      submittedAt: seed.state === 'PENDING' ? undefined : (seed.submittedAt ?? this.clock.tick()),
    });
  }

  /** Adds a plain issue number (comments can be written on it). */
  addIssue(fullName: string, number?: number): number {
    const repo = this.mustRepo(fullName);
    const n = number ?? repo.nextNumber;
    repo.issues.add(n);
    repo.nextNumber = Math.max(repo.nextNumber, n + 1);
    return n;
  }

  /** Adds a comment to an issue or pull request, as if written earlier (by `user`, default the Actions bot). */
  addComment(fullName: string, issueNumber: number, body: string, user = 'github-actions[bot]'): FakeComment {
    const repo = this.mustRepo(fullName);
    if (!repo.pulls.has(issueNumber) && !repo.issues.has(issueNumber)) throw new Error(`unknown issue ${fullName}#${issueNumber}`);
    const at = this.clock.tick();
    const comment: FakeComment = { id: this.ids.take('comment'), issueNumber, body, user: this.user(user), createdAt: at, updatedAt: at };
    repo.comments.push(comment);
    return comment;
  }

  /** Puts `login` on a team of `org`. */
  addTeamMember(org: string, team: string, login: string, membership: Partial<TeamMembership> = {}): void {
    this.user(org, 'Organization');
    this.user(login);
    const teams = this.teams.get(org.toLowerCase()) ?? new Map<string, { id: number; members: Map<string, TeamMembership> }>();
    const t = teams.get(team.toLowerCase()) ?? { id: this.ids.take('team'), members: new Map<string, TeamMembership>() };
    t.members.set(login.toLowerCase(), { role: membership.role ?? 'member', state: membership.state ?? 'active' });
    teams.set(team.toLowerCase(), t);
    this.teams.set(org.toLowerCase(), teams);
  }

  /** Adds a workflow-run artifact whose zip holds `files`. */
  addArtifact(fullName: string, seed: ArtifactSeed): FakeArtifact {
    const repo = this.mustRepo(fullName);
    const zip = zipSync(Object.fromEntries(Object.entries(seed.files).map(([n, c]) => [n, bytes(c)])), { mtime: new Date('2024-06-03T09:00:00Z') });
    const createdAt = this.clock.tick();
    const artifact: FakeArtifact = {
      id: this.ids.take('artifact'), runId: seed.runId, name: seed.name, zip,
      digest: `sha256:${createHash('sha256').update(zip).digest('hex')}`, expired: seed.expired ?? false,
      createdAt, expiresAt: this.clock.inDays(90), headBranch: seed.headBranch ?? repo.defaultBranch,
      headSha: seed.headSha ?? this.resolveRef(repo, repo.defaultBranch),
    };
    repo.artifacts.push(artifact);
    return artifact;
  }

  /** Registers a token. */
  addToken(seed: TokenSeed): FakeToken {
    const permissions: Record<string, Level> = { metadata: 'read' }; // every installation token reads metadata
    for (const [k, v] of Object.entries(seed.permissions)) if (v !== 'none') permissions[k.replace(/-/g, '_')] = v;
    const token: FakeToken = {
      token: seed.token, name: seed.name ?? `token-${this.tokens.size + 1}`, permissions,
      repositories: seed.repositories, actor: this.user(seed.actor ?? 'github-actions[bot]'),
      app: this.actionsApp, roles: seed.roles,
    };
    this.tokens.set(seed.token, token);
    return token;
  }

  /** The check suite id of an app's runs on a commit (GitHub groups them so). */
  suiteId(app: FakeApp, headSha: string): number {
    const key = `${app.id}@${headSha}`;
    let id = this.suites.get(key);
    if (id === undefined) this.suites.set(key, (id = this.ids.take('checkSuite')));
    return id;
  }

  /** Every check run of a repository, for assertions. */
  checkRuns(fullName: string): FakeCheckRun[] {
    return this.mustRepo(fullName).checkRuns;
  }

  /** Every issue comment of a repository, for assertions. */
  comments(fullName: string): FakeComment[] {
    return this.mustRepo(fullName).comments;
  }
}
