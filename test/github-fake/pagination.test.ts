/**
 * List operations page like GitHub: `per_page` (default 30, at most 100) and `page`, with a
 * `link` header whose URLs name the repository by id; `octokit.paginate` follows them.
 */
import { expect, it } from 'vitest';
import { HEAD, useWorld } from './world.js';

const repo = { owner: 'acme', repo: 'app' };
const world = useWorld((gh) => {
  for (let i = 1; i <= 45; i++) gh.state.addComment('acme/app', 7, `comment ${i}`, i % 2 ? 'alice' : 'bob');
});

it('world.octokit.paginate reads 45 comments in pages of 20 through the link headers', async () => {
  const comments = await world.octokit.paginate(world.octokit.rest.issues.listComments, { ...repo, issue_number: 7, per_page: 20 });
  expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 45 }, (_, i) => `comment ${i + 1}`));
  const id = world.gh.state.repo('acme/app')!.id;
  expect(world.gh.requests.map((r) => [r.path, r.query, r.operationId, r.status])).toEqual([
    ['/repos/acme/app/issues/7/comments', { per_page: '20' }, 'issues/list-comments', 200],
    [`/repositories/${id}/issues/7/comments`, { per_page: '20', page: '2' }, 'issues/list-comments', 200],
    [`/repositories/${id}/issues/7/comments`, { per_page: '20', page: '3' }, 'issues/list-comments', 200],
  ]);
});

it('the link header lists prev, next, last and first as GitHub does, and is absent on a single page', async () => {
  const id = world.gh.state.repo('acme/app')!.id;
  const page = (n: number) => `<${world.gh.url}/repositories/${id}/issues/7/comments?per_page=10&page=${n}>`;
  const first = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 10 });
  expect(first.headers.link).toBe(`${page(2)}; rel="next", ${page(5)}; rel="last"`);
  const middle = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 10, page: 3 });
  expect(middle.headers.link).toBe(`${page(2)}; rel="prev", ${page(4)}; rel="next", ${page(5)}; rel="last", ${page(1)}; rel="first"`);
  const last = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 10, page: 5 });
  expect([last.data.length, last.headers.link]).toEqual([5, `${page(4)}; rel="prev", ${page(1)}; rel="first"`]);
  const whole = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 100 });
  expect([whole.data.length, whole.headers.link]).toEqual([45, undefined]);
});

it('30 a page by default, and never more than 100', async () => {
  for (let i = 46; i <= 130; i++) world.gh.state.addComment('acme/app', 7, `comment ${i}`);
  const byDefault = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7 });
  const capped = await world.octokit.rest.issues.listComments({ ...repo, issue_number: 7, per_page: 500 });
  expect([byDefault.data.length, capped.data.length]).toEqual([30, 100]);
});

it('world.octokit.paginate reads check runs for a ref (an object with total_count) across pages', async () => {
  for (const name of ['lint', 'test', 'gate', 'coverage', 'size']) await world.octokit.rest.checks.create({ ...repo, name, head_sha: HEAD });
  const runs = await world.octokit.paginate(world.octokit.rest.checks.listForRef, { ...repo, ref: HEAD, per_page: 2 });
  expect(runs.map((r) => r.name)).toEqual(['size', 'coverage', 'gate', 'test', 'lint']); // newest first
  expect(world.gh.requests.filter((r) => r.operationId === 'checks/list-for-ref').map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
});

it('world.octokit.paginate reads the files of a pull request', async () => {
  world.gh.state.addPull('acme/app', {
    number: 12, head: { ref: 'big', sha: 'b'.repeat(40) },
    files: Array.from({ length: 250 }, (_, i) => ({ filename: `src/f${i}.ts`, status: 'added' as const, patch: '@@ -0,0 +1 @@\n+x' })),
  });
  const files = await world.octokit.paginate(world.octokit.rest.pulls.listFiles, { ...repo, pull_number: 12, per_page: 100 });
  expect([files.length, files[249]!.filename, files.every((f) => f.additions === 1)]).toEqual([250, 'src/f249.ts', true]);
});
