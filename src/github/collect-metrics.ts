/**
 * The collect-metrics action's flow, the same core as `phasegate collect` and `phasegate
 * record run` (src/core/records.ts): collect the evidence (or read a bundle), write it, read
 * the verdicts of the run's gates, and append the run to the history store. Recording the
 * same build twice (a retried step) adds nothing: the run's id comes from project, pipeline
 * and build. I/O goes through `ActionIO` and the store the edge opens.
 */
import path from 'node:path';
import { runRecords } from '../core/records.js';
import { PhasegateError } from '../errors.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import { mdText } from '../gate/render/markdown.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { DEFAULT_STORE_URL, type HistoryStore } from '../store/port.js';
import type { RunContext } from './event.js';
import { lines, REPORT_INPUT_NAMES, REPORT_INPUTS, required, text, type InputSource } from './inputs.js';
import { keyMetrics, keyMetricsTable } from './key-metrics.js';
import { defaultRun, readVerdicts, storeLabel } from './store-inputs.js';
import type { ActionIO } from './phase-gate.js';

/** The inputs of actions/collect-metrics/action.yml, by name. */
export const INPUTS = {
  project: 'project',
  store: 'store',
  pipeline: 'pipeline',
  build: 'build',
  commit: 'commit',
  branch: 'branch',
  ...REPORT_INPUTS,
  verdictFiles: 'verdict-files',
  out: 'out',
} as const;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The outputs of actions/collect-metrics/action.yml, by name. */
export const OUTPUTS = { evidenceFile: 'evidence-file', metrics: 'metrics', records: 'records' } as const;

export interface CollectMetricsSettings {
  project: string;
  /** The history store's URL (a PostgreSQL URL is a secret: the edge masks it). */
  store: string;
  /** Empty: the run's own (workflow name, run id and attempt, head commit, head branch). */
  pipeline: string;
  build: string;
  commit: string;
  branch: string;
  evidence?: string;
  collect: { junit: string[]; coverage: string[]; sarif: string[]; docs: string[]; perf: string[] };
  workingDirectory: string;
  verdictFiles: string[];
  /** Empty: RUNNER_TEMP/phasegate-evidence.json. */
  out: string;
}

/** The report inputs and the bundle input, checked as phase-gate checks them: exactly one way to get evidence. */
function evidenceInputs(read: InputSource, I: typeof INPUTS): Pick<CollectMetricsSettings, 'evidence' | 'collect'> {
  const collect = { junit: lines(read, I.junit), coverage: lines(read, I.coverage), sarif: lines(read, I.sarif), docs: lines(read, I.docs), perf: lines(read, I.perf) };
  const evidence = text(read, I.evidence) || undefined;
  const collecting = Object.values(collect).some((l) => l.length > 0);
  if (evidence && collecting) throw new PhasegateError({ message: `input "${I.evidence}": give either an evidence bundle or report inputs (junit, coverage, sarif, docs, perf), not both` });
  if (!evidence && !collecting) throw new PhasegateError({ message: `inputs: give "${I.evidence}" (a bundle from phasegate collect) or report inputs such as "${I.junit}" and "${I.coverage}"` });
  return { ...(evidence ? { evidence } : {}), collect };
}

/** Reads the inputs once; every problem is one line naming the input. */
export function collectMetricsSettings(read: InputSource): CollectMetricsSettings {
  const project = required(read, INPUTS.project);
  const store = text(read, INPUTS.store, DEFAULT_STORE_URL);
  return {
    project,
    store,
    pipeline: text(read, INPUTS.pipeline),
    build: text(read, INPUTS.build),
    commit: text(read, INPUTS.commit),
    branch: text(read, INPUTS.branch),
    ...evidenceInputs(read, INPUTS),
    workingDirectory: text(read, INPUTS.workingDirectory, '.'),
    verdictFiles: lines(read, INPUTS.verdictFiles),
    out: text(read, INPUTS.out),
  };
}

/** What identifies the run in the history: the inputs, else the workflow run's own. */
export function runIdentity(s: CollectMetricsSettings, ctx: RunContext): { pipeline: string; build: string; commit: string; branch: string } {
  const build = s.build || defaultRun(ctx).build;
  const branch = s.branch || ctx.pull?.headRef || ctx.refName;
  if (!build) throw new PhasegateError({ message: `input "${INPUTS.build}": GITHUB_RUN_ID is not set, so there is no default; set "${INPUTS.build}"` });
  if (!branch) throw new PhasegateError({ message: `input "${INPUTS.branch}": GITHUB_REF_NAME is not set, so there is no default; set "${INPUTS.branch}"` });
  return { pipeline: s.pipeline || defaultRun(ctx).pipeline, build, commit: s.commit || ctx.sha, branch };
}

