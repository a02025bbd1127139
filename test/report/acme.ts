/**
 * The acme-payments example end to end, built in the test (`.phasegate/demo` is not
 * committed): its policy, its collected evidence, the five gates as of the demo time, and
 * the KPIs of its twelve-week history with its plan and defects.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectEvidence } from '../../src/evidence/index.js';
import type { EvidenceBundle } from '../../src/evidence/types.js';
import { evaluateGate } from '../../src/gate/engine.js';
import { computeKpis, loadDefectsFile, loadPlanFile } from '../../src/metrics/index.js';
import { loadPolicy } from '../../src/policy/index.js';
import { PHASES } from '../../src/policy/types.js';
import type { HistoryRecord } from '../../src/store/records.js';
import type { ReportInput } from '../../src/report/index.js';

const EXAMPLE = path.resolve(import.meta.dirname, '..', '..', 'examples', 'acme-payments');

interface Demo {
  now: string;
  collect: { junit: string[]; coverage: string[]; sarif: string[]; docs: string[]; source?: string; facts?: string };
  changes: NonNullable<EvidenceBundle['changes']>;
}

/** The report input of acme-payments as of the demo time (2026-11-21T09:00Z). */
export async function acmeInput(): Promise<ReportInput> {
  const demo = JSON.parse(readFileSync(path.join(EXAMPLE, 'demo.json'), 'utf8')) as Demo;
  const policy = loadPolicy({ file: path.join(EXAMPLE, 'phasegate.yaml') }, { cwd: EXAMPLE });
  const evidence: EvidenceBundle = { ...(await collectEvidence({ ...demo.collect, cwd: EXAMPLE })), changes: demo.changes };
  const asOf = new Date(demo.now);
  const verdicts = PHASES.map((phase) => evaluateGate({ policy, evidence, phase, now: asOf }));
  const { history } = (await import(path.join(EXAMPLE, 'history', 'build-history.mjs'))) as { history: () => HistoryRecord[] };
  const records = history();
  const plan = loadPlanFile('.phasegate/plan.yaml', { cwd: EXAMPLE });
  const defects = loadDefectsFile('defects.csv', { cwd: EXAMPLE });
  const kpis = computeKpis({ project: 'acme-payments', asOf, records, plan, defects, evidence: evidence.metrics, options: { trials: 2000 } });
  return { project: 'acme-payments', tier: policy.tier, asOf, policy, verdicts, evidence, kpis, history: records };
}
