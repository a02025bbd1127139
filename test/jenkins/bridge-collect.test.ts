/** `phasegate collect --jenkins-build URL` (and `gate`, which shares the collect flags) against the fake Jenkins. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStack, tempDir } from '../helpers/cli.js';
import { cliAsync, fixture, pipelineBuild, startFakeJenkins, type FakeJenkins } from '../helpers/fake-jenkins.js';

const USER = 'ci-bot';
const TOKEN = '11f0c2d9e8b7a6f5e4d3c2b1a0918273';
const env = { JENKINS_USER: USER, JENKINS_TOKEN: TOKEN };

describe('collect --jenkins-build', () => {
  let fake: FakeJenkins;
  let build: (n: number) => string;
  beforeAll(async () => {
    fake = await startFakeJenkins({
      user: USER,
      token: TOKEN,
      multibranch: ['shop'],
      jobs: {
        'shop/main': [
          pipelineBuild({ number: 4, timestamp: Date.UTC(2026, 10, 5), commit: 'd'.repeat(40) }),
          { json: fixture('build-pipeline.json'), report: fixture('testReport-junit.json') },
          { json: fixture('build-running.json') },
        ],
      },
    });
    build = (n) => `${fake.url}/job/shop/job/main/${n}/`;
  });
  afterAll(() => fake.close());

  it("adds the build's test report to the bundle, as --junit would", async () => {
    const r = await cliAsync(['collect', '--jenkins-build', build(12)], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const bundle = JSON.parse(r.stdout) as { metrics: Record<string, number>; items: Array<{ id: string; level: string }>; sources: unknown[] };
    expect(bundle.metrics).toEqual({
      'tests.duration': 0.192,
      'tests.errored': 0,
      'tests.failed': 2,
      'tests.flaky': 0,
      'tests.passRate': 60,
      'tests.passed': 3,
      'tests.runs': 6,
      'tests.skipped': 1,
      'tests.total': 6,
    });
    expect(bundle.items.map((i) => [i.id, i.level])).toEqual([
      ['com.example.CartTest::removesItem', 'failed'],
      ['com.example.PriceTest::formatsCurrency', 'failed'],
    ]);
    expect(bundle.sources).toEqual([{ kind: 'junit', path: build(12), format: 'jenkins-test-report' }]);
  });

  it('combines with --junit into one tally', async () => {
    const dir = tempDir({ 'junit.xml': '<testsuite name="s"><testcase classname="x.Y" name="z" time="1"/><testcase classname="x.Y" name="w" time="1"/></testsuite>' });
    const r = await cliAsync(['collect', '--junit', 'junit.xml', '--jenkins-build', build(12)], { env, cwd: dir });
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout) as { metrics: Record<string, number>; sources: unknown[] };
    expect(bundle.metrics).toMatchObject({ 'tests.total': 8, 'tests.passed': 5, 'tests.failed': 2, 'tests.skipped': 1, 'tests.duration': 2.192, 'tests.passRate': 71.43 });
    expect(bundle.sources).toEqual([
      { kind: 'junit', path: build(12), format: 'jenkins-test-report' },
      { kind: 'junit', path: 'junit.xml', format: 'junit' },
    ]);
  });

  it('a running build: exit 2, collect after it finishes', async () => {
    const r = await cliAsync(['collect', '--jenkins-build', build(13)], { env });
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    expect(r.stderr).toBe('phasegate: build #13 is still running; collect after it finishes (build #13 of job "shop/main")\n');
  });

  it('a build without test results: exit 2 unless --allow-empty', async () => {
    const r = await cliAsync(['collect', '--jenkins-build', build(4)], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('phasegate: build #4 of job "shop/main" has no test results: the job published no JUnit results (does it use the junit step?); pass --allow-empty to collect without them\n');
    const allowed = await cliAsync(['collect', '--jenkins-build', build(4), '--allow-empty'], { env });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('warning: --jenkins-build: the build published no test results (allowed by --allow-empty)\n');
    expect(JSON.parse(allowed.stdout)).toMatchObject({ metrics: {}, items: [], sources: [] });
  });

  it('an unknown build number, and a URL that is not a build, each in one line', async () => {
    const r = await cliAsync(['collect', '--jenkins-build', build(99)], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`phasegate: build #99 of job "shop/main" not found (HTTP 404) at ${fake.url}/job/shop/job/main/99/api/json; check the build number (it may have been discarded)\n`);
    const notBuild = await cliAsync(['collect', '--jenkins-build', `${fake.url}/job/shop/`], { env });
    expect(notBuild.code).toBe(2);
    expect(notBuild.stderr).toBe(`phasegate: --jenkins-build "${fake.url}/job/shop/" is not a Jenkins build URL; give one like https://ci.example.com/job/folder/job/app/42/ (the job's URL and the build number)\n`);
  });

  it('credentials in the build URL work and are never printed', async () => {
    const withCreds = build(99).replace('http://', `http://${USER}:${TOKEN}@`);
    const r = await cliAsync(['collect', '--jenkins-build', withCreds]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`phasegate: build #99 of job "shop/main" not found (HTTP 404) at ${fake.url}/job/shop/job/main/99/api/json; check the build number (it may have been discarded)\n`);
    const bad = await cliAsync(['collect', '--jenkins-build', build(12)], { env: { JENKINS_USER: USER, JENKINS_TOKEN: 'not-the-token-5678' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('not-the-token-5678');
    expect(bad.stderr).toContain('(HTTP 401)');
  });

  it('gate takes the flag too: the failed tests fail the testing gate', async () => {
    const r = await cliAsync(['gate', '--phase', 'testing', '--tier', 'operational', '--jenkins-build', build(12), '--format', 'json'], { env });
    expect(r.code).toBe(1);
    const verdict = JSON.parse(r.stdout) as { rules: Array<{ id: string; status: string; actual?: number }> };
    expect(verdict.rules.find((x) => x.id === 'tests-failed')).toMatchObject({ status: 'fail', actual: 2 });
  });
});
