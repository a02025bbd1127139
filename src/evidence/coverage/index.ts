/** Coverage reports: LCOV, Cobertura XML or JaCoCo XML, detected by content, merged into one map. */
import { readHead } from '../files.js';
import type { PathResolver } from '../paths.js';
import { byRoot, readXml } from '../xml-stream.js';
import { readLcov } from './lcov.js';
import type { CoverageMap } from './model.js';
import { coberturaVisitor, jacocoVisitor } from './xml.js';

export { CoverageMap, percent } from './model.js';

const EXPECTED = 'an LCOV tracefile, a Cobertura <coverage> or a JaCoCo <report> root';

/** Reads one coverage report into `map`; returns its format. */
export async function readCoverageReport(file: string, shown: string, map: CoverageMap, paths: PathResolver): Promise<string> {
  if (!readHead(file, shown).trimStart().startsWith('<')) {
    await readLcov(file, shown, map, (p) => paths.normalise(p));
    return 'lcov';
  }
  let format = '';
  const visitor = byRoot((root) => {
    format = root === 'coverage' ? 'cobertura' : root === 'report' ? 'jacoco' : '';
    if (format === 'cobertura') return coberturaVisitor(map, (sources, filename) => paths.resolveAmong(sources, filename));
    if (format === 'jacoco') return jacocoVisitor(map, (rel) => paths.normalise(rel));
    return undefined;
  }, EXPECTED);
  await readXml(file, shown, visitor, EXPECTED);
  return format;
}
