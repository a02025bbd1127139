// A generated Jenkins for bench/jenkins-import.bench.mjs: job `bench/app` (a folder and a
// pipeline job) with BUILDS builds of CASES JUnit test cases each, built on request (nothing
// held in memory), in the shapes of test/fixtures/jenkins: WorkflowRun builds with the shared
// library's and the project's hudson.plugins.git.util.BuildData, hudson.tasks.junit.TestResult
// reports with suites of 20 cases. About 3 failures per build (a few of them persistent), 1 %
// skipped, and one flaky case that fails on every tenth build and passes on the next, which
// rebuilds the same commit (REGRESSION then FIXED). The newest build is still running.
// Usage: node bench/jenkins-server.mjs BUILDS CASES   (prints "listening URL" when ready)
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const BUILDS = Number(process.argv[2] ?? 1000);
const CASES = Number(process.argv[3] ?? 1000);
const T0 = Date.UTC(2025, 0, 1);
const sha = (s) => createHash('sha1').update(String(s)).digest('hex');
const commitOf = (n) => sha(n % 10 === 1 ? n - 1 : n);
const FLAKY = Math.floor(CASES / 2);

function failing(n, i) {
  if (n < 1) return false;
  if (i === FLAKY) return n % 10 === 0;
  if (i % 100 === 99) return false; // skipped
  return (i * 31 + n * 17) % 1000 < 3 || (i === 7 && n % 50 < 5);
}

function status(n, i) {
  if (i % 100 === 99) return 'SKIPPED';
  const now = failing(n, i);
  const before = failing(n - 1, i);
  return now ? (before ? 'FAILED' : 'REGRESSION') : before ? 'FIXED' : 'PASSED';
}

function report(n) {
  const suites = [];
  for (let s = 0; s * 20 < CASES; s++) {
    const className = `com.example.module${s % 7}.Feature${s}Test`;
    const cases = [];
    for (let i = s * 20; i < Math.min(CASES, s * 20 + 20); i++) {
      const st = status(n, i);
      const failed = st === 'FAILED' || st === 'REGRESSION';
      cases.push({
        _class: 'hudson.tasks.junit.CaseResult',
        className,
        name: `test${i}ShouldHandleTheRequestCorrectly`,
        status: st,
        duration: ((i * 7 + n) % 50) / 100,
        errorDetails: failed ? `expected: <200> but was: <500> (case ${i})` : null,
        errorStackTrace: failed ? `org.opentest4j.AssertionFailedError: expected: <200> but was: <500>\n\tat org.junit.jupiter.api.AssertionFailureBuilder.build(AssertionFailureBuilder.java:151)\n\tat ${className}.test${i}ShouldHandleTheRequestCorrectly(Feature${s}Test.java:${40 + (i % 20)})\n` : null,
        skipped: st === 'SKIPPED',
      });
    }
    suites.push({ _class: 'hudson.tasks.junit.SuiteResult', name: className, cases });
  }
  let fail = 0;
  let skip = 0;
  for (const s of suites) for (const c of s.cases) if (c.status === 'SKIPPED') skip++; else if (c.errorDetails) fail++;
  return { _class: 'hudson.tasks.junit.TestResult', failCount: fail, passCount: CASES - fail - skip, skipCount: skip, suites };
}

function buildData(sha1, branch, remote) {
  return { _class: 'hudson.plugins.git.util.BuildData', lastBuiltRevision: { SHA1: sha1, branch: [{ SHA1: sha1, name: branch }] }, remoteUrls: [remote] };
}

function build(n, base) {
  const running = n === BUILDS;
  return {
    _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun',
    actions: [
      { _class: 'hudson.model.CauseAction' },
      buildData(sha('library'), 'main', 'https://git.example.com/platform/jenkins-library.git'),
      { _class: 'hudson.plugins.git.GitTagAction' },
      buildData(commitOf(n), 'refs/remotes/origin/main', 'https://git.example.com/acme/app.git'),
      ...(running ? [] : [{ _class: 'hudson.tasks.junit.TestResultAction' }]),
    ],
    building: running,
    duration: running ? 0 : 300_000 + (n % 17) * 1000,
    number: n,
    result: running ? null : n % 10 === 0 ? 'UNSTABLE' : 'SUCCESS',
    timestamp: T0 + n * 3_600_000,
    url: `${base}/job/bench/job/app/${n}/`,
  };
}

function summary(b) {
  const { number, building, result, timestamp, duration, url } = b;
  return { _class: b._class, number, building, result, timestamp, duration, url };
}

const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const base = `http://127.0.0.1:${server.address().port}`;
  const json = (v) => {
    const body = JSON.stringify(v);
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  let m;
  if (u.pathname === '/job/bench/api/json') return json({ _class: 'com.cloudbees.hudson.plugins.folder.Folder', name: 'bench' });
  if (u.pathname === '/job/bench/job/app/api/json') {
    const tree = u.searchParams.get('tree') ?? '';
    const range = /\{(\d*),(\d*)\}/.exec(tree);
    if (!tree.startsWith('allBuilds')) return json({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob', name: 'app', fullName: 'bench/app', url: `${base}/job/bench/job/app/` });
    const from = range?.[1] ? Number(range[1]) : 0;
    const to = Math.min(BUILDS, range?.[2] ? Number(range[2]) : BUILDS);
    const allBuilds = [];
    for (let i = from; i < to; i++) allBuilds.push(summary(build(BUILDS - i, base)));
    return json({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowJob', allBuilds });
  }
  if ((m = /^\/job\/bench\/job\/app\/(\d+)\/api\/json$/.exec(u.pathname))) return json(build(Number(m[1]), base));
  if ((m = /^\/job\/bench\/job\/app\/(\d+)\/testReport\/api\/json$/.exec(u.pathname)) && Number(m[1]) < BUILDS) return json(report(Number(m[1])));
  res.writeHead(404, { 'content-type': 'text/html' });
  res.end('<html><body>Not found</body></html>');
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
