/**
 * actions/collect-metrics end to end, as the runner runs it: the committed bundle with INPUT_*
 * variables, an event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and GITHUB_API_URL
 * at the contract-checking GitHub fake (which it must never call). The store it writes is read
 * back with the core, as health-report and `phasegate report` read it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate, runRecordId } from '../../src/core/index.js';
import type { EvidenceBundle } from '../../src/evidence/types.js';
import { stableJson } from '../../src/io/json.js';
import { loadPolicy } from '../../src/policy/index.js';
import { openStore } from '../../src/store/open.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { HEAD, newJob, noStack, pullEvent, pushEvent, PUSH_SHA, runStep, shownLines, startFake, useActionHarness, type Job } from '../helpers/action-run.js';
import type { GitHubFake } from '../helpers/github-fake.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

useActionHarness();

/** The fake without a token: collect-metrics must never call it. */
const fake = (): Promise<GitHubFake> => startFake({ tokens: [] });

function junit(failed: number, passed = 3): string {
  const cases = [
    ...Array.from({ length: passed }, (_, i) => `<testcase classname="cart" name="adds item ${i}" file="test/cart.test.ts" time="0.01"/>`),
    ...Array.from({ length: failed }, (_, i) => `<testcase classname="cart" name="totals ${i}" file="test/cart.test.ts" line="${10 + i}" time="0.01"><failure message="expected ${i}">AssertionError</failure></testcase>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="cart" tests="${passed + failed}" failures="${failed}">\n${cases.join('\n')}\n</testsuite></testsuites>\n`;
}

const LCOV = 'SF:src/cart.ts\nDA:1,1\nDA:2,0\nDA:3,1\nDA:4,1\nend_of_record\n';
const REPORTS = { 'reports/junit.xml': junit(1), 'coverage/lcov.info': LCOV };
const INPUTS = { project: 'shop', junit: 'reports/*.xml', coverage: 'coverage/lcov.info' };

async function stored(job: Job, url = 'file:.phasegate/history'): Promise<HistoryRecord[]> {
  const store = await openStore(url, { cwd: job.ws });
  try {
    return await store.query({ project: 'shop' });
  } finally {
    await store.close();
  }
}

describe('collect-metrics action (bundled)', () => {
  it('records the run of a pull request: the store, the evidence file, outputs and the job summary', async () => {
    const api = await fake();
    const job = newJob(REPORTS);
    const r = await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('recorded run ci#4242-1 of shop: 1 new record\n');
    expect(r.outputs).toEqual({
      'evidence-file': path.join(job.tmp, 'phasegate-evidence.json'),
      metrics: '{"coverage.line":75,"tests.errored":0,"tests.failed":1,"tests.passRate":75,"tests.total":4}',
      records: '1',
    });
    const evidence = JSON.parse(readFileSync(r.outputs['evidence-file']!, 'utf8')) as EvidenceBundle;
    expect(evidence.metrics).toEqual({ 'coverage.line': 75, 'tests.duration': 0.04, 'tests.errored': 0, 'tests.failed': 1, 'tests.flaky': 0, 'tests.passRate': 75, 'tests.passed': 3, 'tests.runs': 4, 'tests.skipped': 0, 'tests.total': 4 });

    const [run, ...rest] = await stored(job);
    expect(rest).toEqual([]);
    expect(run).toEqual({
      schemaVersion: 1,
      kind: 'run',
      id: runRecordId('shop', 'ci', '4242-1'),
      project: 'shop',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown as string,
      pipeline: 'ci',
      buildId: '4242-1',
      commit: HEAD,
      branch: 'cart-totals',
      metrics: evidence.metrics,
      tests: [{ id: expect.stringContaining('totals 0') as unknown as string, outcome: 'failed' }],
    });

    expect(r.summary).toBe([
      '### 📈 Recorded run ci#4242-1 of shop',
      '',
      '1 new record in `file:.phasegate/history`.',
      '',
      '| | |',
      '| --- | --- |',
      `| Commit | \`${HEAD}\` |`,
      '| Branch | cart-totals |',
      '| Evidence | 1 item, 0 documents, 10 metrics |',
      '',
      '#### Key metrics',
      '',
      '| Metric | Value |',
      '| --- | ---: |',
      '| coverage.line | 75.0 % |',
      '| tests.errored | 0 |',
      '| tests.failed | 1 |',
      '| tests.passRate | 75.0 % |',
      '| tests.total | 4 |',
      '',
      '',
    ].join('\n'));
    expect(api.requests).toEqual([]);
  });

  it('twice for the same build records nothing the second time; another attempt is another run', async () => {
    const api = await fake();
    const job = newJob(REPORTS);
    await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url });
    const again = await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url });
    expect(again.code).toBe(0);
    expect(again.outputs.records).toBe('0');
    expect(again.stdout).toBe('recorded run ci#4242-1 of shop: 0 new records, 1 already recorded\n');
    expect(again.summary.split('\n').slice(0, 3)).toEqual(['### 📈 Run ci#4242-1 of shop was already recorded', '', '0 new records (1 already recorded) in `file:.phasegate/history`.']);
    expect((await stored(job)).map((x) => x.id)).toEqual([runRecordId('shop', 'ci', '4242-1')]);

    const retry = await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(retry.outputs.records).toBe('1');
    expect((await stored(job)).map((x) => (x.kind === 'run' ? x.buildId : x.kind))).toEqual(['4242-1', '4242-2']);
  });

  it('records the verdicts of the run\'s gates, one record each, with the run', async () => {
    const api = await fake();
    const job = newJob(REPORTS);
    const evidence: EvidenceBundle = { schemaVersion: 1, metrics: { 'tests.total': 4, 'tests.failed': 1 }, items: [], documents: [], sources: [] };
    const verdict = runGate({ policy: loadPolicy({ tier: 'operational' }), evidence, phase: 'testing', now: new Date('2026-11-27T10:00:00Z') });
    writeFileSync(path.join(job.tmp, 'phasegate-testing.verdict.json'), stableJson(verdict));
    const r = await runStep('collect-metrics', job, { ...INPUTS, 'verdict-files': `${job.tmp}/phasegate-testing.verdict.json\n` }, { apiUrl: api.url });
    expect(r.code).toBe(0);
    expect(r.outputs.records).toBe('2');
    expect(r.stdout).toBe('recorded run ci#4242-1 and 1 verdict of shop: 2 new records\n');
    expect(r.summary).toContain(`| Verdicts | testing: ${verdict.status} |`);
    const records = await stored(job);
    expect(records.map((x) => x.kind).sort()).toEqual(['run', 'verdict']);
    expect(records.find((x) => x.kind === 'verdict')).toMatchObject({ phase: 'testing', status: verdict.status, policy: 'operational', tier: 'operational', commit: HEAD, buildId: '4242-1' });
  });

  it('on a push: the pushed commit and branch; given pipeline, build, commit and branch win; a bundle as evidence', async () => {
    const api = await fake();
    const job = newJob(REPORTS);
    await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url, event: pushEvent });
    const bundle = (await stored(job))[0]!;
    expect(bundle).toMatchObject({ kind: 'run', commit: PUSH_SHA, branch: 'main', buildId: '4242-1', pipeline: 'ci' });

    writeFileSync(path.join(job.ws, 'evidence.json'), readFileSync(path.join(job.tmp, 'phasegate-evidence.json')));
    const r = await runStep('collect-metrics', job, { project: 'shop', evidence: 'evidence.json', pipeline: 'nightly', build: 'n-17', commit: 'd'.repeat(40), branch: 'release/2', out: 'out/evidence.json' }, { apiUrl: api.url, event: pushEvent });
    expect(r.code).toBe(0);
    expect(r.outputs['evidence-file']).toBe(path.join(job.ws, 'out/evidence.json'));
    expect(readFileSync(r.outputs['evidence-file']!, 'utf8')).toBe(readFileSync(path.join(job.ws, 'evidence.json'), 'utf8'));
    const nightly = (await stored(job)).find((x) => x.kind === 'run' && x.pipeline === 'nightly');
    expect(nightly).toMatchObject({ id: runRecordId('shop', 'nightly', 'n-17'), buildId: 'n-17', commit: 'd'.repeat(40), branch: 'release/2', metrics: (bundle as { metrics: object }).metrics });
  });

  const PASSWORD = 'S3cret-pw-4711';
  it.each([
    [{ project: '' }, 'input "project": is required; set it in the step\'s `with:`'],
    [{ junit: '', coverage: '' }, 'inputs: give "evidence" (a bundle from phasegate collect) or report inputs such as "junit" and "coverage"'],
    [{ evidence: 'evidence.json' }, 'input "evidence": give either an evidence bundle or report inputs (junit, coverage, sarif, docs, perf), not both'],
    [{ junit: 'reports/none-*.xml' }, 'input "junit": reports/none-*.xml: no file matches; check the path and quoting'],
    [{ store: 'file:/proc/nope' }, '/proc/nope: history store: cannot create the folder: a folder of the path does not exist and cannot be created; fix the path (ENOENT)'],
    [{ store: `postgres://phasegate:${PASSWORD}@127.0.0.1:1/history` }, 'cannot connect to PostgreSQL at 127.0.0.1:1, database history (ECONNREFUSED); check that the server is running and the URL\'s host and port'],
    [{ store: 'mysql://root@db/history' }, 'unknown history store URL "mysql://root@db/history"; give file:DIR (relative or absolute; the default is file:.phasegate/history) or postgres://USER:PASSWORD@HOST:PORT/DATABASE'],
  ] as Array<[Record<string, string>, string]>)('bad input %j: one ::error:: line naming the input or the store, exit 2, nothing recorded', async (bad, line) => {
    const api = await fake();
    const job = newJob(REPORTS);
    const r = await runStep('collect-metrics', job, { ...INPUTS, ...bad }, { apiUrl: api.url });
    expect(r.code).toBe(2);
    const shown = shownLines(r.stdout).filter(Boolean);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBe(`::error::${line}`);
    expect(r.stderr).toBe('');
    noStack(r.stdout);
    expect(r.outputText).toBe('');
    expect(r.summary).toBe('');
    expect(existsSync(path.join(job.ws, '.phasegate'))).toBe(false);
    for (const text of [r.stdout, r.stderr, r.outputText, r.summary]) expect(text.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
    if (bad.store?.startsWith('postgres:')) {
      // The runner learns the URL and the password as secrets before anything else runs.
      const masks = r.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
      expect(r.stdout.startsWith(`::add-mask::${bad.store}\n`)).toBe(true);
      expect(masks).toContain(`::add-mask::${PASSWORD}`);
    }
    expect(api.requests).toEqual([]);
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('collect-metrics action (bundled) with PostgreSQL 15', () => {
  const pgs = usePostgres();

  it('records into PostgreSQL, once per build, and never shows the URL or its password', async () => {
    const api = await fake();
    const url = await pgs().newDatabase();
    const password = pgs().server.password;
    const job = newJob(REPORTS);
    const first = await runStep('collect-metrics', job, { ...INPUTS, store: url }, { apiUrl: api.url });
    const second = await runStep('collect-metrics', job, { ...INPUTS, store: url }, { apiUrl: api.url });
    expect([first.code, first.outputs.records, second.code, second.outputs.records]).toEqual([0, '1', 0, '0']);
    expect(first.summary.split('\n')[2]).toBe('1 new record in the PostgreSQL store.');
    for (const r of [first, second]) {
      expect(r.stderr).toBe('');
      for (const text of [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.outputText, r.summary]) {
        expect(text).not.toContain(password);
        expect(text).not.toContain(url);
      }
    }
    const store = await openStore(url);
    try {
      expect((await store.query({ project: 'shop' })).map((x) => [x.kind, x.id])).toEqual([['run', runRecordId('shop', 'ci', '4242-1')]]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('collect-metrics action (bundled) on a fork pull request', () => {
  it('needs no token and no API: it records the fork\'s head commit and branch', async () => {
    const api = await fake();
    const job = newJob(REPORTS);
    const r = await runStep('collect-metrics', job, INPUTS, { apiUrl: api.url, event: pullEvent('outsider/shop') });
    expect(r.code).toBe(0);
    expect((await stored(job))[0]).toMatchObject({ commit: HEAD, branch: 'cart-totals' });
    expect(api.requests).toEqual([]);
  });
});
