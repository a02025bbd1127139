/** `phasegate gate`: evaluate one phase gate (core/gate.ts) and map the verdict to an exit code. */
import { exitCodeFor, runGate } from '../../core/gate.js';
import type { ProjectHistory } from '../../core/history.js';
import { renderVerdict, type VerdictFormat } from '../../gate/render/index.js';
import { loadPolicy } from '../../policy/index.js';
import type { Phase, Tier } from '../../policy/types.js';
import { gateEvidence, type CollectFlags } from '../evidence-input.js';
import { policyRef, usage, useColor } from '../options.js';
import { emit } from '../output.js';
import { kpiSettingsOf } from '../kpi-flags.js';

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
  /** `FORMAT=FILE` pairs: the verdict also written in these formats (one evaluation, several files). */
  output?: string[];
  failOnWarn?: boolean;
  now?: Date;
  /** --dora-window and --base-branch, with --project (cli/kpi-flags.ts). */
  doraWindow?: number;
  baseBranch?: string;
}

/** The project's history for the gate's KPIs, read through the store the flags name. */
async function projectHistory(opts: GateOptions, project: string): Promise<ProjectHistory> {
  const { readHistory, reportStoreWarnings } = await import('../history-input.js');
  const history = await readHistory({ store: opts.store, project, plan: opts.plan, defects: opts.defects });
  reportStoreWarnings(history.warnings);
  return history;
}

const FORMATS: readonly VerdictFormat[] = ['text', 'json', 'junit', 'sarif', 'markdown'];

/** `--output FORMAT=FILE` values as pairs; a malformed one is a usage error before anything is read. */
export function parseOutputs(values: readonly string[] = []): Array<{ format: VerdictFormat; file: string }> {
  return values.map((v) => {
    const at = v.indexOf('=');
    const format = v.slice(0, Math.max(at, 0)) as VerdictFormat;
    const file = v.slice(at + 1);
    if (at < 0 || !FORMATS.includes(format) || file === '') {
      const what = at < 0 ? 'has no "="' : !FORMATS.includes(format) ? `names format "${format}"` : 'names no file';
      throw usage(`--output "${v}" ${what}: write FORMAT=FILE with FORMAT one of ${FORMATS.join(', ')}, e.g. --output junit=phasegate-gate.xml`);
    }
    return { format, file };
  });
}

/** Loads the policy first (cheap, and its errors matter most), then evidence, then evaluates. */
export async function gateCommand(opts: GateOptions): Promise<number> {
  const outputs = parseOutputs(opts.output);
  if (!opts.project && (opts.doraWindow !== undefined || opts.baseBranch !== undefined)) throw usage(`${opts.doraWindow !== undefined ? '--dora-window' : '--base-branch'} applies to the project's KPIs: give --project NAME too`);
  const policy = loadPolicy(policyRef(opts), { cwd: process.cwd() });
  const evidence = await gateEvidence(opts, process.cwd(), policy.settings.size);
  const now = opts.now ?? new Date();
  const history = opts.project ? await projectHistory(opts, opts.project) : undefined;
  const verdict = runGate({ policy, evidence, phase: opts.phase, now, settings: kpiSettingsOf(opts), ...(history ? { history } : {}) });
  const color = !opts.out && opts.format === 'text' && useColor(process.stdout, process.env);
  for (const o of outputs) emit(renderVerdict(verdict, o.format, { color: false }), o.file);
  emit(renderVerdict(verdict, opts.format, { color }), opts.out);
  if (opts.out) process.stderr.write(`${opts.phase} gate ${verdict.status}: wrote ${opts.out}\n`);
  return exitCodeFor(verdict.status, Boolean(opts.failOnWarn));
}
