// Start-up cost of `collect` on a small file against `--version` (issue 9: within 1.5×).
// The two commands alternate, 15 runs each, so both see the same machine load; the target is
// the ratio of the medians. Readers, ajv and YAML load only for what a run collects.
// Usage: npm run build && node bench/startup.bench.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report, runNode } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/phasegate.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-startup-'));
try {
  const small = path.join(dir, 'junit.xml');
  writeFileSync(small, '<testsuite name="s" tests="1"><testcase name="t"/></testsuite>\n');
  const version = [], collect = [];
  for (let i = 0; i < 15; i++) {
    version.push(runNode([cli, '--version']));
    collect.push(runNode([cli, 'collect', '--junit', small], { cwd: dir }));
  }
  const v = median(version.map((r) => r.ms)), c = median(collect.map((r) => r.ms));
  console.log(`--version: median ${v.toFixed(0)} ms; collect --junit (63-byte file): median ${c.toFixed(0)} ms`);
  if (version[0].cpuMs !== undefined) {
    const vc = median(version.map((r) => r.cpuMs)), cc = median(collect.map((r) => r.cpuMs));
    console.log(`  CPU (user + system): --version ${vc.toFixed(0)} ms, collect ${cc.toFixed(0)} ms, ratio ${(cc / vc).toFixed(2)}×`);
  }
  process.exitCode = report('collect of a small file / --version, median wall time of 15 alternating runs', c / v, '×', 1.5, 'lower') ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
