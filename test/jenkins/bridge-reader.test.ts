/** The pure parts of the Jenkins bridge: the test report reader, the BuildData rule, build URLs, the progress line. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import { collectEvidence } from '../../src/evidence/index.js';
import { TestTally } from '../../src/evidence/tests/tally.js';
import { gitFacts, shortBranch } from '../../src/jenkins/build-data.js';
import { parseBuildUrl } from '../../src/jenkins/collect.js';
import { readJenkinsTestReport } from '../../src/jenkins/test-report.js';
import { progressLine } from '../../src/cli/progress.js';
import { FIXTURES, fixture } from '../helpers/fake-jenkins.js';

function read(report: unknown, shown = 'report') {
  const tally = new TestTally();
  const changes = readJenkinsTestReport(report, shown, tally.emitter(shown));
  return { metrics: tally.metrics(), items: tally.items(), warnings: tally.warnings(), changes };
}

describe('Jenkins test report reader', () => {
  it('reads the test report recorded from a real Jenkins (an aggregated report with childReports)', () => {
    const r = read(fixture('testReportGet.json'), 'testReportGet.json');
    expect(r.metrics).toEqual({
      'tests.total': 1,
      'tests.runs': 1,
      'tests.passed': 1,
      'tests.failed': 0,
      'tests.errored': 0,
      'tests.skipped': 0,
      'tests.flaky': 0,
      'tests.duration': 9.172,
      'tests.passRate': 100,
    });
    expect(r.items).toEqual([]);
    // The recorded child declares 107 passed + 21 skipped but lists one case: counted as listed, and said.
    expect(r.warnings).toEqual([{ file: 'testReportGet.json', message: 'child 1: the report declares 128 tests but lists 1; counted as listed' }]);
    expect(r.changes).toEqual({ fixed: [], regressions: [] });
  });

  it('reads a JUnit TestResult: PASSED and FIXED pass, FAILED and REGRESSION fail, SKIPPED skips', () => {
    const r = read(fixture('testReport-junit.json'));
    expect(r.metrics).toEqual({
      'tests.total': 6,
      'tests.runs': 6,
      'tests.passed': 3,
      'tests.failed': 2,
      'tests.errored': 0,
      'tests.skipped': 1,
      'tests.flaky': 0,
      'tests.duration': 0.192,
      'tests.passRate': 60,
    });
    expect(r.items.map((i) => [i.id, i.level, i.message])).toEqual([
      ['com.example.CartTest::removesItem', 'failed', 'expected: <1> but was: <2>'],
      ['com.example.PriceTest::formatsCurrency', 'failed', 'expected: <€1.00> but was: <€1,00>'],
    ]);
    expect(r.items[0]!.details).toBe(
      'org.opentest4j.AssertionFailedError: expected: <1> but was: <2>\n\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n\tat com.example.CartTest.removesItem(CartTest.java:42)',
    );
    expect(r.warnings).toEqual([]);
    expect(r.changes).toEqual({ fixed: ['com.example.PriceTest::roundsHalfUp'], regressions: ['com.example.PriceTest::formatsCurrency'] });
  });

  it('reads every child of a matrix build (hudson.tasks.test.MatrixTestResult)', () => {
    const r = read(fixture('testReport-matrix.json'));
    expect(r.metrics).toMatchObject({ 'tests.total': 4, 'tests.passed': 3, 'tests.failed': 1, 'tests.skipped': 0, 'tests.duration': 0.541, 'tests.passRate': 75 });
    expect(r.items.map((i) => [i.id, i.message])).toEqual([['com.example.CartTest::removesItem', 'test timed out after 500 milliseconds']]);
    expect(r.warnings).toEqual([]);
  });

  it('counts a result that gives counts without cases as declared, with a warning', () => {
    const r = read({ _class: 'hudson.tasks.junit.TestResult', passCount: 5, failCount: 1, skipCount: 2 });
    expect(r.metrics).toMatchObject({ 'tests.total': 8, 'tests.passed': 5, 'tests.failed': 1, 'tests.skipped': 2 });
    expect(r.items.map((i) => i.id)).toEqual(['report::(declared failure 1 of 1)']);
    expect(r.warnings.map((w) => w.message)).toEqual(['report: the report declares 8 tests but lists no test cases; counted as declared']);
  });

  it('refuses JSON that is not a test report', () => {
    expect(() => read({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', number: 3 }, 'http://ci/job/a/3/')).toThrow(PhasegateError);
    expect(() => read([], 'x')).toThrow('x: not a Jenkins test report (no suites or childReports); check the URL names a build with JUnit results');
  });

  it('gives the same metrics and items as collect --junit on the JUnit XML behind the report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phasegate-jenkins-'));
    const report = fixture<{ suites: Array<{ name: string; cases: Array<Record<string, unknown>> }> }>('testReport-junit.json');
    const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
    for (const s of report.suites) {
      xml.push(`<testsuite name="${s.name}" tests="${s.cases.length}">`);
      for (const c of s.cases) {
        const head = `<testcase classname="${String(c.className)}" name="${String(c.name)}" time="${String(c.duration)}"`;
        if (c.status === 'SKIPPED') xml.push(`${head}><skipped/></testcase>`);
        else if (c.status === 'FAILED' || c.status === 'REGRESSION') xml.push(`${head}><failure message="${esc(String(c.errorDetails))}">${esc(String(c.errorStackTrace))}</failure></testcase>`);
        else xml.push(`${head}/>`);
      }
      xml.push('</testsuite>');
    }
    xml.push('</testsuites>');
    writeFileSync(path.join(dir, 'junit.xml'), xml.join('\n'));
    const fromXml = await collectEvidence({ junit: ['junit.xml'], coverage: [], sarif: [], docs: [], cwd: dir });
    const source = { shown: 'http://ci/job/shop/job/main/12/', format: 'jenkins-test-report', read: (emit: Parameters<typeof readJenkinsTestReport>[2]) => void readJenkinsTestReport(report, 'x', emit) };
    const fromJenkins = await collectEvidence({ junit: [], coverage: [], sarif: [], docs: [], cwd: dir, testSources: [source] });
    expect(fromJenkins.metrics).toEqual(fromXml.metrics);
    expect(fromJenkins.items).toEqual(fromXml.items);
    expect(fromJenkins.sources).toEqual([{ kind: 'junit', path: 'http://ci/job/shop/job/main/12/', format: 'jenkins-test-report' }]);
  });
});

describe('commit and branch from BuildData', () => {
  const actions = fixture<{ actions: unknown[] }>('build-pipeline.json').actions;
  const PROJECT = '9b2e4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a2c4e6b';
  const LIBRARY = '5f1c2a9e0b7d4c3a8e6f2b1d0c9a8b7e6d5c4b3a';

  it("takes the project's checkout, not the shared library's", () => {
    expect(gitFacts(actions, 'shop/main')).toEqual({ commit: PROJECT, branch: 'main' });
  });
  it('prefers the repository named in the job over the order of the actions', () => {
    expect(gitFacts([...actions].reverse(), 'shop/main')).toEqual({ commit: PROJECT, branch: 'main' });
    // No name matches: the last checkout (libraries load before the Jenkinsfile's checkout).
    expect(gitFacts(actions, 'nightly')).toEqual({ commit: PROJECT, branch: 'main' });
    expect(gitFacts([...actions].reverse(), 'nightly')).toEqual({ commit: LIBRARY, branch: 'main' });
  });
  it('--git-remote picks by remote URL, and nothing when none matches', () => {
    expect(gitFacts(actions, 'shop/main', 'jenkins-library')).toEqual({ commit: LIBRARY, branch: 'main' });
    expect(gitFacts(actions, 'shop/main', 'elsewhere.git')).toEqual({ commit: '', branch: '' });
  });
  it('no git data: an empty commit', () => {
    expect(gitFacts(fixture<{ actions: unknown[] }>('buildGet.json').actions, 'test')).toEqual({ commit: '', branch: '' });
    expect(gitFacts(undefined, 'x')).toEqual({ commit: '', branch: '' });
  });
  it('shortens branch refs', () => {
    expect(['refs/remotes/origin/main', 'refs/heads/release/1.2', 'origin/feature/x', 'main', 'refs/remotes/upstream/dev'].map(shortBranch)).toEqual(['main', 'release/1.2', 'feature/x', 'main', 'dev']);
  });
});

describe('build URLs', () => {
  it('takes a nested build URL apart', () => {
    expect(parseBuildUrl('https://ci.example.com/jenkins/job/team/job/shop%20app/job/main/42/')).toEqual({ root: 'https://ci.example.com/jenkins', job: 'team/shop app/main', number: 42 });
    expect(parseBuildUrl('http://localhost:8080/job/app/7')).toEqual({ root: 'http://localhost:8080', job: 'app', number: 7 });
  });
  it('refuses what is not a build URL, without its credentials', () => {
    expect(() => parseBuildUrl('http://ci/job/app/')).toThrow('--jenkins-build "http://ci/job/app/" is not a Jenkins build URL; give one like https://ci.example.com/job/folder/job/app/42/ (the job\'s URL and the build number)');
    expect(() => parseBuildUrl('http://bob:s3cr3t-token@ci/view/all/')).toThrow('--jenkins-build "http://bob:***@ci/view/all/" is not a Jenkins build URL');
    expect(() => parseBuildUrl('not a url')).toThrow('--jenkins-build "not a url" is not a URL');
  });
});

describe('progress line', () => {
  const stream = (tty: boolean) => {
    const out: string[] = [];
    return { out, s: { isTTY: tty, columns: 40, write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream };
  };
  it('is rewritten in place on a terminal and erased when done', () => {
    const { out, s } = stream(true);
    const p = progressLine(s);
    p.update('importing 1/2');
    p.update('importing 2/2');
    p.done();
    expect(out).toEqual(['\rimporting 1/2\x1b[K', '\rimporting 2/2\x1b[K', '\r\x1b[K']);
  });
  it('is silent when not a terminal', () => {
    const { out, s } = stream(false);
    const p = progressLine(s);
    p.update('importing 1/2');
    p.done();
    expect(out).toEqual([]);
  });
});

it('fixtures README names every fixture file', () => {
  const readme = readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');
  for (const f of ['buildGet.json', 'jobGet.json', 'testReportGet.json', 'build-pipeline.json', 'build-running.json', 'testReport-junit.json', 'testReport-matrix.json', 'crumbIssuer.json', 'job-multibranch-branch.json', 'job-multibranch-project.json', 'job-folder.json']) expect(readme).toContain(f);
});
