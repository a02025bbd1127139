/**
 * `phasegate report`: the project health report (or the portfolio across every project of a
 * store) as Markdown, HTML or JSON, built from the history store, the current evidence and
 * verdicts, the policy and the plan.
 */
import { readEvidenceFile } from '../../evidence/index.js';
import { stableJson } from '../../io/json.js';
import { computeKpis } from '../../metrics/index.js';
import { loadPolicy } from '../../policy/index.js';
import type { EffectivePolicy, Tier } from '../../policy/types.js';
import { CHECK_RUN_SUMMARY_LIMIT, COMMENT_LIMIT, JOB_SUMMARY_LIMIT, buildReport, renderReportMarkdown, type MarkdownOptions, type Report } from '../../report/index.js';
import { portfolioRow, renderPortfolioMarkdown, type PortfolioRow } from '../../report/portfolio.js';
import { recordedTier, recordedVerdicts } from '../../report/recorded-verdicts.js';
import { openStore } from '../../store/open.js';
import { latestPlan, readHistory, reportStoreWarnings } from '../history-input.js';
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
  verdict?: string[];
  tier?: Tier;
  policy?: string;
  plan?: string;
  defects?: string;
  asOf?: Date;
  format: ReportFormat;
  markdownFor: MarkdownTarget;
  out?: string;
}

/** GitHub's limits for each place Markdown goes (docs/report.md). */
export const MARKDOWN_LIMITS: Record<MarkdownTarget, Pick<MarkdownOptions, 'limit' | 'unit'>> = {
  'job-summary': { limit: JOB_SUMMARY_LIMIT, unit: 'bytes' },
  'check-run': { limit: CHECK_RUN_SUMMARY_LIMIT, unit: 'characters' },
  comment: { limit: COMMENT_LIMIT, unit: 'characters' },
};

function policyOf(opts: ReportOptions): EffectivePolicy | undefined {
  if (opts.tier && opts.policy) throw usage('give either --tier or --policy, not both');
  const ref = opts.tier ? { tier: opts.tier } : opts.policy ? { file: opts.policy } : undefined;
  return ref ? loadPolicy(ref, { cwd: process.cwd() }) : undefined;
}

/** The project's report: given verdicts win over recorded ones for the same phase. */
async function projectReport(opts: ReportOptions, project: string, asOf: Date): Promise<Report> {
  const policy = policyOf(opts);
  const evidence = opts.evidence ? readEvidenceFile(opts.evidence) : undefined;
  const given = (opts.verdict ?? []).map(readVerdictFile);
  const history = await readHistory({ store: opts.store, project, plan: opts.plan, defects: opts.defects });
  reportStoreWarnings(history.warnings);
  const kpis = computeKpis({ project, asOf, records: history.records, plan: history.plan, defects: history.defects, evidence: evidence?.metrics });
  const recorded = recordedVerdicts(history.records, asOf).filter((v) => !given.some((g) => g.phase === v.phase));
  const verdicts = [...given, ...recorded];
  const tier = policy?.tier ?? given.find((v) => v.tier)?.tier ?? recordedTier(history.records);
  return buildReport({ project, tier, asOf, policy, verdicts, evidence, kpis, history: history.records });
}

async function portfolioRows(store: string, asOf: Date): Promise<PortfolioRow[]> {
  const s = await openStore(store);
  try {
    const rows: PortfolioRow[] = [];
    for (const project of await s.projects()) {
      const records = await s.query({ project });
      rows.push(portfolioRow({ project, records, plan: latestPlan(records), asOf }));
    }
    reportStoreWarnings(s.warnings());
    return rows;
  } finally {
    await s.close();
  }
}

async function renderHtml(kind: 'report', value: Report): Promise<string>;
async function renderHtml(kind: 'portfolio', value: PortfolioRow[]): Promise<string>;
async function renderHtml(kind: 'report' | 'portfolio', value: Report | PortfolioRow[]): Promise<string> {
  const html = await import('../../report/html/index.js');
  return kind === 'report' ? html.renderReportHtml(value as Report) : html.renderPortfolioHtml(value as PortfolioRow[], {});
}

/** Writes the report; 0 on success. */
export async function reportCommand(opts: ReportOptions): Promise<number> {
  if (Boolean(opts.project) === Boolean(opts.portfolio)) throw usage('give either --project NAME or --portfolio');
  const asOf = opts.asOf ?? new Date();
  if (opts.portfolio) {
    const rows = await portfolioRows(opts.store, asOf);
    const text = opts.format === 'json' ? stableJson({ schemaVersion: 1, asOf: asOf.toISOString(), projects: rows }) : opts.format === 'md' ? renderPortfolioMarkdown(rows, asOf) : await renderHtml('portfolio', rows);
    emit(text, opts.out);
    return 0;
  }
  const report = await projectReport(opts, opts.project!, asOf);
  const text =
    opts.format === 'json' ? stableJson(report) : opts.format === 'md' ? renderReportMarkdown(report, MARKDOWN_LIMITS[opts.markdownFor]) : await renderHtml('report', report);
  emit(text, opts.out);
  if (opts.out) process.stderr.write(`wrote the ${opts.format} health report of ${report.project} to ${opts.out}\n`);
  return 0;
}
