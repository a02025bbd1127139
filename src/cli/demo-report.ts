/**
 * The demo's history and health report: the example's twelve weeks of history (built by
 * examples/acme-payments/history/build-history.mjs into a file store under the demo's output
 * folder), its plan (recorded as a `record plan` snapshot) and defects, and this run (its
 * evidence and the verdicts the demo just evaluated, recorded as `record run` would). The
 * gates and the report read the same history through the core (core/kpis.ts), so the gate and
 * the report agree on every KPI; `report --portfolio` over the store reads the same run, plan
 * and verdicts (only the defects file is not in the store).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProjectHistory } from '../core/history.js';
import { planRecord, runRecords } from '../core/records.js';
import { projectReport } from '../core/report.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stableJson } from '../io/json.js';
import { loadDefectsFile, loadPlanFile } from '../metrics/index.js';
import type { EffectivePolicy } from '../policy/types.js';
import { JOB_SUMMARY_LIMIT, renderReportMarkdown } from '../report/index.js';
import { renderReportHtml } from '../report/html/index.js';
import { openStore } from '../store/open.js';
import type { HistoryRecord } from '../store/records.js';

/** This run of the demo, as `record run` records it. */
export const DEMO_RUN = { pipeline: 'demo', build: '1', commit: 'demo', branch: 'main' } as const;

const storeUrl = (outDir: string): string => `file:${path.join(outDir, 'history')}`;

async function append(url: string, project: string, records: HistoryRecord[]): Promise<HistoryRecord[]> {
  const store = await openStore(url);
  try {
    await store.append(records);
    return await store.query({ project });
  } finally {
    await store.close();
  }
}

/** Records the example history and its plan snapshot (idempotent); returns the project's history with the plan and defects. */
export async function demoHistory(input: { example: string; project: string; now: Date; outDir: string }): Promise<ProjectHistory> {
  const { example, project, now, outDir } = input;
  const builder = (await import(pathToFileURL(path.join(example, 'history', 'build-history.mjs')).href)) as { history: () => HistoryRecord[] };
  const plan = loadPlanFile(path.join(example, '.phasegate', 'plan.yaml'), { cwd: example });
  const defects = loadDefectsFile(path.join(example, 'defects.csv'), { cwd: example });
  const records = await append(storeUrl(outDir), project, [...builder.history(), planRecord({ project, time: now, plan })]);
  return { project, records, plan, defects };
}

export interface DemoReportInput {
  history: ProjectHistory;
  policy: EffectivePolicy;
  evidence: EvidenceBundle;
  verdicts: Verdict[];
  now: Date;
  outDir: string;
}

/** Records this run with its verdicts, builds the report (core projectReport) and writes report.{md,html,json}; returns their paths. */
export async function writeDemoReports(input: DemoReportInput): Promise<string[]> {
  const { history, now, outDir } = input;
  const run = runRecords({ project: history.project, time: now, ...DEMO_RUN }, input.evidence, input.verdicts);
  const records = await append(storeUrl(outDir), history.project, run);
  const report = projectReport({
    history: { ...history, records },
    asOf: now,
    policy: input.policy,
    evidence: input.evidence,
    verdicts: input.verdicts,
    run: { pipeline: DEMO_RUN.pipeline, build: DEMO_RUN.build },
  });
  const files: Array<[string, string]> = [
    ['report.md', renderReportMarkdown(report, { limit: JOB_SUMMARY_LIMIT, unit: 'bytes' })],
    ['report.html', renderReportHtml(report)],
    ['report.json', stableJson(report)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(outDir, name);
    writeFileAtomic(file, text);
    return file;
  });
}
