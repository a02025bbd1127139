/**
 * size.newKloc counts new code the way cloc counts the head file against the base file:
 * comment and blank lines are recognised in the context of the whole file. Regression for the
 * issue's case: lines added inside an existing doc comment, cut out of their file and counted
 * alone, looked like code, and new-code defect density came out too low.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { gitIn, tempDir } from './helpers.js';

const CLOC = createRequire(import.meta.url).resolve('cloc/lib/cloc');
const clocCode = (file: string): number => {
  const json = JSON.parse(execFileSync('perl', [CLOC, '--json', '--quiet', file], { encoding: 'utf8' })) as { SUM: { code: number } };
  return json.SUM.code;
};

const BASE = ['/**', ' * Adds fees.', ' */', 'export function fee(amount: number): number {', '  return amount * 0.01;', '}', ''].join('\n');
// Three lines added inside the existing doc comment (they read like code when cut out of it),
// and two code lines added to the function.
const HEAD = [
  '/**', ' * Adds fees.', ' * const rate = 0.01;', ' * return amount * rate;', ' * if (amount < 0) throw new Error();', ' */',
  'export function fee(amount: number): number {', '  if (amount < 0) throw new RangeError("negative");', '  const rate = 0.01;', '  return amount * 0.01;', '}', '',
].join('\n');

function repo(): { dir: string; git: ReturnType<typeof gitIn> } {
  const { dir, write } = tempDir();
  const git = gitIn(dir);
  git('init', '-q', '-b', 'main');
  write('src/fee.ts', BASE);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'change');
  write('src/fee.ts', HEAD);
  git('commit', '-q', '-am', 'change');
  return { dir, git };
}

describe('size.newKloc in context (cloc --diff of head against base)', () => {
  it('lines added inside an existing /** doc comment */ are comments: 2 new code lines, not 5', async () => {
    const { dir } = repo();
    const bundle = await collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], source: '.', base: 'main' });
    // Reference 1, counting the whole head and base files with cloc (only lines were added, so
    // the difference of code lines is the new code): 5 − 3 = 2.
    const base = path.join(dir, 'base.ts');
    writeFileSync(base, BASE);
    const whole = clocCode(path.join(dir, 'src/fee.ts')) - clocCode(base);
    expect(whole).toBe(2);
    // Reference 2, cloc's own --diff: 2 code lines added, none modified.
    const diff = JSON.parse(execFileSync('perl', [CLOC, '--diff', base, path.join(dir, 'src/fee.ts'), '--json', '--quiet'], { encoding: 'utf8' })) as { SUM: Record<string, { code: number }> };
    expect(diff.SUM.added!.code + diff.SUM.modified!.code).toBe(2);
    expect(bundle.metrics['size.newKloc']).toBe(0.002);
    // The added lines cut out of their file and counted alone gave 5 code lines (0.005 KLOC): one
    // defect tied to the change read 200 per KLOC instead of 500, 2.5× too low.
    expect(1 / bundle.metrics['size.newKloc']!).toBeCloseTo(500, 9);
  });

  it('a modified line counts once; a renamed file is compared with its old version; an added file counts whole', async () => {
    const { dir, write } = tempDir();
    const git = gitIn(dir);
    const consts = Array.from({ length: 20 }, (_, i) => `export const k${i} = ${i};`).join('\n');
    const before = `${BASE}${consts}\n`;
    git('init', '-q', '-b', 'main');
    write('src/fee.ts', before);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'change');
    git('mv', 'src/fee.ts', 'src/fees.ts');
    // one line modified, one code line added: git still sees a rename (most lines unchanged)
    write('src/fees.ts', before.replace('return amount * 0.01;', 'const rate = 0.01;\n  return amount * rate;'));
    write('lib/new.ts', '// new file\nexport const one = 1;\n\n/* block\n   comment */\nexport const two = 2;\n');
    git('add', '.');
    git('commit', '-q', '-m', 'rename, modify, add');
    expect(git('diff', '--name-status', '-M', 'main...HEAD').toString()).toMatch(/^R\d+\tsrc\/fee\.ts\tsrc\/fees\.ts$/m);
    const bundle = await collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], source: '.', base: 'main' });
    // fees.ts against main's fee.ts (cloc --diff): 1 added + 1 modified = 2;
    // lib/new.ts, added: its 2 code lines (cloc: 2 code, 3 comment, 1 blank). 4 in all.
    const base = path.join(dir, 'base.ts');
    writeFileSync(base, before);
    const diff = JSON.parse(execFileSync('perl', [CLOC, '--diff', base, path.join(dir, 'src/fees.ts'), '--json', '--quiet'], { encoding: 'utf8' })) as { SUM: Record<string, { code: number }> };
    expect([diff.SUM.added!.code, diff.SUM.modified!.code]).toEqual([1, 1]);
    expect(clocCode(path.join(dir, 'lib/new.ts'))).toBe(2);
    expect(bundle.metrics['size.newKloc']).toBe(0.004);
  });
});
