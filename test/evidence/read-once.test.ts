/**
 * Issue 10: every input is read once (a file reached through a symbolic link or matched by two
 * globs counted 21 tests as 63), and a glob that finds only what it cannot read says so.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence, expand } from '../../src/evidence/index.js';
import { tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const collect = (extra: Partial<Parameters<typeof collectEvidence>[0]>) =>
  collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], ...extra });
const JUNIT = '<testsuites><testsuite name="s"><testcase classname="c" name="a"/><testcase classname="c" name="b"/><testcase classname="c" name="x"><failure message="no"/></testcase></testsuite></testsuites>';

describe('inputs read once', () => {
  write('once/reports/junit.xml', JUNIT);
  symlinkSync('reports', path.join(dir, 'once/link'));
  symlinkSync('reports/junit.xml', path.join(dir, 'once/alias.xml'));

  it('a file matched through a linked folder, a linked file and two globs counts once', async () => {
    const bundle = await collect({ junit: ['once/**/*.xml', 'once/reports/junit.xml', 'once/*.xml'] });
    expect(bundle.metrics).toMatchObject({ 'tests.total': 3, 'tests.failed': 1 });
    expect(bundle.sources.filter((s) => s.kind === 'junit').map((s) => s.path)).toEqual(['once/alias.xml']);
  });

  it('keeps the shown path of the first match (glob order, then sorted order)', () => {
    const files = expand(['once/reports/*.xml', 'once/**/*.xml'], '--junit', dir, false);
    expect(files).toEqual([path.join(dir, 'once/reports/junit.xml')]);
  });

  it('a document reached by two --docs entries or a link is one document', async () => {
    write('once/docs/req.md', '---\nsignoff:\n  - { by: Li Wei, role: pm, date: 2026-10-03 }\n---\n# R\n## REQ-1 a\n');
    mkdirSync(path.join(dir, 'once/docs2'));
    symlinkSync('../docs/req.md', path.join(dir, 'once/docs2/req.md'));
    const bundle = await collect({ docs: ['requirements=once/docs/*.md', 'requirements=once/docs2/*.md'] });
    expect(bundle.metrics).toMatchObject({ 'docs.requirements.present': 1, 'requirements.count': 1 });
  });
});

describe('a glob that finds only what it cannot read', () => {
  it('a FIFO: named, with the fix', async () => {
    mkdirSync(path.join(dir, 'fifo'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'fifo/junit.xml')]);
    expect(await userError(collect({ junit: ['fifo/*.xml'] }))).toBe('--junit fifo/*.xml: no regular file matches; found fifo/junit.xml (a FIFO (named pipe)); give readable regular files, or pass --allow-empty');
    expect(await userError(collect({ junit: ['fifo/junit.xml'] }))).toMatch(/^--junit fifo\/junit\.xml: no regular file matches; found fifo\/junit\.xml \(a FIFO \(named pipe\)\)/);
  });

  it('a dangling link: named with its target', async () => {
    mkdirSync(path.join(dir, 'dangling/deep'), { recursive: true });
    symlinkSync('gone.xml', path.join(dir, 'dangling/deep/junit.xml'));
    expect(await userError(collect({ junit: ['dangling/**/*.xml'] }))).toBe('--junit dangling/**/*.xml: no regular file matches; found dangling/deep/junit.xml (a symbolic link to gone.xml, which does not exist); give readable regular files, or pass --allow-empty');
    expect(await userError(collect({ junit: ['dangling/deep/junit.xml'] }))).toMatch(/found dangling\/deep\/junit\.xml \(a symbolic link to gone\.xml, which does not exist\)/);
  });

  it('a folder given where a file was expected', async () => {
    write('folder/r.xml/inner.txt', 'x');
    expect(await userError(collect({ junit: ['folder/r.xml'] }))).toMatch(/^--junit folder\/r\.xml: no regular file matches; found folder\/r\.xml \(a folder\)/);
  });

  it('nothing there at all is still "no file matches"', async () => {
    expect(await userError(collect({ junit: ['nowhere/*.xml'] }))).toBe('--junit nowhere/*.xml: no file matches; check the path and quoting, or pass --allow-empty');
  });
});
