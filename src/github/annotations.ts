/**
 * Check run annotations from the evidence and the verdict: failed and errored tests, security
 * findings and static-analysis errors (on the lines the pull request adds, when they are
 * known), and new lines no test covers. Paths become repository-relative: report paths are
 * relative to the working directory the reports were collected in (a monorepo package) or
 * absolute under the workspace; a path outside the repository cannot be annotated and is
 * counted, not sent. Ordered by what blocks most, and capped; the rest are counted.
 */
import path from 'node:path';
import type { EvidenceBundle, EvidenceItem } from '../evidence/types.js';
import type { AnnotationLevel, CheckAnnotation } from './client.js';

/** GitHub caps an annotation's message (and raw_details) at 64 KB. */
const MESSAGE_CAP = 60_000;
const TITLE_CAP = 255;

export interface RepoPaths {
  /** The checkout (GITHUB_WORKSPACE). */
  workspace: string;
  /** Where the reports were collected, relative to the workspace or absolute ('.' by default). */
  workingDirectory: string;
}

/** The repository-relative POSIX path of a report path, or null when it lies outside the repository. */
export function repoPath(file: string, paths: RepoPaths): string | null {
  const base = path.resolve(paths.workspace, paths.workingDirectory);
  const abs = path.isAbsolute(file) ? path.normalize(file) : path.resolve(base, file);
  const rel = path.relative(path.resolve(paths.workspace), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

const SECURITY: Record<string, [number, AnnotationLevel]> = { critical: [1, 'failure'], high: [2, 'failure'], medium: [4, 'warning'], low: [6, 'notice'] };
const ANALYSIS: Record<string, [number, AnnotationLevel]> = { error: [3, 'failure'], warning: [5, 'warning'], note: [7, 'notice'] };

/** [rank, level] of an item, or undefined when it is not annotated (passed tests, skipped…). */
function rankOf(item: EvidenceItem): [number, AnnotationLevel] | undefined {
  if (item.kind === 'test') return item.level === 'failed' || item.level === 'errored' ? [0, 'failure'] : undefined;
  const security = item.counts.some((c) => c.startsWith('security.'));
  return (security ? SECURITY : ANALYSIS)[item.level];
}

const cap = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export interface AnnotationPlan {
  annotations: CheckAnnotation[];
  /** Annotatable items beyond the cap. */
  overCap: number;
  /** Items with a path outside the repository or without a file. */
  unplaceable: number;
  /** Findings left out because they are not on a line the change adds. */
  offChange: number;
}

/**
 * The annotations for `evidence`, at most `max`. `added` maps repository paths to the lines
 * the change adds: findings elsewhere are left out (tests are always annotated).
 */
export function annotationsFor(evidence: EvidenceBundle, paths: RepoPaths, max: number, added?: ReadonlyMap<string, ReadonlySet<number>>): AnnotationPlan {
  const ranked: Array<[number, CheckAnnotation]> = [];
  let unplaceable = 0;
  let offChange = 0;
  for (const item of evidence.items) {
    const r = rankOf(item);
    if (!r) continue;
    const file = item.file ? repoPath(item.file, paths) : null;
    if (!file) {
      unplaceable++;
      continue;
    }
    const line = item.line && item.line > 0 ? item.line : 1;
    if (item.kind === 'finding' && added && !added.get(file)?.has(line)) {
      offChange++;
      continue;
    }
    const what = item.kind === 'test' ? (item.level === 'errored' ? 'Errored test' : 'Failed test') : `${item.level} finding`;
    ranked.push([r[0], {
      path: file,
      start_line: line,
      end_line: line,
      annotation_level: r[1],
      title: cap(`${what}: ${item.title}`, TITLE_CAP),
      message: cap(item.message?.trim() || item.title, MESSAGE_CAP),
      ...(item.details ? { raw_details: cap(item.details, MESSAGE_CAP) } : {}),
    }]);
  }
  for (const u of evidence.uncoveredNewLines ?? []) {
    const file = repoPath(u.file, paths);
    if (!file) {
      unplaceable += u.ranges.length;
      continue;
    }
    for (const { start, end } of u.ranges) {
      const lines = start === end ? `Line ${start} is` : `Lines ${start}–${end} are`;
      ranked.push([8, { path: file, start_line: start, end_line: end, annotation_level: 'warning', title: 'Uncovered new lines', message: `${lines} new and no test runs them.` }]);
    }
  }
  // Stable: items keep their report order within a rank.
  const sorted = ranked.map((r, i) => [r[0], i, r[1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((r) => r[2]);
  const limit = Math.max(0, max);
  return { annotations: sorted.slice(0, limit), overCap: Math.max(0, sorted.length - limit), unplaceable, offChange };
}

/** The repository paths and added lines of a pull request's files (from their patches). */
export function addedLinesByFile(files: ReadonlyArray<{ path: string; patch?: string }>, added: (patch: string) => number[]): Map<string, Set<number>> {
  return new Map(files.filter((f) => f.patch !== undefined).map((f) => [f.path, new Set(added(f.patch!))]));
}
