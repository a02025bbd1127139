/**
 * The governance sections of the report: the five phases with their latest gate verdicts
 * and dates, the waivers in force and about to expire, and the early warnings with a
 * recommended action each.
 */
import { blocksGate } from '../gate/render/shared.js';
import { emptySummary, type Verdict } from '../gate/types.js';
import { waiverSource, waiverState } from '../gate/waivers.js';
import type { KpiReport, KpiWarning } from '../metrics/index.js';
import { PHASES, type EffectivePolicy, type Phase } from '../policy/types.js';
import type { ReportPhase, ReportWaiver, ReportWarning } from './types.js';

/** The recommended action for each early-warning code. */
export const WARNING_ACTIONS: Readonly<Record<KpiWarning['code'], string>> = {
  'spi-low': 'Re-plan the remaining work or add capacity; agree a recovery plan with the sponsor.',
  'requirement-churn': 'Route requirement changes through the change board and re-baseline the plan.',
  'defect-density-rising': 'Hold a defect review: find the modules behind the rise and add tests or reviews there.',
  'flaky-rate-rising': 'Quarantine the flaky tests and fix them before they hide real failures.',
  'forecast-late': 'Cut scope or move the due date now, and tell the stakeholders.',
};

/** The latest verdict per phase (by evaluation time; the later in the list wins a tie). */
function latest(verdicts: readonly Verdict[], phase: Phase): Verdict | undefined {
  let found: Verdict | undefined;
  for (const v of verdicts) if (v.phase === phase && (!found || Date.parse(v.now) >= Date.parse(found.now))) found = v;
  return found;
}

/** The five phases in order, each with its latest gate state and planned/actual dates. */
export function phasesSection(verdicts: readonly Verdict[], kpis?: KpiReport): ReportPhase[] {
  return PHASES.map((phase) => {
    const v = latest(verdicts, phase);
    const row = kpis?.evm?.phases.find((p) => p.phase === phase);
    return {
      phase,
      gate: v?.status ?? 'not-evaluated',
      evaluatedAt: v?.now ?? null,
      // Every status counted, n/a included (0 for a verdict written before n/a existed).
      summary: v ? { ...emptySummary(), ...v.summary } : null,
      failing: v ? v.rules.filter(blocksGate).map((r) => r.id) : [],
      plannedStart: row?.plannedStart ?? null,
      plannedFinish: row?.plannedFinish ?? null,
      actualStart: row?.actualStart ?? null,
      actualFinish: row?.actualFinish ?? null,
      deviationRate: row?.deviationRate ?? null,
    };
  });
}

/** Waivers not yet expired at asOf, and those of them within the policy's warning days. */
export function waiversSection(policy: EffectivePolicy | undefined, asOf: Date): { inForce: ReportWaiver[]; expiring: ReportWaiver[] } {
  const inForce: ReportWaiver[] = [];
  const expiring: ReportWaiver[] = [];
  for (const w of policy?.waivers ?? []) {
    const { state, daysLeft } = waiverState(w, asOf, policy!.settings.waiverWarningDays);
    if (state === 'expired') continue;
    const row: ReportWaiver = { rule: w.rule, finding: w.finding ?? null, owner: w.owner, reason: w.reason, approvers: [...w.approvers], expires: w.expires, daysLeft, source: waiverSource(w) };
    inForce.push(row);
    if (state === 'expiring') expiring.push(row);
  }
  return { inForce, expiring };
}

/** The KPI report's early warnings, each with its evidence and a recommended action. */
export function warningsSection(kpis?: KpiReport): ReportWarning[] {
  return (kpis?.warnings ?? []).map((w) => ({ code: w.code, message: w.message, evidence: w.evidence.map((e) => ({ ...e })), action: WARNING_ACTIONS[w.code] }));
}
