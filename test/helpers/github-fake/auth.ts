/**
 * Tokens and permissions, as GitHub answers a GitHub App installation token (GITHUB_TOKEN is
 * one): no or an unknown token → 401; a repository the token does not reach → 404; a missing
 * permission → 403 "Resource not accessible by integration" with `x-accepted-github-permissions`.
 *
 * The permission sets per operation come from GitHub's "Permissions required for GitHub Apps"
 * as octokit/app-permissions records it (generated/api.github.com.json at 2449f19): alternatives
 * are separated by `;` in the header, as GitHub's troubleshooting page describes. Two are not in
 * that record: repos/list-pull-requests-associated-with-commit (taken as contents and
 * pull_requests read, the stricter reading) and teams/get-membership-for-user-in-org (members
 * read, as its /teams/{team_id} twin). Reading a public repository needs no permission.
 */
import type { FakeRepo, FakeToken, Level } from './model.js';
import { basicError, GitHubError, notFound } from './errors.js';

type PermissionSet = Record<string, Level>;

/** Operation → the permission sets, any one of which suffices. */
export const REQUIRED: Record<string, PermissionSet[]> = {
  'actions/download-artifact': [{ actions: 'read' }, { contents: 'read' }],
  'actions/list-workflow-run-artifacts': [{ actions: 'read' }, { contents: 'read' }],
  'checks/create': [{ checks: 'write' }],
  'checks/update': [{ checks: 'write' }],
  'checks/list-for-ref': [{ checks: 'read' }, { contents: 'read' }],
  'issues/create-comment': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/list-comments': [{ issues: 'read' }, { pull_requests: 'read' }],
  'issues/update-comment': [{ issues: 'write' }, { pull_requests: 'write' }],
  'pulls/get': [{ pull_requests: 'read' }],
  'pulls/list-files': [{ pull_requests: 'read' }],
  'pulls/list-reviews': [{ pull_requests: 'read' }],
  'repos/get': [{ metadata: 'read' }],
  'repos/get-content': [{ contents: 'read' }, { single_file: 'read' }],
  'repos/list-commits': [{ contents: 'read' }],
  'repos/list-pull-requests-associated-with-commit': [{ contents: 'read', pull_requests: 'read' }],
  'teams/get-membership-for-user-in-org': [{ members: 'read' }],
};

const RANK: Record<Level, number> = { read: 1, write: 2, admin: 3 };

/** The `x-accepted-github-permissions` value of an operation. */
export function acceptedPermissions(operationId: string): string {
  return (REQUIRED[operationId] ?? []).map((set) => Object.entries(set).map(([p, l]) => `${p}=${l}`).join(',')).join('; ');
}

function satisfies(token: FakeToken, set: PermissionSet): boolean {
  return Object.entries(set).every(([p, l]) => {
    const have = token.permissions[p];
    return have !== undefined && RANK[have] >= RANK[l];
  });
}

/** The token an Authorization header carries (`token X` or `Bearer X`), or an answer refusing it. */
export function authenticate(header: string | undefined, tokens: Map<string, FakeToken>): FakeToken | GitHubError {
  if (!header) return basicError(401, 'Requires authentication', 'https://docs.github.com/rest');
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  const token = m ? tokens.get(m[1]!) : undefined;
  return token ?? basicError(401, 'Bad credentials', 'https://docs.github.com/rest');
}

/**
 * Refuses a call the token may not make: 404 for a repository outside its reach (GitHub does not
 * reveal a private repository), 403 with the accepted permissions for a missing permission.
 */
export function authorize(token: FakeToken, operationId: string, method: string, repo: FakeRepo | undefined, doc: string): void {
  const reaches = !repo || !token.repositories || token.repositories.some((r) => r.toLowerCase() === repo.fullName.toLowerCase());
  if (repo?.private && !reaches) throw notFound(doc);
  const read = method === 'GET';
  if (repo && !repo.private && read) return;
  const sets = REQUIRED[operationId] ?? [];
  if (reaches && sets.some((set) => satisfies(token, set))) return;
  throw new GitHubError(
    403,
    { message: 'Resource not accessible by integration', documentation_url: doc, status: '403' },
    { 'x-accepted-github-permissions': acceptedPermissions(operationId) },
  );
}
