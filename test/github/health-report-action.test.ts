/**
 * actions/health-report end to end, as the runner runs it: the committed bundle against a
 * history store seeded through the core, with GITHUB_API_URL at the contract-checking GitHub
 * fake. Its job summary, Markdown and HTML files are compared byte for byte with what the
 * core and the renderers give unbundled for the same history and time: the bundle (ECharts
 * registered lean, scripts/bundle.mjs) draws the same charts as the CLI.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portfolio, projectReport, runGate, runRecordId, runRecords } from '../../src/core/index.js';
import type { EvidenceBundle } from '../../src/evidence/types.js';
import type { Verdict } from '../../src/gate/types.js';
import { stableJson } from '../../src/io/json.js';
import { loadPolicy } from '../../src/policy/index.js';
import { renderPortfolioHtml, renderReportHtml } from '../../src/report/html/index.js';
import { COMMENT_LIMIT, JOB_SUMMARY_LIMIT, renderReportMarkdown, reportMarker, type Report } from '../../src/report/index.js';
import { renderPortfolioMarkdown } from '../../src/report/portfolio.js';
import { openStore } from '../../src/store/open.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { BASE, HEAD, newJob, noStack, pullEvent, pushEvent, READ, REPO, runStep, shownLines, startFake, useActionHarness, WRITE, type Job, type StepRun } from '../helpers/action-run.js';
import type { GitHubFake } from '../helpers/github-fake.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

useActionHarness();

/** The fake with the repository and pull request 7; the write token may comment, and holds no checks permission (the report needs none). */
async function world(): Promise<GitHubFake> {
  const gh = await startFake({
    tokens: [
      { token: WRITE, permissions: { contents: 'read', 'pull-requests': 'write', issues: 'write', metadata: 'read' }, repositories: [REPO] },
      { token: READ, permissions: { contents: 'read', 'pull-requests': 'read', metadata: 'read' }, repositories: [REPO] },
    ],
  });
  gh.state.addRepo({ owner: 'acme', name: 'shop' });
  gh.state.setBranch(REPO, 'main', BASE);
  gh.state.addPull(REPO, { number: 7, user: 'dev', head: { ref: 'cart-totals', sha: HEAD }, base: { ref: 'main', sha: BASE } });
  return gh;
}

const HOUR = 3_600_000;
const ago = (hours: number): Date => new Date(Date.now() - hours * HOUR);

/** A run of `project` recorded `hours` ago with these metrics. */
const run = (project: string, build: string, hours: number, metrics: Record<string, number>, verdicts: Verdict[] = []): HistoryRecord[] =>
  runRecords({ project, time: ago(hours), pipeline: 'ci', build, commit: 'f'.repeat(40), branch: 'main' }, { schemaVersion: 1, metrics, items: [], documents: [], sources: [] }, verdicts);

async function seed(job: Job, records: HistoryRecord[], url = 'file:.phasegate/history'): Promise<void> {
  const store = await openStore(url, { cwd: job.ws });
  try {
    await store.append(records);
  } finally {
    await store.close();
  }
}

async function read(job: Job, url = 'file:.phasegate/history'): Promise<HistoryRecord[]> {
  const store = await openStore(url, { cwd: job.ws });
  try {
    return await store.query({ project: 'shop' });
  } finally {
    await store.close();
  }
}

/** The evidence of this run: 4 tests, 1 failed (or `failed` failures with long titles), line coverage 75 %. */
function evidence(failed = 1): EvidenceBundle {
  const items = Array.from({ length: failed }, (_, i) => ({ id: `cart::totals ${i}`, kind: 'test' as const, title: `cart totals ${i}: the total of a cart with many discounted items and a voucher is rounded to cents`, level: 'failed' as const, file: 'test/cart.test.ts', line: 10 + (i % 500), counts: ['tests.failed'] }));
  return { schemaVersion: 1, metrics: { 'tests.total': 3 + failed, 'tests.failed': failed, 'tests.errored': 0, 'tests.passRate': Math.round((3 / (3 + failed)) * 10_000) / 100, 'coverage.line': 75 }, items, documents: [], sources: [] };
}

