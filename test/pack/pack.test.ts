/**
 * The package as `npm pack` makes it works: the tarball is installed into an empty project
 * (its dependencies come from the npm registry) and every command runs from there through
 * `npx --no-install phasegate`, side by side with this checkout's CLI on the same inputs in a
 * folder of its own: both must give the same exit code and output, with no stack trace.
 * `npm test` builds dist/ first; the tarball is packed from it without running `prepare`
 * again, so that the build does not change under the other test files running meanwhile.
 * Slow (an npm install); it never skips.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectNoStack, ROOT, type CliResult } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment without the npm_* variables of the `npm test` that may be running this, and without colour. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));

function run(cmd: string, args: string[], cwd: string): CliResult {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `npm ARGS` and fails with its output unless it succeeds. */
function npm(args: string[], cwd: string): string {
  const r = run('npm', args, cwd);
  if (r.code !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return r.stdout;
}

let tmp: string;
let project: string;
let packed: Array<{ path: string }>;
/** The folders the installed CLI and this checkout's CLI run in. */
let work: { installed: string; checkout: string };
const started = Date.now();

const INPUTS: Record<string, string> = {
  'junit.xml': '<testsuite name="s" tests="2" failures="1"><testcase name="a"/><testcase name="b"><failure message="boom"/></testcase></testsuite>\n',
  'project.yaml': 'schemaVersion: 1\nname: project\nextends: operational\nphases:\n  testing:\n    - id: coverage-line\n      threshold: 75\n',
  'bad.yaml': 'schemaVersion: 1\nname: bad\nextends: operatonal\nphases:\n  testing:\n    - id: cov\n      metric: coverage.line\n      operater: ">="\n      threshold: 80\n',
};

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'phasegate-pack-'));
  const [info] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info!.files;
  project = path.join(tmp, 'project');
  mkdirSync(project);
  npm(['init', '-y'], project);
  npm(['install', '--no-audit', '--no-fund', path.join(tmp, info!.filename)], project);
  work = { installed: project, checkout: path.join(tmp, 'checkout') };
  mkdirSync(work.checkout);
  for (const dir of Object.values(work)) for (const [name, text] of Object.entries(INPUTS)) writeFileSync(path.join(dir, name), text);
  console.log(`npm pack and npm install of the tarball: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 900_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  console.log(`pack test: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
});

/** `phasegate ARGS` run by the installed package and by this checkout: the same result, no stack trace; returns it. */
function both(args: string[]): CliResult {
  const installed = run('npx', ['--no-install', 'phasegate', ...args], work.installed);
  const checkout = cli(args, { cwd: work.checkout, env: { NO_COLOR: undefined } });
  expectNoStack(installed.stderr);
  expect(installed).toEqual(checkout);
  return installed;
}

