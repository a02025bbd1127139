/**
 * The Jenkins shared library's Groovy harness (test/jenkins/library/Harness.groovy), run once in
 * one JVM with the Node running this test first on the PATH its stubbed `sh` sees: CI runs
 * test/jenkins under Node 20 and again under Node 24, so the library's steps run the bundled CLI
 * on both. Without `groovy` on the PATH the test fails under CI=true and skips elsewhere.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const HARNESS = path.join('test', 'jenkins', 'library', 'Harness.groovy');

function findGroovy(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v groovy'], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found === '' ? null : found;
}

interface HarnessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runHarness(groovy: string): Promise<HarnessRun> {
  return new Promise((resolve) => {
    execFile(
      groovy,
      [HARNESS, process.execPath],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Each failed scenario with the lines the harness printed under it. */
function failures(stdout: string): string[] {
  const out: string[] = [];
  let current: string[] | null = null;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('not ok - ')) {
      current = [line];
      out.push('');
    } else if (line.startsWith('ok - ') || /^\d+ passed, \d+ failed$/.test(line)) {
      current = null;
    } else if (current && line.startsWith('    ')) {
      current.push(line);
    }
    if (current) out[out.length - 1] = current.join('\n');
  }
  return out;
}

const groovy = findGroovy();
const inCi = process.env.CI === 'true';
if (!groovy && !inCi) {
  console.warn('test/jenkins/library.test.ts: skipped, groovy is not on the PATH (install Groovy 2.4 and a JRE to run the Jenkins library harness)');
}

describe('Jenkins shared library (Groovy harness, real bundled CLI)', () => {
  it.skipIf(!groovy && !inCi)(
    `runs every scenario of ${HARNESS} with this Node (${process.version}) and ends "N passed, 0 failed"`,
    async () => {
      if (!groovy) throw new Error('groovy is not on the PATH: CI must install Groovy 2.4 and a JRE (.ci/run) for the Jenkins library harness');
      const scenarios = (readFileSync(path.join(ROOT, HARNESS), 'utf8').match(/^h\.scenario\(/gm) ?? []).length;
      const run = await runHarness(groovy);
      const lines = run.stdout.trimEnd().split('\n');
      const closing = lines[lines.length - 1] ?? '';
      // One readable value: which scenarios failed and why, the closing line and the exit code.
      expect({ failed: failures(run.stdout), closing, code: run.code, stderr: run.code === 0 ? '' : run.stderr.slice(-4000) }).toEqual({
        failed: [],
        closing: `${scenarios} passed, 0 failed`,
        code: 0,
        stderr: '',
      });
    },
    20 * 60_000,
  );
});
