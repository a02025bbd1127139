/** The terminal view of a release decision. */
import type { StepDecision } from '../release/decision/index.js';
import type { DecisionRecord } from '../release/record/index.js';

const num = (x: number | null, d = 4): string => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toPrecision(d));
const pct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;

/** Decision, reasons and the per-metric table, then the record's place in the chain. */
export function renderDecisionText(d: StepDecision, record: DecisionRecord): string {
  const head = `${d.decision.toUpperCase()} at step ${d.step}${d.nextStep !== null && d.nextStep !== d.step ? ` → step ${d.nextStep}` : ''}${d.score !== null ? ` (score ${d.score})` : ''}`;
  const lines = [head, ''];
  for (const r of d.reasons) lines.push(`  ${r.code}: ${r.message}`);
  if (d.metrics.length) {
    lines.push('', '  metric  classification  canary  baseline  effect  interval  p-value');
    for (const m of d.metrics) {
      // The effect and its interval are relative changes (0.1 = +10 %), shown as such.
      const interval = m.interval ? `[${pct(m.interval[0])}, ${pct(m.interval[1])}]` : '—';
      const effect = m.effect === null ? '—' : pct(m.effect);
      lines.push(`  ${m.metric}${m.critical ? ' (critical)' : ''}  ${m.classification}  ${num(m.canary)}  ${num(m.baseline)}  ${effect}  ${interval}  ${num(m.pValue, 3)}`);
      lines.push(`      ${m.reason} (${m.samples.canary} canary / ${m.samples.baseline} baseline samples)`);
    }
  }
  lines.push('', `recorded as ${record.id} (seq ${record.seq}); chain head ${record.hash}`);
  return lines.join('\n') + '\n';
}
