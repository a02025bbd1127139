/**
 * The part of the report's Markdown that is never dropped: the headline, the phase gates,
 * the KPI table and the early warnings (their evidence drops at level 2).
 */
import type { Report, ReportKpi } from '../types.js';
import { day, GATE_CELL, HEALTH_EMOJI, KPI_WORD, mdText, metricValue, plural, signedPercent, sparkline, table, type Rendered } from './format.js';

/** The one-line headline: health score and status, then the failing gates. */
export function headline(r: Report): string {
  const failing = r.phases.filter((p) => p.gate === 'fail').map((p) => p.phase);
  const evaluated = r.phases.filter((p) => p.gate !== 'not-evaluated').length;
  const gates = failing.length
    ? `${failing.length} of ${evaluated} gates failing: ${failing.join(', ')}`
    : evaluated ? `no gate failing (${evaluated} of ${r.phases.length} evaluated)` : 'no gate evaluated';
  const h = r.health;
  const score = h.score === null ? 'health not scored' : `health ${h.score}/100 (${h.status})`;
  return `### ${HEALTH_EMOJI[h.status ?? 'none']} ${mdText(r.project)} ${score} — ${gates}`;
}

function kpiCounts(kpis: readonly ReportKpi[]): string {
  const order = ['red', 'amber', 'green', 'unrated', 'not-measured'] as const;
  return order.map((s) => [s, kpis.filter((k) => k.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s.replace('-', ' ')}`).join(', ');
}

/** The line under the headline: tier, policy, status date and KPI counts. */
export function context(r: Report): string {
  const parts = [r.tier && `tier ${mdText(r.tier)}`, r.policy && `policy ${mdText(r.policy)}`, `as of ${mdText(r.asOf)}`, `KPIs: ${kpiCounts(r.kpis) || 'none'}`];
  return parts.filter(Boolean).join(' · ');
}

/** The five phases: gate state, failing rules, planned and actual dates, deviation. */
export function phaseTable(r: Report): string[] {
  const rows = r.phases.map((p) => [
    p.phase,
    GATE_CELL[p.gate],
    p.failing.length ? p.failing.map(mdText).join(', ') : '—',
    p.plannedStart ? `${day(p.plannedStart)} → ${day(p.plannedFinish)}` : '—',
    p.actualStart ? `${day(p.actualStart)} → ${p.actualFinish ? day(p.actualFinish) : 'running'}` : '—',
    signedPercent(p.deviationRate),
  ]);
  return ['', '#### Phase gates', '', ...table(['Phase', 'Gate', 'Failing rules', 'Planned', 'Actual', 'Deviation'], rows)];
}

function kpiRow(k: ReportKpi): string[] {
  const value = k.value === null ? `not measured: ${mdText(k.notMeasured ?? '')}` : mdText(metricValue(k.name, k.value));
  return [mdText(k.name), KPI_WORD[k.status], value, mdText(metricValue(k.name, k.previous)), sparkline(k.trend) || '—', k.rules.length ? k.rules.map(mdText).join(', ') : '—'];
}

/** Every KPI with status, value (or why it is not measured), previous value, trend and rules. */
export function kpiTable(r: Report): string[] {
  return ['', '#### KPIs', '', ...table(['KPI', 'Status', 'Value', 'Previous', 'Trend', 'Rules'], r.kpis.map(kpiRow))];
}

/** Early warnings with their recommended action; their evidence is dropped from level 2. */
export function warnings(r: Report, level: number): Rendered {
  if (r.warnings.length === 0) return { lines: [], dropped: [] };
  const lines = ['', '#### Early warnings', ''];
  for (const w of r.warnings) {
    lines.push(`- ⚠️ **${mdText(w.code)}**: ${mdText(w.message)} — *Action:* ${mdText(w.action)}`);
    if (level < 2) lines.push(...w.evidence.map((e) => `  - ${mdText([e.kind, e.ref, e.time, e.value === undefined ? undefined : String(e.value), e.note].filter((x) => x !== undefined).join(' '))}`));
  }
  const withEvidence = r.warnings.filter((w) => w.evidence.length > 0).length;
  return { lines, dropped: level >= 2 && withEvidence ? [[2, `the evidence under ${plural(withEvidence, 'warning')}`]] : [] };
}
