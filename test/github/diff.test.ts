/**
 * Added lines from a unified diff (src/github/diff.ts), checked against git itself: for random
 * edits of a file, the lines the parser finds in `git diff` with context (GitHub's `patch`
 * form) are exactly the new-side ranges of `git diff -U0`'s hunk headers, where a hunk holds
 * only changed lines.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addedLines } from '../../src/github/diff.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-diff-'));
const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
git('init', '-q');

/** The hunks of `git diff` without its file headers, as GitHub's `patch` field holds them. */
const patchOf = (diff: string): string => diff.slice(diff.indexOf('@@'));

describe('addedLines', () => {
  it('matches git diff -U0 on random edits', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(45), fc.constantFrom('add', 'del', 'change')), { maxLength: 12 }), (lines, edits) => {
        writeFileSync(path.join(dir, 'f.txt'), `${lines.join('\n')}\n`);
        git('add', 'f.txt');
        git('commit', '-qm', 'base', '--allow-empty');
        const next: string[] = [...lines];
        edits.forEach(([at, op], i) => {
          const k = Math.min(at, next.length);
          if (op === 'add') next.splice(k, 0, `new ${i}`);
          else if (op === 'del' && next.length > 1) next.splice(Math.min(k, next.length - 1), 1);
          else if (op === 'change' && next.length > 0) next[Math.min(k, next.length - 1)] = `changed ${i}`;
        });
        writeFileSync(path.join(dir, 'f.txt'), `${next.join('\n')}\n`);
        const expected = [...git('diff', '-U0', 'f.txt').matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].flatMap((m) =>
          Array.from({ length: m[2] === undefined ? 1 : Number(m[2]) }, (_, j) => Number(m[1]) + j),
        );
        const full = git('diff', 'f.txt');
        expect(full === '' ? [] : addedLines(patchOf(full))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('ignores "No newline at end of file" and reads a new file', () => {
    expect(addedLines('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file')).toEqual([2]);
    expect(addedLines('@@ -0,0 +1,3 @@\n+x\n+y\n+z')).toEqual([1, 2, 3]);
    expect(addedLines('Binary files differ')).toEqual([]);
  });
});
