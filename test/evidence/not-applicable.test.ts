/** Nothing to judge: new-code coverage over no instrumented added line is not applicable, not 0 % and not missing. */
import { describe, expect, it } from 'vitest';
import { CoverageMap } from '../../src/evidence/coverage/index.js';
import { newCodeCoverage } from '../../src/evidence/coverage/new-code.js';
import { collectEvidence, readEvidenceFile, serializeEvidence } from '../../src/evidence/index.js';
import { gitIn, tempDir } from './helpers.js';

const added = (entries: Record<string, number[]>) => new Map(Object.entries(entries).map(([f, ls]) => [f, new Set(ls)]));

function coverage(withBranches: boolean): CoverageMap {
  const map = new CoverageMap();
  map.line('src/a.ts', 1, 1);
  map.line('src/a.ts', 2, 0);
  if (withBranches) map.branch('src/a.ts', 1, 1, 2);
  return map;
}

describe('newCodeCoverage: nothing to judge', () => {
  it.each([
    ['no line added', {}, 'no added line is instrumented (no line added)'],
    ['lines only in files no report covers', { 'README.md': [1, 2, 3], 'docs/x.md': [1] }, 'no added line is instrumented (4 lines added, none in covered files)'],
    ['covered files, but only lines without instrumentation', { 'src/a.ts': [5, 6] }, 'no added line is instrumented (2 lines added, 2 in covered files, none of them instrumented)'],
  ])('%s: newLine and newBranch are n/a with the reason, and have no value', (_name, lines, reason) => {
    const r = newCodeCoverage(coverage(true), added(lines));
    expect(r.metrics).toEqual({});
    expect(r.notApplicable).toEqual({ 'coverage.newLine': reason, 'coverage.newBranch': reason });
    expect(r.uncovered).toEqual([]);
  });

  it('instrumented added lines without a branch: newBranch is n/a when the reports record branches', () => {
    const r = newCodeCoverage(coverage(true), added({ 'src/a.ts': [2] }));
    expect(r.metrics).toEqual({ 'coverage.newLine': 0 });
    expect(r.notApplicable).toEqual({ 'coverage.newBranch': 'no added line has a branch (1 line instrumented)' });
  });

  it('reports without any branch data leave newBranch missing, not n/a', () => {
    const r = newCodeCoverage(coverage(false), added({ 'src/a.ts': [1, 2] }));
    expect(r.metrics).toEqual({ 'coverage.newLine': 50 });
    expect(r.notApplicable).toEqual({});
  });

  it('a change with instrumented lines and branches has values and nothing n/a (0 % is a real value)', () => {
    const map = coverage(true);
    map.line('src/a.ts', 3, 0);
    const r = newCodeCoverage(map, added({ 'src/a.ts': [1, 3] }));
    expect(r.metrics).toEqual({ 'coverage.newLine': 50, 'coverage.newBranch': 50 });
    expect(r.notApplicable).toEqual({});
  });
});

describe('collect --base on a docs-only change', () => {
  const { dir, write } = tempDir();
  const git = gitIn(dir);
  git('init', '-q');
  write('src/app.ts', 'export function one(): number {\n  return 1;\n}\n');
  write('README.md', '# readme\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
  write('README.md', '# readme\n\nMore words.\nAnd more.\n');
  git('commit', '-q', '-am', 'docs');
  write('lcov.info', 'SF:src/app.ts\nDA:1,1\nDA:2,1\nBRDA:2,0,0,1\nend_of_record\n');
  const collect = () => collectEvidence({ cwd: dir, junit: [], coverage: ['lcov.info'], sarif: [], docs: [], base: 'main' });

  it('lists coverage.newLine and coverage.newBranch as not applicable, with no value', async () => {
    const bundle = await collect();
    const reason = 'no added line is instrumented (3 lines added, none in covered files)';
    expect(bundle.notApplicable).toEqual({ 'coverage.newBranch': reason, 'coverage.newLine': reason });
    expect(bundle.metrics).toEqual({ 'changes.files': 1, 'coverage.line': 100, 'coverage.branch': 100 });
  });

  it('round-trips through the bundle file and its schema', async () => {
    const bundle = await collect();
    expect(readEvidenceFile(write('evidence.json', serializeEvidence(bundle)))).toEqual(bundle);
  });

  it('with --source: 0 changed KLOC is a real size, and defects.newDensity over it is n/a', async () => {
    const bundle = await collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], base: 'main', source: 'src' });
    expect(bundle.metrics['size.newKloc']).toBe(0);
    expect(bundle.notApplicable).toEqual({ 'defects.newDensity': 'no code line added or changed since the base (size.newKloc is 0)' });
  });

  it('without --base nothing is n/a', async () => {
    const bundle = await collectEvidence({ cwd: dir, junit: [], coverage: ['lcov.info'], sarif: [], docs: [] });
    expect(bundle.notApplicable).toBeUndefined();
  });
});
