/**
 * The PMO's view: one row per project of a history store (tier, current phase, health score,
 * SPI, CPI, defect density, open warnings), built from each project's records and latest
 * plan snapshot. Pure: the CLI reads the store.
 */
import { mdText } from '../gate/render/markdown.js';
import { computeKpis, type Plan } from '../metrics/index.js';
import { PHASES } from '../policy/types.js';
import type { HistoryRecord } from '../store/records.js';
import { buildReport } from './build.js';
import type { PortfolioRow } from './html/portfolio-types.js';
import { recordedTier, recordedVerdicts } from './recorded-verdicts.js';

export type { PortfolioRow };

export interface PortfolioInput {
  project: string;
  records: readonly HistoryRecord[];
  plan?: Plan;
  asOf: Date;
}

/** The portfolio row of one project. */
export function portfolioRow(input: PortfolioInput): PortfolioRow {
  const { project, asOf } = input;
  const records = [...input.records];
  const kpis = computeKpis({ project, asOf, records, plan: input.plan });
  const verdicts = recordedVerdicts(records, asOf);
  const report = buildReport({ project, tier: recordedTier(records), asOf, verdicts, kpis, history: records });
  const passed = new Set(report.phases.filter((p) => p.gate === 'pass' || p.gate === 'warn').map((p) => p.phase));
  const current = PHASES.find((p) => !passed.has(p)) ?? 'done';
  const k = kpis.kpis;
  return {
    project,
    tier: report.tier,
    phase: verdicts.length || input.plan ? current : null,
    health: report.health.score,
    healthStatus: report.health.status,
    spi: k['schedule.spi'] ?? null,
    cpi: k['cost.cpi'] ?? null,
    defectDensity: k['defects.density'] ?? null,
    warnings: report.warnings.length,
    asOf: asOf.toISOString(),
  };
}

const cell = (x: number | null, digits: number): string => (x === null ? 'not measured' : x.toFixed(digits));

/** The portfolio as Markdown: a headline and one table, projects by name. */
export function renderPortfolioMarkdown(rows: readonly PortfolioRow[], asOf: Date): string {
  const atRisk = rows.filter((r) => r.healthStatus === 'critical' || r.healthStatus === 'at-risk').length;
  const lines = [
    `### Portfolio: ${rows.length} project${rows.length === 1 ? '' : 's'}, ${atRisk} at risk or critical`,
    '',
    `as of ${asOf.toISOString()}`,
    '',
    '| Project | Tier | Current phase | Health | SPI | CPI | Defects per KLOC | Open warnings |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of [...rows].sort((a, b) => (a.project < b.project ? -1 : 1))) {
    const health = r.health === null ? 'not measured' : `${r.health} (${r.healthStatus ?? '—'})`;
    lines.push(`| ${mdText(r.project)} | ${r.tier ?? '—'} | ${r.phase ?? '—'} | ${health} | ${cell(r.spi, 2)} | ${cell(r.cpi, 2)} | ${cell(r.defectDensity, 2)} | ${r.warnings} |`);
  }
  return lines.join('\n') + '\n';
}
