/**
 * The health report in GitHub-flavoured Markdown (PR comment, job summary, check-run
 * summary). A one-line headline comes first, then the gates, KPIs and warnings, then
 * collapsed detail. To fit a size limit whole parts are dropped in DROP_ORDER (never a cut
 * row or table) and a final note says what was left out; a hidden marker ends the text so
 * a PR comment can be found and updated in place.
 */
import type { Report } from '../types.js';
import { chartsPart } from './charts.js';
import { mdText, type Dropped, type Rendered } from './format.js';
import { testsPart } from './lists.js';
import { context, headline, kpiTable, phaseTable, warnings } from './overview.js';
import { performancePart } from './performance.js';
import { deliveryPart, qualityPart, releasesPart, schedulePart, waiversPart } from './sections.js';
import { measure, type LimitUnit } from './size.js';

/** What each drop level leaves out, in order; level n drops everything of levels 1..n. */
export const DROP_ORDER: readonly string[] = [
  'trend charts',
  'evidence under early warnings',
  'list entries beyond the first 20 (test failures, flaky tests, new failures, security findings)',
  'the earned-value table',
  'the remaining lists',
  'the waiver tables',
];

/** Options of renderReportMarkdown. */
export interface MarkdownOptions {
  /** The most the text may take, in `unit`s. */
  limit: number;
  /** How `limit` is counted: UTF-8 `bytes` (default; never fewer than characters) or UTF-16 `characters`. */
  unit?: LimitUnit;
  /** Hidden marker; default `<!-- phasegate:report:<project> -->`. */
  marker?: string;
}

/** The default marker of a project's report comment. */
export const reportMarker = (project: string): string => `<!-- phasegate:report:${project.replace(/--/g, '- -').replace(/>/g, '&gt;')} -->`;

function body(r: Report, level: number): Rendered {
  const parts = [warnings(r, level), testsPart(r, level), qualityPart(r, level), performancePart(r), schedulePart(r, level), deliveryPart(r), waiversPart(r, level), releasesPart(r), chartsPart(r, level)];
  return { lines: [headline(r), '', context(r), ...phaseTable(r), ...kpiTable(r), ...parts.flatMap((p) => p.lines)], dropped: parts.flatMap((p) => p.dropped) };
}

function note(dropped: readonly Dropped[], opts: Required<MarkdownOptions>): string[] {
  if (dropped.length === 0) return [];
  const inOrder = [...dropped].sort((a, b) => a[0] - b[0]).map(([, what]) => mdText(what));
  return ['', `> ✂️ Shortened to fit ${opts.limit.toLocaleString('en-US')} ${opts.unit}: left out ${inOrder.join('; ')}. The JSON report has everything.`];
}

/**
 * Renders the report as Markdown of at most `opts.limit` bytes (or characters). Throws a
 * RangeError when even the headline, the drop note and the marker do not fit.
 */
export function renderReportMarkdown(report: Report, opts: MarkdownOptions): string {
  const o: Required<MarkdownOptions> = { unit: 'bytes', marker: reportMarker(report.project), ...opts };
  const finish = (lines: string[], dropped: Dropped[]): string => `${[...lines, ...note(dropped, o), '', o.marker].join('\n')}\n`;
  for (let level = 0; level <= DROP_ORDER.length; level++) {
    const b = body(report, level);
    const text = finish(b.lines, b.dropped);
    if (measure(text, o.unit) <= o.limit) return text;
  }
  const bare = finish([headline(report)], [[DROP_ORDER.length + 1, 'every section but the headline: even the gate and KPI tables do not fit']]);
  if (measure(bare, o.unit) <= o.limit) return bare;
  throw new RangeError(`renderReportMarkdown: the limit of ${o.limit} ${o.unit} cannot hold even the headline`);
}