/** The run's evidence: the bundle given, or the reports collected (paths relative to working-directory). */
export async function readOrCollect(s: Pick<CollectMetricsSettings, 'evidence' | 'collect' | 'workingDirectory'>, ctx: RunContext): Promise<EvidenceBundle> {
  const cwd = path.resolve(ctx.workspace, s.workingDirectory);
  const { collectEvidence, readEvidenceFile } = await import('../evidence/index.js');
  if (s.evidence) return readEvidenceFile(path.resolve(cwd, s.evidence));
  return collectEvidence({ ...s.collect, cwd, names: REPORT_INPUT_NAMES });
}

/**
 * Records the run; returns the exit code (0). `openStore` opens the store the settings name
 * (the edge resolves a file store in the workspace); it is opened only after the evidence
 * and verdicts have been read, so a bad report never leaves a store half-used.
 */
export async function runCollectMetrics(s: CollectMetricsSettings, ctx: RunContext, openStore: (url: string) => Promise<HistoryStore>, io: ActionIO, now: Date = new Date()): Promise<number> {
  const id = runIdentity(s, ctx);
  const cwd = path.resolve(ctx.workspace, s.workingDirectory);
  const evidence = await readOrCollect(s, ctx);
  const verdicts = readVerdicts(s.verdictFiles, cwd, INPUTS.verdictFiles);
  const out = s.out ? path.resolve(ctx.workspace, s.out) : path.join(ctx.runnerTemp, 'phasegate-evidence.json');
  const { serializeEvidence } = await import('../evidence/index.js');
  writeFileAtomic(out, serializeEvidence(evidence));

  const records = runRecords({ project: s.project, time: now, ...id }, evidence, verdicts);
  const store = await openStore(s.store);
  let added: number;
  try {
    added = await store.append(records);
    for (const w of store.warnings()) io.warning(`history store: ${w.where}: ${w.message}`);
  } finally {
    await store.close();
  }

  const metrics = keyMetrics(evidence.metrics);
  io.output(OUTPUTS.evidenceFile, out);
  io.output(OUTPUTS.metrics, JSON.stringify(metrics));
  io.output(OUTPUTS.records, String(added));
  const what = `run ${id.pipeline}#${id.build}${verdicts.length ? ` and ${plural(verdicts.length, 'verdict')}` : ''}`;
  const dup = records.length - added;
  io.info(`recorded ${what} of ${s.project}: ${plural(added, 'new record')}${dup ? `, ${dup} already recorded` : ''}`);
  await io.summary(summary(s, id, verdicts, evidence, added, dup));
  return 0;
}

function summary(s: CollectMetricsSettings, id: ReturnType<typeof runIdentity>, verdicts: readonly Verdict[], evidence: EvidenceBundle, added: number, dup: number): string {
  const head = dup === 0 ? `### 📈 Recorded run ${mdText(`${id.pipeline}#${id.build}`)} of ${mdText(s.project)}` : added === 0 ? `### 📈 Run ${mdText(`${id.pipeline}#${id.build}`)} of ${mdText(s.project)} was already recorded` : `### 📈 Recorded run ${mdText(`${id.pipeline}#${id.build}`)} of ${mdText(s.project)} (in part already recorded)`;
  const where = s.store.startsWith('file:') ? `\`${s.store.replace(/`/g, '')}\`` : storeLabel(s.store);
  const counts = `${plural(added, 'new record')}${dup ? ` (${dup} already recorded)` : ''} in ${where}.`;
  const facts = [
    '| | |',
    '| --- | --- |',
    `| Commit | \`${id.commit.replace(/`/g, '').slice(0, 40)}\` |`,
    `| Branch | ${mdText(id.branch)} |`,
    `| Evidence | ${plural(evidence.items.length, 'item')}, ${plural(evidence.documents.length, 'document')}, ${plural(Object.keys(evidence.metrics).length, 'metric')} |`,
    ...(verdicts.length ? [`| Verdicts | ${verdicts.map((v) => `${mdText(v.phase)}: ${v.status}`).join(', ')} |`] : []),
  ];
  return [head, '', counts, '', ...facts, '', '#### Key metrics', '', ...keyMetricsTable(evidence.metrics), ''].join('\n');
}
