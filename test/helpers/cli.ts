/** Runs the built CLI as a separate process, as a user or a pipeline step would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'phasegate.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `phasegate ARGS` in `cwd` with a clean colour environment unless `env` says otherwise. */
export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder holding the given files. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'phasegate-test-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
  }
  return dir;
}

/** No stack trace and no internal-error text in a user-facing error output. */
export function expectNoStack(stderr: string): void {
  if (/\n\s+at .+:\d+:\d+/.test(stderr) || stderr.includes('internal error')) {
    throw new Error(`stack trace in user-facing output:\n${stderr}`);
  }
}

/**
 * Runs `phasegate ARGS` so that file permissions apply to it. Root reads every file, so as
 * root the CLI runs through util-linux's setpriv without the capabilities that bypass
 * permission checks (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): still uid 0, so it reaches this
 * checkout wherever it lies, but a mode-000 file or folder is closed to it.
 */
export function cliWithoutOverride(args: string[], opts: { cwd: string }): CliResult {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined };
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root
    ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd, argv, { cwd: opts.cwd, env, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${cmd} (${r.error.message}); as root, permission tests need setpriv from util-linux`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
