/**
 * `phasegate report`: the project health report (or the portfolio across every project of a
 * store) as Markdown, HTML or JSON, built from the history store, the current evidence and
 * verdicts, the policy and the plan.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { readEvidenceFile } from '../../evidence/index.js';
import { stableJson } from '../../io/json.js';
import { loadPolicy } from '../../policy/index.js';
import type { EffectivePolicy, Tier } from '../../policy/types.js';
import type { ProjectHistory, RunRef } from '../../core/history.js';
import { portfolio, projectReport } from '../../core/report.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { EvidenceBundle } from '../../evidence/types.js';
import type { HtmlAssets, HtmlPage } from '../../report/html/index.js';
import { STYLESHEET_FILE } from '../../report/html/page.js';
import { CHECK_RUN_SUMMARY_LIMIT, COMMENT_LIMIT, JOB_SUMMARY_LIMIT, renderReportMarkdown, type MarkdownOptions, type Report } from '../../report/index.js';
import { pastRuns } from '../../report/kpis.js';
import { renderPortfolioMarkdown, type PortfolioRow } from '../../report/portfolio.js';
import { openStore } from '../../store/open.js';
import { readHistory, reportStoreWarnings } from '../history-input.js';
import { kpiSettingsOf } from '../kpi-flags.js';
import { usage } from '../options.js';
import { emit } from '../output.js';
import { readVerdictFile } from '../verdict-input.js';

export type ReportFormat = 'md' | 'html' | 'json';
export type MarkdownTarget = 'job-summary' | 'check-run' | 'comment';

export interface ReportOptions {
  project?: string;
  portfolio?: boolean;
  store: string;
  evidence?: string;
  /** This run as `record run` recorded it: with --evidence, its record is not also an earlier run. */
  pipeline?: string;
  build?: string;
  verdict?: string[];
  tier?: Tier;
  policy?: string;
  plan?: string;
  defects?: string;
  asOf?: Date;
  format: ReportFormat;
  markdownFor: MarkdownTarget;
  /** HTML only: the stylesheet in the page (inline, the default) or in STYLESHEET_FILE beside --out. */
  htmlAssets?: HtmlAssets;
  out?: string;
  /** --dora-window and --base-branch (cli/kpi-flags.ts). */
  doraWindow?: number;
  baseBranch?: string;
}

/** GitHub's limits for each place Markdown goes (docs/report.md). */
export const MARKDOWN_LIMITS: Record<MarkdownTarget, Pick<MarkdownOptions, 'limit' | 'unit'>> = {
  'job-summary': { limit: JOB_SUMMARY_LIMIT, unit: 'bytes' },
  'check-run': { limit: CHECK_RUN_SUMMARY_LIMIT, unit: 'bytes' },
  comment: { limit: COMMENT_LIMIT, unit: 'bytes' },
};

function policyOf(opts: ReportOptions): EffectivePolicy | undefined {
  if (opts.tier && opts.policy) throw usage('give either --tier or --policy, not both');
  const ref = opts.tier ? { tier: opts.tier } : opts.policy ? { file: opts.policy } : undefined;
  return ref ? loadPolicy(ref, { cwd: process.cwd() }) : undefined;
}

function runOf(opts: ReportOptions): RunRef | undefined {
  if (opts.pipeline === undefined && opts.build === undefined) return undefined;
  if (!opts.pipeline || !opts.build) throw usage('give --pipeline and --build together: this run as `record run` recorded it');
  return { pipeline: opts.pipeline, build: opts.build };
}

