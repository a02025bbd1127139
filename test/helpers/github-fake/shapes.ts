/**
 * GitHub's JSON for the objects many answers embed: users, repositories, apps and labels, with
 * every URL field GitHub sends. API URLs point at the fake (a client that follows one stays on
 * it, as on GitHub Enterprise); web URLs point at https://github.com.
 */
import { nodeId } from './ids.js';
import type { FakeApp, FakeLabel, FakeRepo, FakeToken, FakeUser } from './model.js';

export const WEB = 'https://github.com';

/** Where the fake answers: the API base URL. */
export interface Urls {
  api: string;
}

/** `simple-user`. */
export function userJson(u: FakeUser, { api }: Urls): Record<string, unknown> {
  const url = `${api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login, id: u.id, node_id: nodeId(u.type === 'Organization' ? 'Organization' : u.type === 'Bot' ? 'Bot' : 'User', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`, gravatar_id: '', url,
    html_url: u.type === 'Bot' ? `${WEB}/apps/${u.login.replace(/\[bot\]$/, '')}` : `${WEB}/${u.login}`,
    followers_url: `${url}/followers`, following_url: `${url}/following{/other_user}`, gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`, subscriptions_url: `${url}/subscriptions`, organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`, events_url: `${url}/events{/privacy}`, received_events_url: `${url}/received_events`,
    type: u.type, user_view_type: 'public', site_admin: false,
  };
}

/** The URL fields every repository shape has. */
function repoUrls(r: FakeRepo, api: string): Record<string, string> {
  const url = `${api}/repos/${r.fullName}`;
  const t = (suffix: string) => `${url}/${suffix}`;
  return {
    html_url: `${WEB}/${r.fullName}`, url, forks_url: t('forks'), keys_url: t('keys{/key_id}'),
    collaborators_url: t('collaborators{/collaborator}'), teams_url: t('teams'), hooks_url: t('hooks'),
    issue_events_url: t('issues/events{/number}'), events_url: t('events'), assignees_url: t('assignees{/user}'),
    branches_url: t('branches{/branch}'), tags_url: t('tags'), blobs_url: t('git/blobs{/sha}'),
    git_tags_url: t('git/tags{/sha}'), git_refs_url: t('git/refs{/sha}'), trees_url: t('git/trees{/sha}'),
    statuses_url: t('statuses/{sha}'), languages_url: t('languages'), stargazers_url: t('stargazers'),
    contributors_url: t('contributors'), subscribers_url: t('subscribers'), subscription_url: t('subscription'),
    commits_url: t('commits{/sha}'), git_commits_url: t('git/commits{/sha}'), comments_url: t('comments{/number}'),
    issue_comment_url: t('issues/comments{/number}'), contents_url: t('contents/{+path}'),
    compare_url: t('compare/{base}...{head}'), merges_url: t('merges'), archive_url: t('{archive_format}{/ref}'),
    downloads_url: t('downloads'), issues_url: t('issues{/number}'), pulls_url: t('pulls{/number}'),
    milestones_url: t('milestones{/number}'), notifications_url: t('notifications{?since,all,participating}'),
    labels_url: t('labels{/name}'), releases_url: t('releases{/id}'), deployments_url: t('deployments'),
    git_url: `git://github.com/${r.fullName}.git`, ssh_url: `git@github.com:${r.fullName}.git`,
    clone_url: `${WEB}/${r.fullName}.git`, svn_url: `${WEB}/${r.fullName}`,
  };
}

/** The fields `repository` and `full-repository` share. */
function repoCore(r: FakeRepo, urls: Urls): Record<string, unknown> {
  return {
    id: r.id, node_id: nodeId('Repository', r.id), name: r.name, full_name: r.fullName, private: r.private,
    owner: userJson(r.owner, urls), description: r.description, fork: r.parent !== undefined, ...repoUrls(r, urls.api),
    homepage: null, language: 'TypeScript', forks_count: 0, stargazers_count: 0, watchers_count: 0, size: 128,
    default_branch: r.defaultBranch, open_issues_count: 0, is_template: false, topics: [],
    has_issues: true, has_projects: true, has_wiki: true, has_pages: false, has_downloads: true, has_discussions: false,
    archived: false, disabled: false, visibility: r.private ? 'private' : 'public', mirror_url: null,
    pushed_at: r.createdAt, created_at: r.createdAt, updated_at: r.createdAt,
    allow_forking: true, web_commit_signoff_required: false, license: null, forks: 0, open_issues: 0, watchers: 0,
  };
}

/** `repository`, as pull requests embed it under head and base. */
export function repositoryJson(r: FakeRepo, urls: Urls): Record<string, unknown> {
  return repoCore(r, urls);
}

/** `full-repository`, what repos/get answers; `roles` only for a user's token. */
export function fullRepositoryJson(r: FakeRepo, urls: Urls, token?: FakeToken): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ...repoCore(r, urls),
    temp_clone_token: r.private ? '' : null, network_count: 0, subscribers_count: 0,
    allow_squash_merge: true, allow_merge_commit: true, allow_rebase_merge: true, allow_auto_merge: false,
    delete_branch_on_merge: false, allow_update_branch: false, use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE', squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE', merge_commit_message: 'PR_TITLE',
  };
  if (r.owner.type === 'Organization') out.organization = userJson(r.owner, urls);
  if (r.parent) {
    let source = r.parent;
    while (source.parent) source = source.parent;
    out.parent = repositoryJson(r.parent, urls);
    out.source = repositoryJson(source, urls);
  }
  if (token?.roles) out.permissions = { ...token.roles };
  return out;
}

/** `nullable-integration`: the app behind a check run or a comment. */
export function appJson(app: FakeApp, urls: Urls): Record<string, unknown> {
  return {
    id: app.id, slug: app.slug, node_id: nodeId('Integration', app.id), owner: userJson(app.owner, urls), name: app.name,
    description: 'Automate your workflow from idea to production', external_url: `${WEB}/features/actions`,
    html_url: `${WEB}/apps/${app.slug}`, created_at: '2018-07-30T09:30:17Z', updated_at: '2024-04-10T20:33:16Z',
    permissions: { actions: 'write', checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' },
    events: ['check_run', 'check_suite', 'pull_request', 'push'],
  };
}

/** A label as pull requests embed it; `pull-request-simple` wants a string description. */
export function labelJson(l: FakeLabel, repo: FakeRepo, urls: Urls, descriptionAsString = false): Record<string, unknown> {
  return {
    id: l.id, node_id: nodeId('Label', l.id), url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name, description: descriptionAsString ? (l.description ?? '') : l.description, color: l.color, default: false,
  };
}
