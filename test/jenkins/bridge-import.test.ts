/**
 * `phasegate jenkins import` against the local fake Jenkins, through the built CLI
 * (`npm run build` first): exact records, idempotence, running and report-less builds, the
 * flaky flip from FIXED/REGRESSION, and the health report built from the import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecordId } from '../../src/core/records.js';
import { openStore } from '../../src/store/open.js';
import type { RunRecord } from '../../src/store/records.js';
import { tempDir } from '../helpers/cli.js';
import { cliAsync, junitReport, pipelineBuild, startFakeJenkins, type FakeCase, type FakeJenkins } from '../helpers/fake-jenkins.js';

const A = 'a1'.repeat(20);
const B = 'b2'.repeat(20);
const USER = 'ci-bot';
const TOKEN = '11f0c2d9e8b7a6f5e4d3c2b1a0918273';
const env = { JENKINS_USER: USER, JENKINS_TOKEN: TOKEN };
const day = (d: number): number => Date.UTC(2026, 10, d, 9, 0, 0);

const CART = 'com.example.CartTest';
const PRICE = 'com.example.PriceTest';
const cases = (over: Record<string, FakeCase[2]> = {}, error?: string): FakeCase[] =>
  ([[CART, 'addsItem'], [CART, 'removesItem'], [PRICE, 'formatsCurrency'], [PRICE, 'roundsHalfUp']] as const).map(([c, n]) => [c, n, over[n] ?? (n === 'roundsHalfUp' ? 'SKIPPED' : 'PASSED'), 0.01, error]);

function shopBuilds() {
  return [
    pipelineBuild({ number: 1, timestamp: day(2), commit: A, report: junitReport(cases()) }),
    pipelineBuild({ number: 2, timestamp: day(3), commit: A, result: 'UNSTABLE', report: junitReport(cases({ formatsCurrency: 'REGRESSION' }, 'expected: <€1.00> but was: <€1,00>')) }),
    pipelineBuild({ number: 3, timestamp: day(4), commit: A, report: junitReport(cases({ formatsCurrency: 'FIXED' })) }),
    pipelineBuild({ number: 4, timestamp: day(5), commit: '', result: 'FAILURE' }), // no git data, no test report
    pipelineBuild({ number: 5, timestamp: day(6), commit: B, branch: 'refs/remotes/origin/feature/cart', result: 'UNSTABLE', report: junitReport(cases({ removesItem: 'FAILED' }, 'expected: <1> but was: <2>')) }),
    pipelineBuild({ number: 6, timestamp: day(7), commit: B, building: true }),
  ];
}

const base = { 'tests.total': 4, 'tests.runs': 4, 'tests.errored': 0, 'tests.skipped': 1, 'tests.flaky': 0, 'tests.duration': 0.04 };
const allPass = { ...base, 'tests.passed': 3, 'tests.failed': 0, 'tests.passRate': 100 };
const oneFail = { ...base, 'tests.passed': 2, 'tests.failed': 1, 'tests.passRate': 66.67 };

async function runs(store: string): Promise<RunRecord[]> {
  const s = await openStore(store);
  try {
    return (await s.query({ project: 'shop', kinds: ['run'] })) as RunRecord[];
  } finally {
    await s.close();
  }
}

describe('jenkins import', () => {
  let fake: FakeJenkins;
  let store: string;
  let first: Awaited<ReturnType<typeof cliAsync>>;
  let firstRequests: string[];

  beforeAll(async () => {
    fake = await startFakeJenkins({ user: USER, token: TOKEN, multibranch: ['shop'], jobs: { 'shop/main': shopBuilds() } });
    store = `file:${tempDir()}/history`;
    first = await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'shop/main', '--store', store], { env });
    firstRequests = fake.requests.splice(0);
  });
  afterAll(() => fake.close());

  it('imports the completed builds, skips the running one, and says so in one closing line', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      'imported 5 new builds of "shop/main" into project "shop": 4 with a test report; 1 without one; 1 build still running, skipped (#6); 2 passes recorded from FIXED/REGRESSION on a repeated commit\n',
    );
    // Not a terminal: no progress line, nothing else on stderr.
    expect(first.stderr).toBe('');
  });

  it('writes one run record per build: start time, full job name, number, commit, branch, metrics, failed tests', async () => {
    const recs = await runs(store);
    const shown = recs.map((r) => ({ id: r.id, time: r.time, pipeline: r.pipeline, buildId: r.buildId, commit: r.commit, branch: r.branch, metrics: r.metrics, tests: r.tests }));
    expect(shown).toEqual([
      { id: runRecordId('shop', 'shop/main', '1'), time: '2026-11-02T09:00:00.000Z', pipeline: 'shop/main', buildId: '1', commit: A, branch: 'main', metrics: allPass, tests: [{ id: `${PRICE}::formatsCurrency`, outcome: 'passed' }] },
      { id: runRecordId('shop', 'shop/main', '2'), time: '2026-11-03T09:00:00.000Z', pipeline: 'shop/main', buildId: '2', commit: A, branch: 'main', metrics: oneFail, tests: [{ id: `${PRICE}::formatsCurrency`, outcome: 'failed' }] },
      { id: runRecordId('shop', 'shop/main', '3'), time: '2026-11-04T09:00:00.000Z', pipeline: 'shop/main', buildId: '3', commit: A, branch: 'main', metrics: allPass, tests: [{ id: `${PRICE}::formatsCurrency`, outcome: 'passed' }] },
      { id: runRecordId('shop', 'shop/main', '4'), time: '2026-11-05T09:00:00.000Z', pipeline: 'shop/main', buildId: '4', commit: '', branch: '', metrics: {}, tests: undefined },
      { id: runRecordId('shop', 'shop/main', '5'), time: '2026-11-06T09:00:00.000Z', pipeline: 'shop/main', buildId: '5', commit: B, branch: 'feature/cart', metrics: oneFail, tests: [{ id: `${CART}::removesItem`, outcome: 'failed' }] },
    ]);
  });

  it('asks only for the fields it reads, with Basic auth, and never for a running build', () => {
    expect(firstRequests.filter((r) => r.includes('allBuilds'))).toEqual([`GET /jenkins/job/shop/job/main/api/json?tree=${encodeURIComponent('allBuilds[number,building,result,timestamp,duration,url]{0,116}')}`]);
    expect(firstRequests.filter((r) => /\/6\//.test(r))).toEqual([]);
    expect(firstRequests.filter((r) => /\/main\/\d+\/api\/json/.test(r))).toHaveLength(5);
    expect(firstRequests.filter((r) => /\/testReport\/api\/json/.test(r))).toHaveLength(5);
    // Reads only: every request a GET, so no CSRF crumb is needed and none is fetched (the client
    // is set up with the crumb issuer for any POST; the fake answers 405 to anything else).
    expect(firstRequests.every((r) => r.startsWith('GET '))).toBe(true);
    expect(firstRequests.filter((r) => r.includes('crumbIssuer'))).toEqual([]);
    expect(new Set(fake.authorizations)).toEqual(new Set([`Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`]));
  });

  it('a second import adds nothing and fetches no build again', async () => {
    const again = await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'shop/main', '--store', store], { env });
    const requests = fake.requests.splice(0);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('imported 0 new builds of "shop/main" into project "shop": 0 with a test report; 0 without one; 5 builds already in the store; 1 build still running, skipped (#6)\n');
    expect(requests.filter((r) => /\/main\/\d+\//.test(r))).toEqual([]);
    expect(await runs(store)).toHaveLength(5);
  });

  it('the health report shows the pass-rate trend and the flaky test the flip on one commit reveals', async () => {
    const r = await cliAsync(['report', '--project', 'shop', '--store', store, '--format', 'md', '--as-of', '2026-11-09']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<summary>Flaky tests (1)</summary>\n\n- com.example.PriceTest::formatsCurrency\n');
    expect(r.stdout).toContain('| tests.flakyRate | ⚪ unrated | 25 % |');
    // Without --evidence the latest imported build is the current value (core currentEvidence), the three before it its trend.
    expect(r.stdout).toContain('| tests.passRate | ⚪ unrated | 66.67 % | 100 % |');
    expect(r.stdout).toContain('  title "Test pass rate"\n  x-axis ["-3", "-2", "-1", "now"]\n  y-axis "%"\n  line [100, 66.67, 100, 66.67]\n');
  });
});

describe('jenkins import, in parts', () => {
  it('--builds N imports the last N completed builds; a later import adds the older ones and still finds the flip', async () => {
    const fake = await startFakeJenkins({ user: USER, token: TOKEN, multibranch: ['shop'], jobs: { 'shop/main': shopBuilds() } });
    try {
      const store = `file:${tempDir()}/history`;
      const part = await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'shop/main', '--store', store, '--builds', '2', '--project', 'shop'], { env });
      expect(part.stdout).toBe('imported 2 new builds of "shop/main" into project "shop": 1 with a test report; 1 without one; 1 build still running, skipped (#6)\n');
      expect((await runs(store)).map((r) => r.buildId)).toEqual(['4', '5']);
      const rest = await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'shop/main', '--store', store], { env });
      expect(rest.stdout).toBe(
        'imported 3 new builds of "shop/main" into project "shop": 3 with a test report; 0 without one; 2 builds already in the store; 1 build still running, skipped (#6); 2 passes recorded from FIXED/REGRESSION on a repeated commit\n',
      );
      expect((await runs(store)).map((r) => [r.buildId, r.tests?.map((t) => t.outcome)])).toEqual([
        ['1', ['passed']],
        ['2', ['failed']],
        ['3', ['passed']],
        ['4', undefined],
        ['5', ['failed']],
      ]);
    } finally {
      await fake.close();
    }
  });

  it('reads credentials from user:token in --url when the environment has none, and names a folder job by its own name', async () => {
    const fake = await startFakeJenkins({ user: USER, token: TOKEN, jobs: { 'team/app': [pipelineBuild({ number: 1, timestamp: day(2), commit: A, job: 'team/app', report: junitReport(cases()) })] } });
    try {
      const store = `file:${tempDir()}/history`;
      const url = fake.url.replace('http://', `http://${USER}:${TOKEN}@`);
      const r = await cliAsync(['jenkins', 'import', '--url', url, '--job', 'team/app', '--store', store]);
      expect(r.stdout).toBe('imported 1 new build of "team/app" into project "app": 1 with a test report; 0 without one\n');
      expect(r.stderr).toBe('');
    } finally {
      await fake.close();
    }
  });
});

describe('jenkins import on a terminal', () => {
  it('shows a progress line updated in place, erased before the summary (stderr a TTY, through script(1))', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const { BIN } = await import('../helpers/cli.js');
    if (!existsSync('/usr/bin/script')) throw new Error('this test needs script(1) from util-linux to give the CLI a terminal');
    const builds = [1, 2].map((n) => pipelineBuild({ number: n, timestamp: day(n + 1), commit: A, job: 'app', report: junitReport(cases()) }));
    const fake = await startFakeJenkins({ jobs: { app: builds } });
    try {
      const cmd = [process.execPath, BIN, 'jenkins', 'import', '--url', fake.url, '--job', 'app', '--store', `file:${tempDir()}/h`].map((a) => `'${a}'`).join(' ');
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn('/usr/bin/script', ['-qefc', cmd, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', JENKINS_USER: undefined, JENKINS_TOKEN: undefined, JENKINS_URL: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
      expect(out).toBe('\rimporting app: 1/2 builds (#1)\x1b[K\rimporting app: 2/2 builds (#2)\x1b[K\r\x1b[Kimported 2 new builds of "app" into project "app": 2 with a test report; 0 without one\r\n');
    } finally {
      await fake.close();
    }
  });
});
