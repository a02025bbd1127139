/**
 * The measured sections of the report's Markdown: coverage and security, defects, schedule
 * and cost (the earned-value table drops at level 4), DORA, the forecast and the waivers
 * (their tables drop at level 6; the count stays).
 */
import type { Report, ReportWaiver } from '../types.js';
import { frequencyText } from '../../metrics/dora.js';
import { findingList } from './lists.js';
import { day, details, mdText, num, plural, signedPercent, table, type Rendered } from './format.js';

const pct = (x: number | null): string => (x === null ? 'not measured' : `${num(x)} %`);
const NONE: Rendered = { lines: [], dropped: [] };

/** Coverage overall and on new code, findings by severity and the findings list. */
export function qualityPart(r: Report, level: number): Rendered {
  const c = r.coverage;
  const s = r.security;
  const findings = findingList(r, level);
  return {
    lines: [
      '', '#### Coverage, security and defects', '',
      `Coverage: line ${pct(c.line)}, branch ${pct(c.branch)}; new code: line ${pct(c.newLine)}, branch ${pct(c.newBranch)}.`, '',
      `Security findings: ${(['critical', 'high', 'medium', 'low', 'new'] as const).map((k) => `${k} ${s[k] === null ? '—' : num(s[k], 0)}`).join(', ')}.`, '',
      `Defect density: ${r.defects.density === null ? 'not measured' : `${num(r.defects.density)} per KLOC`}; new code ${r.defects.newDensity === null ? 'not measured' : `${num(r.defects.newDensity)} per KLOC`}; open ${num(r.defects.open, 0)} of ${num(r.defects.confirmed, 0)} confirmed.`,
      ...findings.lines,
    ],
    dropped: findings.dropped,
  };
}

/** Indices line and, below level 4, the earned-value table per phase. */
export function schedulePart(r: Report, level: number): Rendered {
  const s = r.schedule;
  if (!s) return { lines: ['', '#### Schedule and cost', '', 'Not measured: no plan given.'], dropped: [] };
  const cur = s.currency ? ` ${mdText(s.currency)}` : '';
  const lines = ['', '#### Schedule and cost', '',
    `SPI ${num(s.spi)}, SPI(t) ${num(s.spiT)}, CPI ${num(s.cpi)}; schedule deviation ${signedPercent(s.deviationRate)}, cost overrun ${signedPercent(s.overrunRate)}; EAC ${num(s.eac, 0)}${cur} of BAC ${num(s.bac, 0)}${cur}, due ${day(s.due)}.`];
  if (level >= 4) return { lines, dropped: [[4, 'the earned-value table']] };
  lines.push('', `SV(t) ${num(s.svT)} days, IEAC(t) ${num(s.ieacT, 1)} of ${num(s.plannedDays, 0)} planned days; ETC ${num(s.etc, 0)}${cur}; EAC = AC + (BAC − EV) ${num(s.eacAtypical, 0)}${cur}, EAC = AC + (BAC − EV) / (CPI × SPI) ${num(s.eacCpiSpi, 0)}${cur}; TCPI to BAC ${num(s.tcpiBac)}, to EAC ${num(s.tcpiEac)}.`);
  const basis = (e: (typeof s.table)[number]): string => (e.deviationBasis === 'forecast' ? ' (forecast)' : e.deviationBasis === 'elapsed' ? ' (elapsed ≥)' : '');
  const rows = s.table.map((e) => [e.phase, e.status, `${day(e.plannedStart)} → ${day(e.plannedFinish)}`, `${signedPercent(e.deviationRate)}${basis(e)}`, num(e.budget, 0), num(e.pv, 0), num(e.ev, 0), num(e.ac, 0), num(e.sv, 0), num(e.spi), num(e.cpi)]);
  lines.push(...details('Earned value per phase', table(['Phase', 'Status', 'Planned', 'Deviation', 'Budget', 'PV', 'EV', 'AC', 'SV', 'SPI', 'CPI'], rows)));
  lines.push(...details('How these figures are computed', Object.entries(s.methods).map(([k, v]) => `- **${k}**: ${mdText(v)}`)));
  return { lines, dropped: [] };
}

