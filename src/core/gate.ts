/**
 * One phase gate, judged the same way by every edge (CLI, GitHub Actions, Jenkins, the App):
 * the evidence's metrics, over the project's KPIs when its history is given, against the
 * effective policy of the phase.
 */
import { evaluateGate, type UnapprovedWaiver } from '../gate/engine.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { GateStatus, Verdict } from '../gate/types.js';
import type { EffectivePolicy, Phase } from '../policy/types.js';
import type { ProjectHistory } from './history.js';
import { projectKpis, type KpiSettings } from './kpis.js';

export interface GateRequest {
  policy: EffectivePolicy;
  evidence: EvidenceBundle;
  phase: Phase;
  /** The time the gate is judged at (waiver expiry, freeze dates, KPI windows). */
  now: Date;
  /** The project's history: its KPIs (defect density, SPI, DORA…) become metrics the rules can use. */
  history?: ProjectHistory;
  /** Waivers that do not count (an edge that can check approvals found none), with why. */
  unapproved?: ReadonlyArray<UnapprovedWaiver>;
  /** The KPI window and base branch given on the command line (they win over the policy's settings). */
  settings?: KpiSettings;
}

/**
 * The metrics a gate sees: the project's KPIs (core/kpis.ts projectKpis, the function the
 * report and the portfolio use) under the evidence's own metrics, which win on a clash, as
 * they do in the report's KPI table.
 */
export function gateMetrics(evidence: EvidenceBundle, history: ProjectHistory | undefined, now: Date, opts: { policy?: EffectivePolicy; settings?: KpiSettings } = {}): Record<string, number> {
  if (!history) return evidence.metrics;
  const report = projectKpis({ history, asOf: now, evidence, ...opts }, evidence);
  return { ...report.kpis, ...evidence.metrics };
}

/** Judges one phase gate. */
export function runGate(req: GateRequest): Verdict {
  const evidence = req.history ? { ...req.evidence, metrics: gateMetrics(req.evidence, req.history, req.now, { policy: req.policy, ...(req.settings ? { settings: req.settings } : {}) }) } : req.evidence;
  return evaluateGate({ policy: req.policy, evidence, phase: req.phase, now: req.now, ...(req.unapproved ? { unapproved: req.unapproved } : {}) });
}

/** The exit code for a gate status (0 passed, 1 failed; a warning fails only with failOnWarn): the one place this mapping lives. */
export function exitCodeFor(status: GateStatus, failOnWarn: boolean): number {
  if (status === 'fail') return 1;
  if (status === 'warn' && failOnWarn) return 1;
  return 0;
}
