/**
 * Coverage of the lines added since the base ref: `coverage.newLine`, `coverage.newBranch`,
 * the uncovered ranges, and which of the two metrics have nothing to judge.
 */
import type { AddedLines } from '../git.js';
import type { UncoveredLines } from '../types.js';
import { percent, type CoverageMap } from './model.js';

/** What new-code coverage finds: metric values, uncovered added lines, and the metrics with nothing to judge. */
export interface NewCodeCoverage {
  metrics: Record<string, number>;
  uncovered: UncoveredLines[];
  /**
   * Metric → reason, for a metric whose denominator is zero: no added line is instrumented
   * (`coverage.newLine` and `coverage.newBranch`), or no instrumented added line has a branch
   * while the reports do record branches (`coverage.newBranch`). Such a metric has no value.
   */
  notApplicable: Record<string, string>;
}

const lines = (n: number): string => `${n} line${n === 1 ? '' : 's'}`;

/** Why no added line is instrumented, with the counts that show it. */
function noInstrumentedReason(added: number, inCovered: number): string {
  if (added === 0) return 'no added line is instrumented (no line added)';
  if (inCovered === 0) return `no added line is instrumented (${lines(added)} added, none in covered files)`;
  return `no added line is instrumented (${lines(added)} added, ${inCovered} in covered files, none of them instrumented)`;
}

function hasBranches(map: CoverageMap): boolean {
  for (const f of map.files.values()) if (f.branches.size > 0) return true;
  return false;
}

/** Instrumented added lines only count: blank lines, comments and declarations have no coverage. */
export function newCodeCoverage(map: CoverageMap, added: AddedLines): NewCodeCoverage {
  let total = 0, inCovered = 0, instrumented = 0, covered = 0, branches = 0, branchesCovered = 0;
  const uncovered: UncoveredLines[] = [];
  for (const [file, addedLines] of [...added].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    total += addedLines.size;
    const cov = map.files.get(file);
    if (!cov) continue;
    inCovered += addedLines.size;
    const missed: number[] = [];
    for (const n of [...addedLines].sort((a, b) => a - b)) {
      const hits = cov.lines.get(n);
      if (hits !== undefined) {
        instrumented++;
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
  const notApplicable: Record<string, string> = {};
  if (instrumented > 0) metrics['coverage.newLine'] = percent(covered, instrumented);
  else notApplicable['coverage.newLine'] = noInstrumentedReason(total, inCovered);
  if (branches > 0) metrics['coverage.newBranch'] = percent(branchesCovered, branches);
  else if (instrumented === 0) notApplicable['coverage.newBranch'] = notApplicable['coverage.newLine']!;
  // Reports without any branch data say nothing about branches: the metric is missing, not n/a.
  else if (hasBranches(map)) notApplicable['coverage.newBranch'] = `no added line has a branch (${lines(instrumented)} instrumented)`;
  return { metrics, uncovered, notApplicable };
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
