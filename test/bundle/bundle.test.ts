/**
 * The core bundled into one file (scripts/bundle.mjs, as an action's dist/index.js will be)
 * works with nothing next to it: test/bundle/entry.ts is bundled into a temporary folder
 * outside the repository, where no package, schema or policy can be found, and run with node.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANNER, bundle } from '../../scripts/bundle.mjs';
import { renderExplain } from '../../src/cli/explain.js';
import { loadPolicy } from '../../src/policy/index.js';
import { ROOT } from '../helpers/cli.js';

let dir: string;
let file: string;
let bytes: number;
let cliFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'phasegate-bundle-'));
  file = path.join(dir, 'bundle.mjs');
  bytes = await bundle(path.join(ROOT, 'test/bundle/entry.ts'), file);
  console.log(`bundle of test/bundle/entry.ts: ${bytes} bytes (${(bytes / 1024).toFixed(0)} KiB)`);
  cliFile = path.join(dir, 'cli.mjs');
  const cliBytes = await bundle(path.join(ROOT, 'src/jenkins/cli-entry.ts'), cliFile);
  console.log(`bundle of the CLI (src/jenkins/cli-entry.ts, as the Jenkins library ships it): ${cliBytes} bytes (${(cliBytes / 1024).toFixed(0)} KiB)`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the core bundled into one file', () => {
  it('lies where nothing of the package can be found', () => {
    expect(path.relative(ROOT, dir).startsWith('..')).toBe(true);
    expect(() => createRequire(file).resolve('saxes')).toThrow(/Cannot find module/);
    const code = readFileSync(file, 'utf8');
    expect(code.startsWith(BANNER)).toBe(true);
    expect(code).not.toContain(ROOT);
    expect(bytes).toBe(Buffer.byteLength(code));
  });

  it('finds a tier by name, checks a policy, collects and validates evidence, evaluates a gate, knows its version', () => {
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const line = (step: string, value: unknown) => JSON.stringify({ step, value });
    // Where the tier sets tests-failed, and how many rules it has, as the unbundled code reads them.
    const at = readFileSync(path.join(ROOT, 'policies/operational.yaml'), 'utf8').split('\n').findIndex((l) => l.trim() === '- id: tests-failed') + 1;
    const rules = loadPolicy({ tier: 'operational' }).rules.length;
    expect(at).toBeGreaterThan(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      line('version', version),
      line('tier', { name: 'operational', tier: 'operational', layers: [{ name: 'tier:operational', file: 'policies/operational.yaml' }], rules, testsFailed: { file: 'policies/operational.yaml', line: at, col: 7, layer: 'tier:operational' } }),
      line('policy problems', [
        'bad.yaml:3:10: extends "operatonal": file not found (did you mean "operational"?)',
        'bad.yaml:8:7: unknown key "operater" in rule "cov" (did you mean "operator"?)',
      ]),
      line('evidence', { metrics: { 'tests.duration': 0, 'tests.errored': 0, 'tests.failed': 1, 'tests.flaky': 0, 'tests.passRate': 50, 'tests.passed': 1, 'tests.runs': 2, 'tests.skipped': 0, 'tests.total': 2 }, valid: [] }),
      line('invalid evidence', ['evidence.json: /metrics/tests.total: must be number (not a valid evidence bundle)']),
      line('gate', { status: 'fail', testsFailed: { status: 'fail', actual: 1 }, json: true }),
    ]);
  });

  it('runs the CLI bundled: version, a tier explained, and the demo, which needs examples/ of the package, says so in one line', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [cliFile, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const version = run('--version');
    expect([version.status, version.stdout, version.stderr]).toEqual([0, `${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`, '']);
    const explain = run('policy', 'explain', '--tier', 'innovation', '--format', 'json');
    expect([explain.status, explain.stderr]).toEqual([0, '']);
    expect(explain.stdout).toBe(renderExplain(loadPolicy({ tier: 'innovation' }), undefined, 'json'));
    const demo = run('demo');
    expect([demo.status, demo.stdout, demo.stderr]).toEqual([2, '', `phasegate: the demo's example project is not here (${fileURLToPath(new URL('../../../examples/acme-payments/demo.json', pathToFileURL(cliFile)))} not found); run the demo from an installed phasegate package, which holds examples/acme-payments\n`]);
  });
});
