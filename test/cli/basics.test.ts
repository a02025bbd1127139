import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, expectNoStack } from '../helpers/cli.js';

describe('phasegate basics', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = cli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([[[]], [['policy']], [['policy', 'validate']], [['policy', 'explain']], [['gate']], [['collect']], [['demo']]])('%j --help prints usage and exits 0', (args) => {
    const r = cli([...args, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: phasegate/);
  });

  it('an unknown command exits 2 with one line', () => {
    const r = cli(['gaet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'gaet'");
    expectNoStack(r.stderr);
  });

  it('no command prints help and exits 2', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: phasegate');
  });
});
