// The bundled GitHub Actions (issue 11): each bundle's size (target < 1.5 MB for phase-gate),
// and phase-gate's cold start: from spawning `node actions/phase-gate/dist/index.js` as the
// runner does to its first GitHub API request (target < 300 ms), beside the time `node -e 0`
// takes to start and exit on the same machine. Median of 15 alternating runs; the API is a
// local server that notes the first request and answers an empty list.
// Usage: npm run bundle && node bench/actions.bench.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let ok = true;
for (const name of readdirSync(path.join(root, 'actions')).filter((d) => statSync(path.join(root, 'actions', d)).isDirectory()).sort()) {
  const file = path.join(root, 'actions', name, 'dist', 'index.js');
  const mb = statSync(file).size / 1024 / 1024;
  ok = report(`actions/${name}/dist/index.js size`, mb, 'MB', 1.5) && ok;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-actions-bench-'));
let first;
const server = createServer((req, res) => {
  first?.();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('[]');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
try {
  const ws = path.join(dir, 'ws');
  mkdirSync(path.join(ws, 'reports'), { recursive: true });
  writeFileSync(path.join(ws, 'reports', 'junit.xml'), '<testsuite name="s" tests="1"><testcase name="t"/></testsuite>\n');
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, head: { sha: 'a'.repeat(40), repo: { full_name: 'acme/shop' } }, base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'acme/shop' } }, user: { login: 'dev' }, labels: [] } }));
  const env = {
    PATH: process.env.PATH, GITHUB_API_URL: `http://127.0.0.1:${server.address().port}`, GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'), GITHUB_SHA: 'c'.repeat(40), GITHUB_WORKSPACE: ws, RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'out'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary'), INPUT_PHASE: 'testing', INPUT_TIER: 'operational',
    INPUT_JUNIT: 'reports/*.xml', INPUT_TOKEN: 'ghs_bench', 'INPUT_POLICY-FROM': 'base', 'INPUT_WORKING-DIRECTORY': '.', INPUT_MODE: 'direct',
  };
  /** Milliseconds from spawn to the first API request (the child is then killed). */
  const toFirstRequest = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'actions/phase-gate/dist/index.js')], { cwd: ws, env, stdio: 'ignore' });
    first = () => {
      first = undefined;
      resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      child.kill();
    };
  });
  const bare = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
  const action = [], node = [];
  for (let i = 0; i < 15; i++) {
    action.push(await toFirstRequest());
    node.push(await bare());
  }
  const a = median(action), n = median(node);
  console.log(`phase-gate: spawn to first API request, median ${a.toFixed(0)} ms; node -e 0: median ${n.toFixed(0)} ms (ratio ${(a / n).toFixed(2)}×)`);
  ok = report('phase-gate cold start to its first API call, median of 15', a, 'ms', 300) && ok;
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
