/** Shared helpers of the evidence tests: temp folders and located-error assertions. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { PhasegateError } from '../../src/errors.js';

/** The real test reports in ../shared (MIT-licensed, from dorny/test-reporter; LICENSE beside them). */
export const DORNY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/test-reports/dorny');
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/evidence');
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A temp folder removed after the test file; `write` creates files in it. */
export function tempDir(): { dir: string; write: (rel: string, content: string | Buffer) => string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-evidence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(rel, content) {
      const file = path.join(dir, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
  };
}

/** Runs git in `dir` with a fixed identity and `main` as the first branch, whatever the machine's git config says. */
export function gitIn(dir: string): (...args: string[]) => Buffer {
  return (...args) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
}

/** Awaits `p` and returns the single-line message of the PhasegateError it must throw. */
export async function userError(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(PhasegateError);
    const message = (err as Error).message;
    expect(message).not.toMatch(/\n\s+at /);
    return message;
  }
  throw new Error('expected a PhasegateError, but nothing was thrown');
}
