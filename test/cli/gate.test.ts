import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

const POLICY = `schemaVersion: 1
name: cli-test
tier: operational
phases:
  testing:
    - id: no-failed-tests
      metric: tests.failed
      operator: "=="
      threshold: 0
    - id: coverage
      metric: coverage.line
      operator: ">="
      threshold: 80
      hint: add tests for the fee module
    - id: no-flaky-tests
      metric: tests.flaky
      operator: "=="
      threshold: 0
      severity: warn
`;

const bundle = (metrics: Record<string, number>) => JSON.stringify({ schemaVersion: 1, metrics, items: [], documents: [], sources: [] });

function project(metrics: Record<string, number>) {
  return tempDir({ 'policy.yaml': POLICY, 'evidence.json': bundle(metrics) });
}

const gateArgs = ['gate', '--phase', 'testing', '--policy', 'policy.yaml', '--evidence', 'evidence.json', '--now', '2026-11-27T00:00:00Z'];

describe('phasegate gate', () => {
  it('exits 0 and says passed when every rule passes', () => {
    const r = cli(gateArgs, { cwd: project({ 'tests.failed': 0, 'coverage.line': 91.5, 'tests.flaky': 0 }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/testing gate passed/i);
  });

  it('exits 1 and explains each failing rule with its source and hint', () => {
    const r = cli(gateArgs, { cwd: project({ 'tests.failed': 0, 'coverage.line': 72.5, 'tests.flaky': 0 }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('coverage.line is 72.5 %; the policy requires >= 80 %');
    expect(r.stdout).toContain('add tests for the fee module');
    expect(r.stdout).toContain('at policy.yaml:10:7 (policy.yaml)');
  });

  it('warnings pass unless --fail-on-warn', () => {
    const dir = project({ 'tests.failed': 0, 'coverage.line': 85, 'tests.flaky': 2 });
    expect(cli(gateArgs, { cwd: dir }).code).toBe(0);
    expect(cli([...gateArgs, '--fail-on-warn'], { cwd: dir }).code).toBe(1);
  });

  it('--output writes the one verdict in several formats beside the text on stdout; a malformed --output is refused before anything is read', () => {
    const dir = project({ 'tests.failed': 1, 'coverage.line': 85, 'tests.flaky': 0 });
    const r = cli([...gateArgs, '--output', 'json=v.json', '--output', 'junit=v.xml', '--output', 'markdown=v.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/testing gate FAILED/);
    const json = cli([...gateArgs, '--format', 'json'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'v.json'), 'utf8')).toBe(json.stdout);
    expect(readFileSync(path.join(dir, 'v.xml'), 'utf8')).toBe(cli([...gateArgs, '--format', 'junit'], { cwd: dir }).stdout);
    expect(readFileSync(path.join(dir, 'v.md'), 'utf8')).toBe(cli([...gateArgs, '--format', 'markdown'], { cwd: dir }).stdout);
    for (const [bad, what] of [['xml=v.xml', 'names format "xml"'], ['v.xml', 'has no "="'], ['junit=', 'names no file']]) {
      const e = cli([...gateArgs, '--policy', 'missing.yaml', '--output', bad!], { cwd: dir });
      expect(e.code).toBe(2);
      expect(e.stderr).toBe(`phasegate: --output "${bad}" ${what}: write FORMAT=FILE with FORMAT one of text, json, junit, sarif, markdown, e.g. --output junit=phasegate-gate.xml (run with --help for usage)\n`);
      expectNoStack(e.stderr);
    }
  });

  it('writes the JSON verdict of the documented shape to --out', () => {
    const dir = project({ 'tests.failed': 1, 'coverage.line': 85, 'tests.flaky': 0 });
    const r = cli([...gateArgs, '--format', 'json', '--out', 'verdict.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const v = JSON.parse(readFileSync(path.join(dir, 'verdict.json'), 'utf8'));
    expect(v).toMatchObject({ schemaVersion: 1, phase: 'testing', tier: 'operational', status: 'fail', now: '2026-11-27T00:00:00.000Z' });
    expect(v.rules[0]).toEqual({
      id: 'no-failed-tests',
      kind: 'metric',
      status: 'fail',
      severity: 'fail',
      metric: 'tests.failed',
      actual: 1,
      operator: '==',
      threshold: 0,
      source: { file: 'policy.yaml', line: 6, col: 7, layer: 'policy.yaml' },
      waiver: null,
      message: 'tests.failed is 1; the policy requires == 0',
      hint: 'bring tests.failed down to == 0',
      evidence: [],
      evidenceCount: 0,
    });
  });

  it('gives byte-identical JSON for the same inputs', () => {
    const dir = project({ 'tests.failed': 0, 'coverage.line': 85, 'tests.flaky': 0 });
    const a = cli([...gateArgs, '--format', 'json'], { cwd: dir }).stdout;
    const b = cli([...gateArgs, '--format', 'json'], { cwd: dir }).stdout;
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(100);
  });

  it.each(['junit', 'sarif', 'markdown'])('renders --format %s', (format) => {
    const r = cli([...gateArgs, '--format', format], { cwd: project({ 'tests.failed': 0, 'coverage.line': 50, 'tests.flaky': 0 }) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('coverage');
  });

  it('colours only when asked: never with NO_COLOR or off a TTY', () => {
    const dir = project({ 'tests.failed': 0, 'coverage.line': 50, 'tests.flaky': 0 });
    expect(cli(gateArgs, { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(cli(gateArgs, { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(cli(gateArgs, { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });
});

describe('phasegate gate: could not evaluate (exit 2, one line, no stack, no output file)', () => {
  it.each([
    ['no policy', ['gate', '--phase', 'testing', '--evidence', 'evidence.json'], /give --tier .* or --policy FILE/],
    ['both policies', [...gateArgs, '--tier', 'strategic'], /either --tier or --policy/],
    ['no evidence', ['gate', '--phase', 'testing', '--policy', 'policy.yaml'], /give --evidence FILE or collect flags/],
    ['bad phase', ['gate', '--phase', 'qa', '--policy', 'policy.yaml', '--evidence', 'evidence.json'], /argument 'qa' is invalid/],
    ['bad --now', [...gateArgs, '--now', 'yesterday'], /ISO-8601/],
    ['missing policy file', ['gate', '--phase', 'testing', '--policy', 'nope.yaml', '--evidence', 'evidence.json'], /nope\.yaml/],
    ['missing evidence file', ['gate', '--phase', 'testing', '--policy', 'policy.yaml', '--evidence', 'nope.json'], /nope\.json/],
    ['unknown option', [...gateArgs, '--colour'], /unknown option '--colour'/],
  ])('%s', (_name, args, message) => {
    const dir = project({ 'tests.failed': 0 });
    const r = cli([...args, '--out', 'verdict.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expectNoStack(r.stderr);
    expect(existsSync(path.join(dir, 'verdict.json'))).toBe(false);
  });

  it('an evidence file that breaks its schema names the file and the problem', () => {
    const dir = tempDir({ 'policy.yaml': POLICY, 'evidence.json': JSON.stringify({ schemaVersion: 1, metrics: { 'tests.failed': 'none' } }) });
    const r = cli([...gateArgs, '--out', 'verdict.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: evidence\.json(:\d+:\d+)?: /m);
    expectNoStack(r.stderr);
    expect(existsSync(path.join(dir, 'verdict.json'))).toBe(false);
  });

  it('leaves an existing output file untouched when evaluation fails', () => {
    const dir = project({ 'tests.failed': 0 });
    writeFileSync(path.join(dir, 'verdict.json'), 'previous');
    const r = cli(['gate', '--phase', 'testing', '--policy', 'nope.yaml', '--evidence', 'evidence.json', '--out', 'verdict.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(dir, 'verdict.json'), 'utf8')).toBe('previous');
  });
});