describe('the packed package', { timeout: 180_000 }, () => {
  it('holds what the CLI runs and the demo reads, and no build or test leftovers', () => {
    const files = packed.map((f) => f.path);
    for (const f of ['bin/phasegate.js', 'dist/cli/main.js', 'dist/generated/assets.js', 'dist/generated/validate-policy.js', 'dist/io/ajv-runtime.js', 'examples/acme-payments/demo.json', 'examples/acme-payments/.phasegate/plan.yaml', 'examples/acme-payments/history/build-history.mjs', 'policies/operational.yaml', 'schemas/policy.schema.json', 'package.json', 'README.md']) {
      expect(files, f).toContain(f);
    }
    const leftovers = /(^|\/)node_modules\/|^(examples\/[^/]+\/)?(test-output|coverage|\.phasegate\/demo)\/|^\.phasegate\/|^(src|test|bench|scripts|docs|actions|jenkins-plugin-bridge)\/|\.tgz$/;
    expect(files.filter((f) => leftovers.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('dist/') && !/\.js(\.map)?$/.test(f))).toEqual([]);
  });

  it('--help and --version', () => {
    const help = both(['--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout.startsWith('Usage: phasegate [options] [command]\n')).toBe(true);
    expect(both(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const release = both(['release', '--help']);
    expect([release.code, release.stderr]).toEqual([0, '']);
    expect(release.stdout.startsWith('Usage: phasegate release [options] [command]\n')).toBe(true);
  });

  it('demo: the example project shipped in the package, its five gates and its health report', () => {
    const r = both(['demo', '--out-dir', 'demo']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.startsWith('phasegate demo: acme-payments (policy phasegate.yaml, tier operational), evaluated as of 2026-11-21T09:00:00Z\n')).toBe(true);
    for (const f of ['evidence.json', 'testing.verdict.json', 'report.html', 'report.json']) expect(existsSync(path.join(project, 'demo', f)), f).toBe(true);
    expect(readFileSync(path.join(project, 'demo', 'report.json'), 'utf8')).toBe(readFileSync(path.join(work.checkout, 'demo', 'report.json'), 'utf8'));
  });

  it('policy: a built-in tier by name, a policy extending it, and one with mistakes', () => {
    const explain = both(['policy', 'explain', '--tier', 'operational', '--format', 'json']);
    expect(explain.code).toBe(0);
    expect(JSON.parse(explain.stdout)).toMatchObject({ policy: 'operational', tier: 'operational', layers: [{ name: 'tier:operational', file: 'policies/operational.yaml' }] });
    expect(both(['policy', 'validate', 'project.yaml'])).toEqual({ code: 0, stdout: '1 policy valid: project.yaml\n', stderr: '' });
    expect(both(['policy', 'validate', 'bad.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'phasegate: bad.yaml:3:10: extends "operatonal": file not found (did you mean "operational"?)\nphasegate: bad.yaml:8:7: unknown key "operater" in rule "cov" (did you mean "operator"?)\n',
    });
    // The tier file the package ships is the tier itself.
    const shipped = run('npx', ['--no-install', 'phasegate', 'policy', 'validate', 'node_modules/phasegate/policies/operational.yaml'], project);
    expect(shipped).toEqual({ code: 0, stdout: '1 policy valid: node_modules/phasegate/policies/operational.yaml\n', stderr: '' });
  });

  it('collect, gate, record, metrics and report against a file store', () => {
    expect(both(['collect', '--junit', 'junit.xml', '--out', 'evidence.json'])).toEqual({ code: 0, stdout: '', stderr: 'collected 9 metrics, 1 items, 0 documents into evidence.json\n' });
    expect(readFileSync(path.join(project, 'evidence.json'), 'utf8')).toBe(readFileSync(path.join(work.checkout, 'evidence.json'), 'utf8'));
    const gate = both(['gate', '--policy', 'project.yaml', '--phase', 'testing', '--evidence', 'evidence.json', '--now', '2026-11-27T00:00:00Z', '--format', 'json', '--out', 'verdict.json']);
    expect(gate).toEqual({ code: 1, stdout: '', stderr: 'testing gate fail: wrote verdict.json\n' });
    const verdict = JSON.parse(readFileSync(path.join(project, 'verdict.json'), 'utf8')) as { status: string; rules: Array<{ id: string; status: string }> };
    expect(verdict.status).toBe('fail');
    expect(verdict.rules.find((r) => r.id === 'tests-failed')?.status).toBe('fail');
    const store = ['--store', 'file:store', '--project', 'demo'];
    const recorded = both(['record', 'run', ...store, '--pipeline', 'ci', '--build', '1', '--commit', 'abc123', '--branch', 'main', '--evidence', 'evidence.json', '--verdict', 'verdict.json', '--time', '2026-11-26T10:00:00Z']);
    expect([recorded.code, recorded.stderr]).toEqual([0, '']);
    const metrics = both(['metrics', ...store, '--as-of', '2026-11-27T00:00:00Z', '--format', 'json']);
    expect([metrics.code, metrics.stderr]).toEqual([0, '']);
    expect(JSON.parse(metrics.stdout)).toMatchObject({ project: 'demo' });
    const report = both(['report', ...store, '--tier', 'operational', '--as-of', '2026-11-27T00:00:00Z', '--format', 'json']);
    expect([report.code, report.stderr]).toEqual([0, '']);
    expect(JSON.parse(report.stdout)).toMatchObject({ project: 'demo' });
    const markdown = both(['report', ...store, '--tier', 'operational', '--as-of', '2026-11-27T00:00:00Z', '--format', 'md']);
    expect([markdown.code, markdown.stderr]).toEqual([0, '']);
  });

  it('bad input: one line and exit 2', () => {
    for (const args of [['gate', '--phase', 'testing', '--tier', 'gold'], ['collect', '--junit', 'missing.xml'], ['gate', '--phase', 'testing', '--tier', 'operational', '--evidence', 'junit.xml']]) {
      const r = both(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.startsWith('phasegate: '), r.stderr).toBe(true);
      expect(r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('(run with --help')), r.stderr).toHaveLength(1);
    }
  });
});