/** DORA's four keys with their bands, and the P50/P85/P95 forecast against the due date. */
export function deliveryPart(r: Report): Rendered {
  const lines = ['', '#### Delivery and forecast', ''];
  const d = r.dora;
  if (d) {
    const keys = [['Deployment frequency', d.deploymentFrequency], ['Lead time (hours)', d.leadTime], ['Change failure rate (%)', d.changeFailureRate], ['Time to restore (hours)', d.timeToRestore]] as const;
    lines.push(...table(['DORA key', 'Value', 'Band'], keys.map(([name, m]) => [name, m ? (m === d.deploymentFrequency ? frequencyText(m.value) : num(m.value)) : 'not measured', m ? m.band : '—'])), '', `${plural(d.deployments, 'deployment')} to ${mdText(d.environment)}${d.windowDays === undefined ? '' : ` in the last ${num(d.windowDays, 0)} days`}${typeof d.deployDaysPerWeek === 'number' ? `; ${num(d.deployDaysPerWeek, 1)} deploy-days per week (Four Keys)` : ''}. Lead time: median over every deployed commit; time to restore: incidents caused by a deployment, from that deployment.`);
  } else lines.push('DORA: not measured (no deployments recorded).');
  lines.push('', forecastLine(r));
  return { lines, dropped: [] };
}

/** The forecast in one sentence: its unit, the P50/P85/P95 dates and the on-time chance, or the finish when nothing is left. */
function forecastLine(r: Report): string {
  const f = r.forecast;
  if (!f) return 'Forecast: not measured.';
  const unit = f.unit === 'weight' ? 'weight' : 'items';
  if (f.finished !== null) return `Forecast: all work done on ${day(f.finished)}${f.due ? ` (due ${day(f.due)})` : ''}; on-time chance not measured (nothing left to forecast).`;
  const due = f.due ? ` against the due date ${day(f.due)}: ${f.onTimeProbability === null ? 'not measured' : `${num(f.onTimeProbability, 1)} % of ${num(f.trials, 0)} trials finish by it`}` : '';
  return `Forecast finish (${num(f.remaining)} ${unit} left, throughput in ${unit}): P50 ${day(f.p50)}, P85 ${day(f.p85)}, P95 ${day(f.p95)}${due}.`;
}

const waiverRow = (w: ReportWaiver): string[] => [mdText(w.finding ? `${w.rule} (finding ${w.finding})` : w.rule), mdText(w.owner), day(w.expires), num(w.daysLeft, 0), mdText(w.reason), mdText(w.source)];

/** Waivers expiring soon and in force; the tables drop at level 6, the counts stay. */
export function waiversPart(r: Report, level: number): Rendered {
  const { inForce, expiring } = r.waivers;
  if (inForce.length === 0) return NONE;
  const lines = ['', '#### Waivers', '', `${plural(inForce.length, 'waiver')} in force, ${num(expiring.length, 0)} expiring soon.`];
  if (level >= 6) return { lines, dropped: [[6, 'the waiver tables']] };
  const head = ['Rule', 'Owner', 'Expires', 'Days left', 'Reason', 'Set at'];
  // By key, not identity: the report may have been read back from JSON.
  const key = (w: ReportWaiver): string => `${w.rule}\u0000${w.finding ?? ''}\u0000${w.source}`;
  const soon = new Set(expiring.map(key));
  const others = inForce.filter((w) => !soon.has(key(w)));
  if (expiring.length) lines.push('', '⏳ Expiring soon:', '', ...table(head, expiring.map(waiverRow)));
  if (others.length) lines.push(...details(`Other waivers in force (${others.length})`, table(head, others.map(waiverRow))));
  return { lines, dropped: [] };
}

/** Rollouts with recorded release decisions: the last decision, step and chain head of each. */
export function releasesPart(r: Report): Rendered {
  if (r.releaseDecisions.length === 0) return NONE;
  const rows = r.releaseDecisions.map((d) => [mdText(d.rollout), `${d.decision} (${day(d.time)})`, `${d.step} (weight ${num(d.weight, 0)})`, num(d.decisions, 0), `#${d.seq} \`${d.head.slice(0, 12)}\``]);
  return { lines: ['', '#### Release decisions', '', ...table(['Rollout', 'Last decision', 'Step', 'Decisions', 'Chain head'], rows)], dropped: [] };
}
