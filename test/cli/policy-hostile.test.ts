/**
 * Hostile policy files through the built CLI (issue 10): each gives one line naming the file
 * (and line) and the fix, exit 2, no stack trace, nothing of the file's content, under 2 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStack, ROOT, tempDir, type CliResult } from '../helpers/cli.js';

const SECRET = 'ghp_S3cr3tT0kenValue0123456789abcdefXYZ';
const secretFile = `root:*:19000:0:99999:7:::\ndeploy:$6$${SECRET}:19000::::::\ntoken: ${SECRET}\n`;
const head = (body: string, name = 'p'): string => `schemaVersion: 1\nname: ${name}\n${body}`;

/** A project folder `proj` inside a fresh temp folder, with `outside.yaml` (secret content) beside it. */
function project(files: Record<string, string | Buffer> = {}): { dir: string; outside: string } {
  const base = tempDir({ 'outside.yaml': secretFile });
  const dir = path.join(base, 'proj');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return { dir, outside: path.join(base, 'outside.yaml') };
}

/** Runs the CLI like `cli` does, killed after 10 s so that a hang fails instead of blocking the run. */
function timed(args: string[], cwd: string): CliResult & { ms: number } {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 10_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

// Each case must finish within 2 s beyond validating a small valid policy (Node's start, the CLI
// and the schema), which a loaded CI machine can make slow on its own.
let startup = 0;
beforeAll(() => {
  startup = timed(['policy', 'validate', 'policies/operational.yaml'], ROOT).ms;
});

/** Exit 2, one line on stderr matching `line`, nothing on stdout, no stack, no secret. */
function expectOneLine(r: CliResult & { ms: number }, line: RegExp): void {
  expect(r.code).toBe(2);
  expectNoStack(r.stderr);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(line);
  expect(r.stdout).toBe('');
  for (const piece of [SECRET, SECRET.slice(8, 24), 'root:*', 'deploy']) expect(`${r.stdout}${r.stderr}`).not.toContain(piece);
  expect(r.ms - startup).toBeLessThan(10_000); // a guard against hangs and blow-ups, not a timing
}

const OUTSIDE = /is outside the project; extends names a tier or a policy file under the working folder \(or a folder listed in PHASEGATE_POLICY_PATH\)$/;

describe('extends stays in the project', () => {
  it('refuses an absolute path to a secret file outside it, quoting nothing of it', () => {
    const { dir, outside } = project();
    writeFileSync(path.join(dir, 'p.yaml'), head(`extends: ${outside}\n`));
    const r = timed(['policy', 'validate', 'p.yaml'], dir);
    expectOneLine(r, /^phasegate: p\.yaml:3:10: extends ".*": /);
    expect(r.stderr.trim()).toMatch(OUTSIDE);
  });

  it.runIf(existsSync('/etc/shadow'))('refuses extends: /etc/shadow', () => {
    const { dir } = project({ 'p.yaml': head('extends: /etc/shadow\n') });
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "\/etc\/shadow": is outside the project/);
  });

  it('refuses a ../ escape', () => {
    const { dir } = project({ 'p.yaml': head('extends: [operational, ../outside.yaml]\n') });
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:24: extends "\.\.\/outside\.yaml": is outside the project/);
  });

  it('refuses a symlink inside the project that leads outside', () => {
    const { dir, outside } = project({ 'p.yaml': head('extends: org.yaml\n') });
    symlinkSync(outside, path.join(dir, 'org.yaml'));
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "org\.yaml": leads \(through a symbolic link\) to a file outside the project/);
  });

  it('gate --policy refuses the same before reading any evidence', () => {
    const { dir } = project({ 'p.yaml': head('extends: ../outside.yaml\n') });
    expectOneLine(timed(['gate', '--phase', 'testing', '--policy', 'p.yaml', '--evidence', 'none.json'], dir), OUTSIDE);
  });

  it('reaches a folder listed in PHASEGATE_POLICY_PATH', () => {
    const { dir, outside } = project({ 'p.yaml': head('extends: ../org/org.yaml\n') });
    const org = path.join(path.dirname(outside), 'org');
    mkdirSync(org);
    writeFileSync(path.join(org, 'org.yaml'), head('extends: operational\n', 'org'));
    expect(cli(['policy', 'validate', 'p.yaml'], { cwd: dir }).stderr.trim()).toMatch(OUTSIDE);
    const r = cli(['policy', 'validate', 'p.yaml'], { cwd: dir, env: { PHASEGATE_POLICY_PATH: org } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('only regular files of at most 64 KB are read', () => {
  it('refuses /dev/zero given directly, and through extends', () => {
    const { dir } = project({ 'p.yaml': head('extends: /dev/zero\n') });
    expectOneLine(timed(['gate', '--phase', 'testing', '--policy', '/dev/zero', '--evidence', 'none.json'], dir), /^phasegate: \/dev\/zero: is a device, not a file; give a regular policy file$/);
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "\/dev\/zero": is outside the project/);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const { dir } = project({ 'p.yaml': head('extends: pipe.yaml\n') });
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "pipe\.yaml": is a named pipe, not a file; give a regular policy file$/);
    expectOneLine(timed(['policy', 'validate', 'pipe.yaml'], dir), /^phasegate: pipe\.yaml: is a named pipe/);
  });

  it('refuses a folder', () => {
    const { dir } = project({ 'p.yaml': head('extends: org\n') });
    mkdirSync(path.join(dir, 'org'));
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "org": is a folder; give the policy file inside it$/);
  });

  it('refuses an oversized file before reading it', () => {
    const big = `${head('')}# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const { dir } = project({ 'big.yaml': big, 'p.yaml': head('extends: big.yaml\n') });
    expectOneLine(timed(['policy', 'validate', 'big.yaml'], dir), /^phasegate: big\.yaml: policy file is larger than 64 KB; a policy is a short text file, so give the right file or split it into layers$/);
    expectOneLine(timed(['policy', 'validate', 'p.yaml'], dir), /^phasegate: p\.yaml:3:10: extends "big\.yaml": policy file is larger than 64 KB/);
  });
});

describe('chains and YAML are bounded', () => {
  it('stops a 20,000-deep extends chain at 32 files', () => {
    const { dir } = project();
    for (let i = 0; i < 20_000; i++) writeFileSync(path.join(dir, `f${i}.yaml`), head(`extends: f${i + 1}.yaml\n`, `f${i}`));
    expectOneLine(timed(['policy', 'validate', 'f0.yaml'], dir), /^phasegate: f31\.yaml:3:10: extends chain deeper than 32 files; merge some layers$/);
  });

  it('refuses a YAML alias bomb', () => {
    const lines = [head(''), 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { dir } = project({ 'bomb.yaml': `${lines.join('\n')}\n` });
    expectOneLine(timed(['policy', 'validate', 'bomb.yaml'], dir), /^phasegate: bomb\.yaml: YAML aliases expand more than 100 times; write the values out/);
  });

  it('refuses deep nesting', () => {
    const { dir } = project({ 'deep.yaml': head(`x: ${'['.repeat(50_000)}\n`) });
    expectOneLine(timed(['policy', 'validate', 'deep.yaml'], dir), /^phasegate: deep\.yaml:3:\d+: YAML nested deeper than 64 levels; a policy needs a few, so flatten it$/);
  });

  it('does not print the lines of a non-policy file with a YAML error', () => {
    const { dir } = project({ 'p.yaml': head('extends: creds.yaml\n'), 'creds.yaml': `[auth]\n  token = "${SECRET}"\n\tpassword: ${SECRET}\n` });
    const r = timed(['policy', 'validate', 'p.yaml'], dir);
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET.slice(8, 24));
    expect(r.stderr).toMatch(/^phasegate: creds\.yaml:\d+:\d+: YAML syntax error: /m);
  });
});
