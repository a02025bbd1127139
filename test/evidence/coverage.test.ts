/** Coverage: LCOV, Cobertura and JaCoCo, merged, with report paths normalised to the source tree. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CoverageMap, readCoverageReport } from '../../src/evidence/coverage/index.js';
import { collectEvidence } from '../../src/evidence/index.js';
import { PathResolver } from '../../src/evidence/paths.js';
import { FIXTURES, REPO } from './helpers.js';

const TREE = path.join(FIXTURES, 'tree');
const EXAMPLE = path.join(REPO, 'examples/acme-payments');

async function coverage(cwd: string, files: string[]): Promise<{ map: CoverageMap; formats: string[] }> {
  const map = new CoverageMap();
  const paths = new PathResolver(cwd);
  const formats: string[] = [];
  for (const f of files) formats.push(await readCoverageReport(path.join(cwd, f), f, map, paths));
  return { map, formats };
}

const lines = (map: CoverageMap, file: string) => Object.fromEntries(map.files.get(file)?.lines ?? []);

describe('coverage formats', () => {
  it.each([
    // 3 lines (1, 2, 4) of which 2 hit; line 4 has 1 of 2 branches; the <methods> copy of line 1 is not counted twice
    ['cobertura.xml', 'cobertura', 'src/app/a.py', { 1: 1, 2: 0, 4: 2 }, 66.67, 50],
    // line 2 has no instructions (not a code line); 4 and 6 covered, 5 missed; branches 2/2 + 1/2
    ['jacoco.xml', 'jacoco', 'src/main/java/com/acme/Fee.java', { 4: 1, 5: 0, 6: 1 }, 66.67, 75],
    // an absolute path from the CI machine, matched to src/a.ts by its trailing segments
    ['lcov-a.info', 'lcov', 'src/a.ts', { 1: 1, 2: 1, 3: 0 }, 66.67, 50],
  ])('%s', async (file, format, source, expectedLines, line, branch) => {
    const { map, formats } = await coverage(TREE, [file]);
    expect(formats).toEqual([format]);
    expect([...map.files.keys()]).toEqual([source]);
    expect(lines(map, source)).toEqual(expectedLines);
    expect(map.metrics()).toEqual({ 'coverage.line': line, 'coverage.branch': branch });
  });

  it('merges reports: hits add up per line, branches take the best report', async () => {
    const { map } = await coverage(TREE, ['lcov-a.info', 'lcov-b.info']);
    // lcov-b writes the same file as src\a.ts (Windows separators)
    expect(lines(map, 'src/a.ts')).toEqual({ 1: 1, 2: 1, 3: 4, 4: 0 });
    expect(map.metrics()).toEqual({ 'coverage.line': 75, 'coverage.branch': 50 });
  });

  it('merges every format into one total', async () => {
    const { map } = await coverage(TREE, ['cobertura.xml', 'jacoco.xml', 'lcov-a.info', 'lcov-b.info']);
    // lines 2/3 + 2/3 + 3/4 = 7/10; branches 1/2 + 3/4 + 1/2 = 5/8
    expect(map.metrics()).toEqual({ 'coverage.line': 70, 'coverage.branch': 62.5 });
  });

  it('a real project: LCOV and Cobertura from @vitest/coverage-v8 agree with its README (75.42 % lines, 69.86 % branches)', async () => {
    const expected = { 'coverage.line': 75.42, 'coverage.branch': 69.86 };
    expect((await coverage(EXAMPLE, ['reports/lcov.info'])).map.metrics()).toEqual(expected);
    expect((await coverage(EXAMPLE, ['reports/cobertura-coverage.xml'])).map.metrics()).toEqual(expected);
    const both = await coverage(EXAMPLE, ['reports/lcov.info', 'reports/cobertura-coverage.xml']);
    expect(both.map.metrics()).toEqual(expected);
    expect([...both.map.files.keys()].sort()).toEqual(['src/confirmation.ts', 'src/fees.ts', 'src/fx.ts', 'src/index.ts', 'src/money.ts', 'src/settlement.ts']);
  });

  it('with no instrumented line there is no coverage metric', () => {
    expect(new CoverageMap().metrics()).toEqual({});
  });

  it('collects coverage through the public API', async () => {
    const bundle = await collectEvidence({ cwd: TREE, junit: [], coverage: ['*.info', '*.xml'], sarif: [], docs: [] });
    expect(bundle.metrics).toEqual({ 'coverage.line': 70, 'coverage.branch': 62.5 });
    expect(bundle.sources).toEqual([
      { kind: 'coverage', path: 'cobertura.xml', format: 'cobertura' },
      { kind: 'coverage', path: 'jacoco.xml', format: 'jacoco' },
      { kind: 'coverage', path: 'lcov-a.info', format: 'lcov' },
      { kind: 'coverage', path: 'lcov-b.info', format: 'lcov' },
    ]);
  });
});