const shellWord = (s: string): string => (/^[\w.:@/+=-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/**
 * With --evidence but no --pipeline and --build, this run cannot be told from an earlier one;
 * a latest recorded run with exactly the evidence's metrics is likely this run, counted twice.
 */
function warnIfRecorded(history: ProjectHistory, evidence: EvidenceBundle, asOf: Date): void {
  const latest = pastRuns({ project: history.project, asOf, history: history.records }).at(-1);
  if (!latest || stableJson(latest.metrics) !== stableJson(evidence.metrics)) return;
  const [pipeline, build] = [latest.pipeline, latest.buildId];
  process.stderr.write(`phasegate: warning: the latest recorded run, ${pipeline}#${build}, has exactly the metrics of --evidence: if it is this run, give --pipeline ${shellWord(pipeline)} --build ${shellWord(build)} so that it counts once in the trends\n`);
}

/**
 * The project's report (core/report.ts): given verdicts win over recorded ones for the same
 * phase; the run recorded as --pipeline and --build is the --evidence (core earlierRuns).
 */
async function projectReportOf(opts: ReportOptions, project: string, asOf: Date): Promise<Report> {
  const policy = policyOf(opts);
  const run = runOf(opts);
  const evidence = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const verdicts = (opts.verdict ?? []).map(readVerdictFile);
  const history = await readHistory({ store: opts.store, project, plan: opts.plan, defects: opts.defects });
  reportStoreWarnings(history.warnings);
  if (evidence && !run) warnIfRecorded(history, evidence, asOf);
  const settings = kpiSettingsOf(opts);
  return projectReport({ history, asOf, verdicts, settings, ...(policy ? { policy } : {}), ...(evidence ? { evidence } : {}), ...(run ? { run } : {}) });
}

/** Flags that name one project's inputs: the portfolio reads every project from the store alone. */
const PROJECT_ONLY: ReadonlyArray<[keyof ReportOptions, string]> = [['evidence', '--evidence'], ['pipeline', '--pipeline'], ['build', '--build'], ['verdict', '--verdict'], ['plan', '--plan'], ['defects', '--defects']];

/** The portfolio: each project's report from the store alone, rated against --policy or --tier when given. */
async function portfolioRows(opts: ReportOptions, asOf: Date): Promise<PortfolioRow[]> {
  const given = PROJECT_ONLY.find(([k]) => opts[k] !== undefined);
  if (given) throw usage(`${given[1]} names one project's input: give it with --project NAME, or leave it out of --portfolio (the portfolio reads each project from the store)`);
  const policy = policyOf(opts);
  const s = await openStore(opts.store);
  try {
    const { rows, warnings } = await portfolio(s, asOf, { settings: kpiSettingsOf(opts), ...(policy ? { policy } : {}) });
    reportStoreWarnings(warnings);
    return rows;
  } finally {
    await s.close();
  }
}

async function renderHtml(kind: 'report', value: Report, assets: HtmlAssets): Promise<HtmlPage>;
async function renderHtml(kind: 'portfolio', value: PortfolioRow[], assets: HtmlAssets): Promise<HtmlPage>;
async function renderHtml(kind: 'report' | 'portfolio', value: Report | PortfolioRow[], assets: HtmlAssets): Promise<HtmlPage> {
  const html = await import('../../report/html/index.js');
  return kind === 'report' ? html.renderReportPage(value as Report, { assets }) : html.renderPortfolioPage(value as PortfolioRow[], { assets });
}

/** The HTML assets asked for, checked before anything is read: `external` needs a file to sit beside. */
function htmlAssetsOf(opts: ReportOptions): HtmlAssets {
  if (opts.htmlAssets === undefined) return 'inline';
  if (opts.format !== 'html') throw usage(`--html-assets applies to --format html only: leave it out for --format ${opts.format}`);
  if (opts.htmlAssets === 'external') {
    if (!opts.out) throw usage(`--html-assets external writes ${STYLESHEET_FILE} beside the page: give --out FILE`);
    if (path.basename(opts.out) === STYLESHEET_FILE) throw usage(`--out ${opts.out} is where --html-assets external writes the stylesheet: give the page another name, e.g. --out report.html`);
  }
  return opts.htmlAssets;
}

const isFolder = (file: string): boolean => {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
};

/** Where the stylesheet of an external-assets page goes: beside the page. */
const stylesheetPath = (out: string): string => path.join(path.dirname(out), STYLESHEET_FILE);

/**
 * Writes an HTML page, and with external assets first its stylesheet beside it, each file
 * atomically: a reader never sees a half-written file, and never the new page without the
 * stylesheet it links. Returns the stylesheet's path, if one was written.
 */
function emitHtml(page: HtmlPage, out: string | undefined): string | undefined {
  if (page.stylesheet === null || out === undefined) {
    emit(page.html, out);
    return undefined;
  }
  // Checked here, not left to the page's write: the stylesheet would be written already.
  if (isFolder(out)) throw usage(`--out ${out} is a folder: give the page's file name, e.g. --out ${path.join(out, 'report.html')}`);
  const css = stylesheetPath(out);
  writeFileAtomic(css, page.stylesheet);
  emit(page.html, out);
  return css;
}

/** Writes the report; 0 on success. */
export async function reportCommand(opts: ReportOptions): Promise<number> {
  if (Boolean(opts.project) === Boolean(opts.portfolio)) throw usage('give either --project NAME or --portfolio');
  const assets = htmlAssetsOf(opts);
  const asOf = opts.asOf ?? new Date();
  if (opts.portfolio) {
    const rows = await portfolioRows(opts, asOf);
    if (opts.format === 'html') {
      const css = emitHtml(await renderHtml('portfolio', rows, assets), opts.out);
      if (css) process.stderr.write(`wrote the html portfolio to ${opts.out} and its stylesheet to ${css}\n`);
      return 0;
    }
    emit(opts.format === 'json' ? stableJson({ schemaVersion: 1, asOf: asOf.toISOString(), projects: rows }) : renderPortfolioMarkdown(rows, asOf), opts.out);
    return 0;
  }
  const report = await projectReportOf(opts, opts.project!, asOf);
  const css = opts.format === 'html' ? emitHtml(await renderHtml('report', report, assets), opts.out) : undefined;
  if (opts.format !== 'html') emit(opts.format === 'json' ? stableJson(report) : renderReportMarkdown(report, MARKDOWN_LIMITS[opts.markdownFor]), opts.out);
  if (opts.out) process.stderr.write(`wrote the ${opts.format} health report of ${report.project} to ${opts.out}${css ? ` and its stylesheet to ${css}` : ''}\n`);
  return 0;
}