const HISTORY = [
  ...run('shop', '4240-1', 50, { 'tests.total': 10, 'tests.failed': 2, 'tests.passRate': 80, 'coverage.line': 70 }),
  ...run('shop', '4241-1', 26, { 'tests.total': 10, 'tests.failed': 1, 'tests.passRate': 90, 'coverage.line': 72 }),
];
/** This build as collect-metrics recorded it earlier in the job. */
const THIS_RUN = run('shop', '4242-1', 0.01, evidence().metrics);

/** The report's `as of`, read from its context line, so the test can build the same report. */
function asOfIn(markdown: string): Date {
  const m = /as of (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)/.exec(markdown);
  expect(m, 'the report names its as-of time').not.toBeNull();
  return new Date(m![1]!);
}

describe('health-report action (bundled)', () => {
  it('writes the summary, the Markdown and the HTML file: the core\'s report byte for byte; this build\'s recorded run is not its own history', async () => {
    const api = await world();
    const job = newJob({ 'evidence.json': stableJson(evidence()) });
    await seed(job, [...HISTORY, ...THIS_RUN]);
    const r = await runStep('health-report', job, { project: 'shop', tier: 'operational', evidence: 'evidence.json' }, { apiUrl: api.url, event: pushEvent });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    const asOf = asOfIn(r.summary);
    const records = (await read(job)).filter((x) => x.id !== runRecordId('shop', 'ci', '4242-1'));
    expect(records).toHaveLength(2);
    const report = projectReport({ history: { project: 'shop', records }, asOf, policy: loadPolicy({ tier: 'operational' }), evidence: evidence(), verdicts: [] });
    expect(report.kpis.find((k) => k.name === 'tests.passRate')).toMatchObject({ value: 75, previous: 90, trend: [80, 90, 75] });
    expect(report.kpis.find((k) => k.name === 'coverage.line')).toMatchObject({ value: 75, previous: 72, trend: [70, 72, 75] });

    const markdown = renderReportMarkdown(report, { limit: JOB_SUMMARY_LIMIT - 1024, unit: 'bytes' });
    expect(r.summary).toBe(`${markdown}\n`);
    expect(r.outputs).toEqual({ health: report.health.status, 'html-file': path.join(job.tmp, 'phasegate-report.html'), 'markdown-file': path.join(job.tmp, 'phasegate-report.md') });
    expect(r.outputs.health).toBe('critical');
    expect(readFileSync(r.outputs['markdown-file']!, 'utf8')).toBe(markdown);
    const html = readFileSync(r.outputs['html-file']!, 'utf8');
    expect(html).toBe(renderReportHtml(report));
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4); // the trend charts, light and dark
    expect(shownLines(r.stdout)).toEqual([
      'the run recorded as ci#4242-1 is this run: its evidence gives the current values, and the history is the runs before it',
      `health report of shop: ${report.health.score}/100, critical; 0 gates evaluated; a history of 2 records; HTML in ${r.outputs['html-file']}`,
      '',
    ]);
    expect(api.requests).toEqual([]);
  });

  it('keeps one sticky comment on the pull request across two runs, found by the report\'s marker', async () => {
    const api = await world();
    const job = newJob({ 'evidence.json': stableJson(evidence()) });
    await seed(job, HISTORY);
    const inputs = { project: 'shop', evidence: 'evidence.json', comment: 'true', html: 'out/report.html' };
    const first = await runStep('health-report', job, inputs, { apiUrl: api.url });
    const second = await runStep('health-report', job, inputs, { apiUrl: api.url });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toContain('created the report\'s comment on pull request #7');
    expect(second.stdout).toContain('updated the report\'s comment on pull request #7');
    expect(second.outputs['html-file']).toBe(path.join(job.ws, 'out/report.html'));
    expect(existsSync(path.join(job.ws, 'out/report.html'))).toBe(true);

    const comments = api.state.comments(REPO);
    expect(comments).toHaveLength(1);
    const report = projectReport({ history: { project: 'shop', records: await read(job) }, asOf: asOfIn(second.summary), evidence: evidence(), verdicts: [] });
    expect(comments[0]!.body).toBe(renderReportMarkdown(report, { limit: COMMENT_LIMIT, unit: 'bytes' }));
    expect(comments[0]!.body.trimEnd().endsWith(reportMarker('shop'))).toBe(true);
    expect(api.requests.filter((q) => q.method !== 'GET').map((q) => q.operationId)).toEqual(['issues/create-comment', 'issues/update-comment']);
  });

  it('the portfolio: one row per project of the store, the worst health as output', async () => {
    const api = await world();
    const job = newJob();
    const bad = runGate({ policy: loadPolicy({ tier: 'operational' }), evidence: { schemaVersion: 1, metrics: { 'tests.total': 10, 'tests.failed': 4, 'tests.passRate': 60 }, items: [], documents: [], sources: [] }, phase: 'testing', now: ago(2) });
    expect(bad.status).toBe('fail');
    await seed(job, [...HISTORY, ...run('billing', '77-1', 3, { 'tests.total': 10, 'tests.failed': 4, 'tests.passRate': 60 }, [bad]), ...run('search', '5-1', 4, {})]);
    const r = await runStep('health-report', job, { portfolio: 'true' }, { apiUrl: api.url, event: pushEvent });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const asOf = asOfIn(r.summary);
    const store = await openStore('file:.phasegate/history', { cwd: job.ws });
    const { rows } = await portfolio(store, asOf).finally(() => store.close());
    expect(rows.map((x) => [x.project, x.healthStatus])).toEqual([['billing', 'critical'], ['search', null], ['shop', null]]);
    expect(r.summary).toBe(`${renderPortfolioMarkdown(rows, asOf, { limit: JOB_SUMMARY_LIMIT - 1024, unit: 'bytes', marker: '<!-- phasegate:portfolio -->' })}\n`);
    expect(r.summary.split('\n')[0]).toBe('### Portfolio: 3 projects, 1 at risk or critical');
    expect(readFileSync(r.outputs['html-file']!, 'utf8')).toBe(renderPortfolioHtml(rows, {}));
    expect(r.outputs.health).toBe('critical');
  });

  it('a report over GitHub\'s limits: the job summary within 1 MiB, the comment within 65,536 bytes, each saying what it left out', async () => {
    const api = await world();
    const big = evidence(20_000);
    const job = newJob({ 'evidence.json': stableJson(big) });
    await seed(job, HISTORY);
    const r = await runStep('health-report', job, { project: 'shop', evidence: 'evidence.json', comment: 'true' }, { apiUrl: api.url });
    expect(r.code).toBe(0);
    const report = projectReport({ history: { project: 'shop', records: await read(job) }, asOf: asOfIn(r.summary), evidence: big, verdicts: [] });
    expect(Buffer.byteLength(renderReportMarkdown(report, { limit: 100 * 1024 * 1024 }))).toBeGreaterThan(JOB_SUMMARY_LIMIT);
    expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect(r.summary).toMatch(/^> ✂️ Shortened to fit 1,047,552 bytes: left out /m);
    const [comment] = api.state.comments(REPO);
    expect(Buffer.byteLength(comment!.body)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment!.body).toMatch(/^> ✂️ Shortened to fit 65,536 bytes: left out /m);
    expect(comment!.body.trimEnd().endsWith(reportMarker('shop'))).toBe(true);
  }, 60_000);

  it('comment: true outside a pull request, on a fork\'s read-only token, and without the permission: no comment, the step passes', async () => {
    const api = await world();
    const job = newJob();
    await seed(job, HISTORY);
    const push = await runStep('health-report', job, { project: 'shop', comment: 'true' }, { apiUrl: api.url, event: pushEvent });
    expect(push.code).toBe(0);
    expect(push.stdout).toContain('"comment: true", but this push run is not for a pull request: no comment written');
    const fork = await runStep('health-report', job, { project: 'shop', comment: 'true' }, { apiUrl: api.url, event: pullEvent('outsider/shop'), token: READ });
    expect(fork.code).toBe(0);
    expect(shownLines(fork.stdout)).toContain('::warning::this pull request\'s token is read-only (a fork or Dependabot): the report is in the job summary, not in a comment');
    expect(api.requests).toEqual([]);
    const denied = await runStep('health-report', job, { project: 'shop', comment: 'true' }, { apiUrl: api.url, token: READ });
    expect(denied.code).toBe(0);
    expect(denied.stdout).toMatch(/::warning::the token may not comment \(HTTP 403; GitHub accepts: [^)]+\); the report is in the job summary\. Add to the workflow or job:%0Apermissions:%0A {2}contents: read%0A {2}pull-requests: write/);
    expect(api.state.comments(REPO)).toEqual([]);
    expect(denied.summary).not.toBe('');
  });

  const PASSWORD = 'S3cret-pw-4711';
  it.each([
    [{ comment: 'yes' }, 'input "comment": "yes" is not a boolean; use true or false'],
    [{ project: '' }, 'input "project": is required (or "portfolio: true" for every project of the store); set it in the step\'s `with:`'],
    [{ portfolio: 'true' }, 'input "project": not used with "portfolio: true" (the portfolio covers every project of the store from its history); remove it, or set "portfolio" to false'],
    [{ tier: 'operational', policy: '.phasegate/policy.yaml' }, 'inputs "tier" and "policy": give at most one (a built-in tier, or the policy file\'s path in the workspace)'],
    [{ tier: 'strict' }, 'input "tier": "strict" is not allowed; use one of strategic, operational, innovation'],
    [{ evidence: 'missing.json' }, /^::error::.*missing\.json: /],
    [{ store: 'file:/proc/nope' }, '/proc/nope: history store: cannot create the folder: a folder of the path does not exist and cannot be created; fix the path (ENOENT)'],
    [{ store: `postgres://phasegate:${PASSWORD}@127.0.0.1:1/history` }, 'cannot connect to PostgreSQL at 127.0.0.1:1, database history (ECONNREFUSED); check that the server is running and the URL\'s host and port'],
  ] as Array<[Record<string, string>, string | RegExp]>)('bad input %j: one ::error:: line naming the input or the store, exit 2', async (bad, line) => {
    const api = await world();
    const job = newJob();
    const r: StepRun = await runStep('health-report', job, { project: 'shop', ...bad }, { apiUrl: api.url });
    expect(r.code).toBe(2);
    const shown = shownLines(r.stdout).filter(Boolean);
    expect(shown).toHaveLength(1);
    if (typeof line === 'string') expect(shown[0]).toBe(`::error::${line}`);
    else expect(shown[0]).toMatch(line);
    expect(r.stderr).toBe('');
    noStack(r.stdout);
    expect([r.outputText, r.summary]).toEqual(['', '']);
    for (const text of [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.outputText, r.summary]) expect(text).not.toContain(PASSWORD);
    expect(api.requests).toEqual([]);
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('health-report action (bundled) with PostgreSQL 15', () => {
  const pgs = usePostgres();

  it('reads the history from PostgreSQL, the same report as from a file store, the URL never shown', async () => {
    const api = await world();
    const url = await pgs().newDatabase();
    const job = newJob({ 'evidence.json': stableJson(evidence()) });
    await seed(job, HISTORY, url);
    const r = await runStep('health-report', job, { project: 'shop', tier: 'operational', evidence: 'evidence.json', store: url }, { apiUrl: api.url, event: pushEvent });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report: Report = projectReport({ history: { project: 'shop', records: await read(job, url) }, asOf: asOfIn(r.summary), policy: loadPolicy({ tier: 'operational' }), evidence: evidence(), verdicts: [] });
    expect(r.summary).toBe(`${renderReportMarkdown(report, { limit: JOB_SUMMARY_LIMIT - 1024, unit: 'bytes' })}\n`);
    for (const text of [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.outputText, r.summary, readFileSync(r.outputs['html-file']!, 'utf8')]) {
      expect(text).not.toContain(pgs().server.password);
      expect(text).not.toContain(url);
    }
  }, 60_000);
});

describe('health-report action (bundled): an empty store', () => {
  it('warns that the store holds no records of the project (a file store not restored), and still reports this run', async () => {
    const api = await world();
    const job = newJob({ 'evidence.json': stableJson(evidence()) });
    const r = await runStep('health-report', job, { project: 'shop', evidence: 'evidence.json' }, { apiUrl: api.url, event: pushEvent });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning::file:.phasegate/history holds no records of project "shop": the report has only this run\'s evidence and verdicts; record runs with collect-metrics (a file store must be restored from actions/cache or an artifact first)');
  });
});
