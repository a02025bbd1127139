/**
 * The demo's health report: the example's twelve weeks of history (built by
 * examples/acme-payments/history/build-history.mjs into a file store under the demo's output
 * folder), its plan and defects, and the verdicts the demo just evaluated, rendered as
 * Markdown, HTML and JSON.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EvidenceBundle } from '../evidence/types.js';
import type { Verdict } from '../gate/types.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { stableJson } from '../io/json.js';
import { computeKpis, loadDefectsFile, loadPlanFile } from '../metrics/index.js';
import type { EffectivePolicy } from '../policy/types.js';
import { JOB_SUMMARY_LIMIT, buildReport, renderReportMarkdown } from '../report/index.js';
import { renderReportHtml } from '../report/html/index.js';
import { openStore } from '../store/open.js';
import type { HistoryRecord } from '../store/records.js';

export interface DemoReportInput {
  example: string;
  project: string;
  policy: EffectivePolicy;
  evidence: EvidenceBundle;
  verdicts: Verdict[];
  now: Date;
  outDir: string;
}

/** Records the example history (idempotent), builds the report and writes report.{md,html,json}; returns their paths. */
export async function writeDemoReports(input: DemoReportInput): Promise<string[]> {
  const { example, project, now, outDir } = input;
  const builder = (await import(pathToFileURL(path.join(example, 'history', 'build-history.mjs')).href)) as { history: () => HistoryRecord[] };
  const store = await openStore(`file:${path.join(outDir, 'history')}`);
  let records: HistoryRecord[];
  try {
    await store.append(builder.history());
    records = await store.query({ project });
  } finally {
    await store.close();
  }
  const plan = loadPlanFile(path.join(example, '.phasegate', 'plan.yaml'), { cwd: example });
  const defects = loadDefectsFile(path.join(example, 'defects.csv'), { cwd: example });
  const kpis = computeKpis({ project, asOf: now, records, plan, defects, evidence: input.evidence.metrics });
  const report = buildReport({ project, tier: input.policy.tier, asOf: now, policy: input.policy, verdicts: input.verdicts, evidence: input.evidence, kpis, history: records });
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
