/** `phasegate gate`: evaluate one phase gate and map the verdict to an exit code. */
import { evaluateGate } from '../../gate/engine.js';
import { renderVerdict, type VerdictFormat } from '../../gate/render/index.js';
import type { GateStatus } from '../../gate/types.js';
import { loadPolicy } from '../../policy/index.js';
import type { Phase, Tier } from '../../policy/types.js';
import { gateEvidence, type CollectFlags } from '../evidence-input.js';
import { policyRef, useColor } from '../options.js';
import { emit } from '../output.js';

export interface GateOptions extends CollectFlags {
  project?: string;
  store: string;
  plan?: string;
  defects?: string;
  phase: Phase;
  tier?: Tier;
  policy?: string;
  evidence?: string;
  format: VerdictFormat;
  out?: string;
  failOnWarn?: boolean;
  now?: Date;
}

/** The exit code for a gate status: the one place this mapping lives. */
export function exitCodeFor(status: GateStatus, failOnWarn: boolean): number {
  if (status === 'fail') return 1;
  if (status === 'warn' && failOnWarn) return 1;
  return 0;
}

/** The project's KPIs from the history store, under the evidence's own metrics (which win on a clash). */
async function withKpis(opts: GateOptions, project: string, metrics: Record<string, number>, asOf: Date): Promise<Record<string, number>> {
  const { readHistory, reportStoreWarnings } = await import('../history-input.js');
  const { computeKpis } = await import('../../metrics/index.js');
  const history = await readHistory({ store: opts.store, project, plan: opts.plan, defects: opts.defects });
  reportStoreWarnings(history.warnings);
  const report = computeKpis({ project, asOf, records: history.records, plan: history.plan, defects: history.defects, evidence: metrics });
  return { ...report.kpis, ...metrics };
}

/** Loads the policy first (cheap, and its errors matter most), then evidence, then evaluates. */
export async function gateCommand(opts: GateOptions): Promise<number> {
  const policy = loadPolicy(policyRef(opts), { cwd: process.cwd() });
  const evidence = await gateEvidence(opts, process.cwd(), policy.settings.size);
  const now = opts.now ?? new Date();
  if (opts.project) evidence.metrics = await withKpis(opts, opts.project, evidence.metrics, now);
  const verdict = evaluateGate({ policy, evidence, phase: opts.phase, now });
  const color = !opts.out && opts.format === 'text' && useColor(process.stdout, process.env);
  emit(renderVerdict(verdict, opts.format, { color }), opts.out);
  if (opts.out) process.stderr.write(`${opts.phase} gate ${verdict.status}: wrote ${opts.out}\n`);
  return exitCodeFor(verdict.status, Boolean(opts.failOnWarn));
}
