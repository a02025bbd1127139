/**
 * The long lists of the report's Markdown (test failures, flaky tests, new failures,
 * security findings), each collapsed. From drop level 3 a list keeps its first LIST_HEAD
 * entries; from level 5 it goes altogether. What was left out is named for the final note.
 */
import type { Report, ReportItem } from '../types.js';
import { details, mdText, num, plural, table, type Rendered } from './format.js';

/** How many entries a shortened list keeps. */
export const LIST_HEAD = 20;

interface ListSpec<T> {
  /** Singular noun for summaries and notes, e.g. `test failure`. */
  one: string;
  items: readonly T[];
  /** A table header, or none for a bullet list. */
  head?: readonly string[];
  row: (x: T) => string[];
}

/** One collapsed list rendered at `level`. */
export function list<T>(spec: ListSpec<T>, level: number): Rendered {
  const total = spec.items.length;
  if (total === 0) return { lines: [], dropped: [] };
  if (level >= 5) return { lines: [], dropped: [[5, `the list of ${plural(total, spec.one)}`]] };
  const shown = level >= 3 ? spec.items.slice(0, LIST_HEAD) : spec.items;
  const rows = shown.map(spec.row);
  const body = spec.head ? table(spec.head, rows) : rows.map((cells) => `- ${cells.join(' ')}`);
  const rest = total - shown.length;
  if (rest > 0) body.push('', `… and ${num(rest, 0)} more (left out)`);
  const what = `${spec.one.charAt(0).toUpperCase()}${spec.one.slice(1)}s`;
  const summary = rest > 0 ? `${what} (${num(total, 0)}, first ${shown.length} shown)` : `${what} (${num(total, 0)})`;
  return { lines: details(summary, body), dropped: rest > 0 ? [[3, `${plural(rest, spec.one)} beyond the first ${LIST_HEAD}`]] : [] };
}

const where = (i: ReportItem): string => (i.file ? mdText(`${i.file}${i.line === null ? '' : `:${i.line}`}`) : '—');

/** Failed and errored tests with location and message. */
export function failureList(r: Report, level: number): Rendered {
  return list({ one: 'test failure', items: r.tests.failures, head: ['Test', 'Outcome', 'Location', 'Message'], row: (i: ReportItem) => [mdText(i.title), mdText(i.level), where(i), mdText(i.message ?? '—')] }, level);
}

/** Flaky tests by id. */
export function flakyList(r: Report, level: number): Rendered {
  return list({ one: 'flaky test', items: r.tests.flaky, row: (id: string) => [mdText(id)] }, level);
}

/** Tests failing now that did not fail on the base branch. */
export function newFailureList(r: Report, level: number): Rendered {
  return list({ one: 'new failure', items: r.tests.newFailures, row: (id: string) => [mdText(id)] }, level);
}

/** Security findings with severity, location and message. */
export function findingList(r: Report, level: number): Rendered {
  return list({ one: 'security finding', items: r.security.findings, head: ['Severity', 'Finding', 'Location', 'Message'], row: (i: ReportItem) => [mdText(i.level), mdText(i.title), where(i), mdText(i.message ?? '—')] }, level);
}

/** The tests heading and counts line, then its lists. */
export function testsPart(r: Report, level: number): Rendered {
  const t = r.tests;
  const counts = t.total === null
    ? 'No test results.'
    : `${num(t.total, 0)} tests, ${num(t.passed, 0)} passed, ${num(t.failed, 0)} failed, pass rate ${t.passRate === null ? 'not measured' : `${num(t.passRate)} %`}; ${plural(t.flaky.length, 'flaky test')}, ${plural(t.newFailures.length, 'new failure')}.`;
  const parts = [failureList(r, level), flakyList(r, level), newFailureList(r, level)];
  return { lines: ['', '#### Tests', '', counts, ...parts.flatMap((p) => p.lines)], dropped: parts.flatMap((p) => p.dropped) };
}
