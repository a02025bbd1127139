/** Coverage of the lines added since the base ref: `coverage.newLine`, `coverage.newBranch` and the uncovered ranges. */
import type { AddedLines } from '../git.js';
import type { UncoveredLines } from '../types.js';
import { percent, type CoverageMap } from './model.js';

/** Instrumented added lines only count: blank lines, comments and declarations have no coverage. */
export function newCodeCoverage(map: CoverageMap, added: AddedLines): { metrics: Record<string, number>; uncovered: UncoveredLines[] } {
  let lines = 0, covered = 0, branches = 0, branchesCovered = 0;
  const uncovered: UncoveredLines[] = [];
  for (const [file, addedLines] of [...added].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cov = map.files.get(file);
    if (!cov) continue;
    const missed: number[] = [];
    for (const n of [...addedLines].sort((a, b) => a - b)) {
      const hits = cov.lines.get(n);
      if (hits !== undefined) {
        lines++;
        if (hits > 0) covered++;
        else missed.push(n);
      }
      const br = cov.branches.get(n);
      if (br) {
        branches += br[1];
        branchesCovered += Math.min(br[0], br[1]);
      }
    }
    if (missed.length > 0) uncovered.push({ file, ranges: toRanges(missed) });
  }
  const metrics: Record<string, number> = {};
  if (lines > 0) metrics['coverage.newLine'] = percent(covered, lines);
  if (branches > 0) metrics['coverage.newBranch'] = percent(branchesCovered, branches);
  return { metrics, uncovered };
}

function toRanges(sorted: number[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last.end + 1) last.end = n;
    else out.push({ start: n, end: n });
  }
  return out;
}
