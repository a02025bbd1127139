/**
 * The PMO's view: one row per project of a history store (tier, current phase, health score,
 * SPI, CPI, defect density, open warnings), each read from the project's health report
 * (core projectReport), so a row never disagrees with the report. Pure: the core reads the store.
 */
import { mdText } from '../gate/render/markdown.js';
import { PHASES } from '../policy/types.js';
import { measure, type LimitUnit } from './markdown/size.js';
import type { PortfolioRow } from './html/portfolio-types.js';
import type { Report } from './types.js';

export type { PortfolioRow };

/** What one portfolio row is read from: the project's report (core projectReport), so its values and score are the report's. */
export interface PortfolioInput {
  report: Report;
  /** Whether the project has a plan: without one and without verdicts, no current phase. */
  hasPlan: boolean;
}

const kpiValue = (report: Report, name: string): number | null => report.kpis.find((k) => k.name === name)?.value ?? null;

/** The portfolio row of one project: the values and health score of its report. */
export function portfolioRow({ report, hasPlan }: PortfolioInput): PortfolioRow {
  const passed = new Set(report.phases.filter((p) => p.gate === 'pass' || p.gate === 'warn').map((p) => p.phase));
  const evaluated = report.phases.some((p) => p.gate !== 'not-evaluated');
  const current = PHASES.find((p) => !passed.has(p)) ?? 'done';
  return {
    project: report.project,
    tier: report.tier,
    phase: evaluated || hasPlan ? current : null,
    health: report.health.score,
    healthStatus: report.health.status,
    spi: kpiValue(report, 'schedule.spi'),
    cpi: kpiValue(report, 'cost.cpi'),
    defectDensity: kpiValue(report, 'defects.density'),
    warnings: report.warnings.length,
    asOf: report.asOf,
  };
}

const cell = (x: number | null, digits: number): string => (x === null ? 'not measured' : x.toFixed(digits));

/** Options of renderPortfolioMarkdown; without them the whole table, no marker. */
export interface PortfolioMarkdownOptions {
  /** The most the text may take, in `unit`s; rows of the healthiest projects are left out first to fit. */
  limit?: number;
  unit?: LimitUnit;
  /** A hidden marker ending the text (a sticky PR comment finds itself by it). */
  marker?: string;
}

/** The order rows are kept in when not all fit: critical, at risk, not scored, healthy; lower scores first. */
const CONCERN: Record<string, number> = { critical: 0, 'at-risk': 1, none: 2, healthy: 3 };
const byConcern = (a: PortfolioRow, b: PortfolioRow): number =>
  CONCERN[a.healthStatus ?? 'none']! - CONCERN[b.healthStatus ?? 'none']! || (a.health ?? 0) - (b.health ?? 0) || (a.project < b.project ? -1 : a.project > b.project ? 1 : 0);

function portfolioText(all: readonly PortfolioRow[], shown: readonly PortfolioRow[], asOf: Date, opts: PortfolioMarkdownOptions): string {
  const atRisk = all.filter((r) => r.healthStatus === 'critical' || r.healthStatus === 'at-risk').length;
  const lines = [
    `### Portfolio: ${all.length} project${all.length === 1 ? '' : 's'}, ${atRisk} at risk or critical`,
    '',
    `as of ${asOf.toISOString()}`,
    '',
    '| Project | Tier | Current phase | Health | SPI | CPI | Defects per KLOC | Open warnings |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of [...shown].sort((a, b) => (a.project < b.project ? -1 : 1))) {
    const health = r.health === null ? 'not measured' : `${r.health} (${r.healthStatus ?? '—'})`;
    lines.push(`| ${mdText(r.project)} | ${r.tier ?? '—'} | ${r.phase ?? '—'} | ${health} | ${cell(r.spi, 2)} | ${cell(r.cpi, 2)} | ${cell(r.defectDensity, 2)} | ${r.warnings} |`);
  }
  const left = all.length - shown.length;
  if (left > 0) lines.push('', `> ✂️ Shortened to fit ${opts.limit!.toLocaleString('en-US')} ${opts.unit ?? 'bytes'}: left out ${left} project${left === 1 ? '' : 's'}, the healthiest first. The HTML and JSON portfolio have every project.`);
  if (opts.marker) lines.push('', opts.marker);
  return lines.join('\n') + '\n';
}

/**
 * The portfolio as Markdown: a headline and one table, projects by name. With a `limit`, the
 * rows of the healthiest projects are left out until it fits, and a note says how many.
 * Throws a RangeError when not even the headline fits.
 */
export function renderPortfolioMarkdown(rows: readonly PortfolioRow[], asOf: Date, opts: PortfolioMarkdownOptions = {}): string {
  const whole = portfolioText(rows, rows, asOf, opts);
  if (opts.limit === undefined || measure(whole, opts.unit ?? 'bytes') <= opts.limit) return whole;
  const kept = [...rows].sort(byConcern);
  const fits = (k: number): boolean => measure(portfolioText(rows, kept.slice(0, k), asOf, opts), opts.unit ?? 'bytes') <= opts.limit!;
  if (!fits(0)) throw new RangeError(`renderPortfolioMarkdown: the limit of ${opts.limit} ${opts.unit ?? 'bytes'} cannot hold even the headline`);
  let lo = 0;
  let hi = rows.length - 1; // the largest k that fits lies in [lo, hi]
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return portfolioText(rows, kept.slice(0, lo), asOf, opts);
}
