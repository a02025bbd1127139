// `phasegate jenkins import` of 1,000 builds × 1,000 JUnit test cases each from a local
// generated Jenkins (bench/jenkins-server.mjs, in its own process) into a file store in a temp
// dir, through the built CLI: elapsed seconds and peak RSS (measured from outside), median of
// three runs, each into an empty store; then the heap peak (sampled in-process by
// bench/jenkins-import-heap.mjs, the same import code), and the peak RSS of an import of 100
// builds, to show memory bounded by about one build rather than growing with the builds.
// Targets: under 60 s; peak RSS within 1.5× of the 100-build import's.
// Usage: npm run build && node bench/jenkins-import.bench.mjs [BUILDS] [CASES]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report, runNode } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(here, '..', 'bin', 'phasegate.js');
const BUILDS = Number(process.argv[2] ?? 1000);
const CASES = Number(process.argv[3] ?? 1000);
const RUNS = 3;

async function startServer(builds, cases) {
  const child = spawn(process.execPath, [path.join(here, 'jenkins-server.mjs'), String(builds), String(cases)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      const m = /listening (\S+)/.exec(d);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`jenkins-server exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** One CLI import of `builds` completed builds into an empty store. */
function importOnce(url, builds, root, i) {
  const store = `file:${path.join(root, `s${i}`)}`;
  // The generated job's newest build is running; --builds asks for the completed ones before it.
  const r = runNode([BIN, 'jenkins', 'import', '--url', url, '--job', 'bench/app', '--builds', String(builds), '--store', store]);
  const m = /imported (\d+) new builds?/.exec(r.stdout);
  if (!m || Number(m[1]) !== builds) throw new Error(`expected ${builds} imported builds: ${r.stdout}${r.stderr}`);
  return r;
}

const root = mkdtempSync(path.join(os.tmpdir(), 'phasegate-jenkins-bench-'));
const server = await startServer(BUILDS + 1, CASES);
let ok = true;
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = importOnce(server.url, BUILDS, root, i);
    runs.push(r);
    console.log(`run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.rssMB?.toFixed(1) ?? '?'} MB — ${r.stdout.trim()}`);
  }
  ok = report(`jenkins import of ${BUILDS.toLocaleString('en')} builds × ${CASES.toLocaleString('en')} tests (median of ${RUNS})`, median(runs.map((r) => r.ms / 1000)), 's', 60, 'lower') && ok;
  const peak = Math.max(...runs.map((r) => r.rssMB ?? 0));
  console.log(`peak RSS (worst of ${RUNS}): ${peak.toFixed(1)} MB`);

  const heap = runNode(['--expose-gc', path.join(here, 'jenkins-import-heap.mjs'), server.url, String(BUILDS), `file:${path.join(root, 'heap')}`]);
  const h = JSON.parse(heap.stdout.trim().split('\n').at(-1));
  console.log(`heap: peak used ${h.heapPeakMB.toFixed(1)} MB (sampled every 20 ms), after the import ${h.heapEndMB.toFixed(1)} MB; that process's peak RSS ${h.rssPeakMB.toFixed(1)} MB`);

  const small = importOnce(server.url, Math.max(1, Math.round(BUILDS / 10)), root, 'small');
  console.log(`import of ${Math.round(BUILDS / 10)} builds: ${(small.ms / 1000).toFixed(2)} s, peak RSS ${small.rssMB?.toFixed(1) ?? '?'} MB`);
  if (small.rssMB && peak) ok = report(`peak RSS of ${BUILDS} builds against ${Math.round(BUILDS / 10)} builds (bounded by about one build)`, peak / small.rssMB, '×', 1.5, 'lower') && ok;
} finally {
  server.stop();
  rmSync(root, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
