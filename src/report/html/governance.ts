/**
 * The governance sections of the health report: early warnings with their evidence and
 * action, waivers in force and expiring, release decisions (each rollout's last decision
 * and chain head) and how the health score is computed.
 */
import type { Report, ReportReleaseDecision, ReportWaiver, ReportWarning } from '../types.js';
import { esc, escCut } from './escape.js';
import { badge, day } from './format.js';
import { MAX_ROWS, moreNote, section, table, type Column } from './table.js';

/** How many evidence entries a warning shows at most. */
export const MAX_EVIDENCE = 20;

function warning(w: ReportWarning, i: number): string {
  const ev = w.evidence.slice(0, MAX_EVIDENCE).map((e) => {
    const when = e.time ? ` (${day(e.time)})` : '';
    const note = e.note ? ` — ${esc(e.note)}` : '';
    return `<li>${esc(e.kind)}: <code>${esc(e.ref)}</code>${when}${note}</li>`;
  });
  return [
    `<article class="warning" aria-labelledby="warning-${i}">`,
    `<h3 id="warning-${i}">${badge('warn', '▲', 'Warning')} <code>${esc(w.code)}</code></h3>`,
    `<p>${escCut(w.message, 1000)}</p>`,
    `<p><strong>Action:</strong> ${esc(w.action)}</p>`,
    ev.length ? `<p>Evidence:</p><ul>${ev.join('')}</ul>${moreNote(w.evidence.length, ev.length, 'evidence entries')}` : '<p class="muted">No evidence recorded.</p>',
    '</article>',
  ].join('\n');
}

/** Early warnings, each with its evidence and the recommended action. */
export function warnings(r: Report): string {
  const shown = r.warnings.slice(0, MAX_ROWS);
  const body = shown.length ? shown.map(warning).join('\n') + moreNote(r.warnings.length, shown.length, 'warnings') : '<p class="empty">No early warnings.</p>';
  return section('warnings', `Early warnings (${r.warnings.length})`, body);
}

const WAIVER_COLS: readonly Column<ReportWaiver>[] = [
  { head: 'Rule', cell: (w) => `<code>${esc(w.rule)}</code>${w.finding === null ? '' : `<br /><span class="hint">finding <code>${esc(w.finding)}</code></span>`}` },
  { head: 'Expires', cell: (w) => `${day(w.expires)} <span class="hint">(${w.daysLeft} ${w.daysLeft === 1 ? 'day' : 'days'} left)</span>` },
  { head: 'Owner', cell: (w) => esc(w.owner) },
  { head: 'Approvers', cell: (w) => esc(w.approvers.join(', ')) },
  { head: 'Reason', cell: (w) => `<span class="wide">${escCut(w.reason, 500)}</span>` },
  { head: 'Source', cell: (w) => `<code>${esc(w.source)}</code>` },
];

function waiverTable(id: string, caption: string, rows: readonly ReportWaiver[], empty: string): string {
  const shown = rows.slice(0, MAX_ROWS);
  return table(`${caption} (${rows.length})`, WAIVER_COLS, shown, { id, empty }) + moreNote(rows.length, shown.length, 'waivers');
}

/** Waivers expiring soon, then every waiver in force. */
export function waivers(r: Report): string {
  return section('waivers', 'Waivers', [
    '<h3>Expiring soon</h3>',
    waiverTable('waivers-expiring', 'Waivers about to expire', r.waivers.expiring, 'No waiver expires soon.'),
    '<h3>In force</h3>',
    waiverTable('waivers-in-force', 'Waivers in force', r.waivers.inForce, 'No waivers in force.'),
  ].join('\n'));
}

const DECISION_COLS: readonly Column<ReportReleaseDecision>[] = [
  { head: 'Rollout', cell: (d) => `<code>${esc(d.rollout)}</code>` },
  { head: 'Last decision', cell: (d) => `${esc(d.decision)} <span class="hint">(${day(d.time)})</span>` },
  { head: 'Step', cell: (d) => `${d.step} <span class="hint">(weight ${d.weight}${d.nextStep === null ? '' : `, next ${d.nextStep}`})</span>`, num: true },
  { head: 'Decisions', cell: (d) => String(d.decisions), num: true },
  { head: 'Chain head', cell: (d) => `#${d.seq} <code>${esc(d.head.slice(0, 12))}</code>` },
  { head: 'Policy', cell: (d) => esc(d.policy) },
];

/** Release decisions: each rollout `release evaluate` decided on, its last decision and chain head. */
export function releases(r: Report): string {
  const shown = r.releaseDecisions.slice(0, MAX_ROWS);
  const body = r.releaseDecisions.length === 0
    ? '<p class="empty">No release decisions yet. <code>phasegate release evaluate</code> records its promote, hold and roll-back decisions, and they are listed here.</p>'
    : table(`Rollouts (${r.releaseDecisions.length})`, DECISION_COLS, shown, { id: 'release-decisions', empty: '' }) + moreNote(r.releaseDecisions.length, shown.length, 'rollouts');
  return section('releases', 'Release decisions', body);
}

/** The health score formula (docs/report.md, "Health score"). */
export function formula(): string {
  return section('formula', 'How the health score is computed', [
    '<p>G is the mean gate score over the evaluated gates (passed 1, passed with warnings 0.5, failed 0). K is the mean KPI score over the rated KPIs (green 1, amber 0.5, red 0).',
    'Score = round(100 × (0.4 G + 0.6 K)); when one part has nothing to score, the other takes the whole weight; with neither there is no score.</p>',
    '<p>Healthy from 80, at risk from 60, critical below 60. The same formula is in docs/report.md of phasegate.</p>',
  ].join('\n'));
}
