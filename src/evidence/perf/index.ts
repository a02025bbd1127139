/**
 * Performance-test results (`--perf`): JMeter JTL (CSV and XML) read sample by sample, and the
 * summaries k6, Gatling and Locust write, told apart by content. JTL files merge (their samples
 * add up); a summary's percentiles cannot be combined with anything, so it must come alone.
 */
import { fileError, fileSize, readHead } from '../files.js';
import { readJsonFile } from '../json-file.js';
import { splitCsv } from './csv.js';
import { isGatlingStats, readGatling } from './gatling.js';
import { readJtlCsv } from './jtl-csv.js';
import { readJtlXml } from './jtl-xml.js';
import { isK6Summary, readK6 } from './k6.js';
import { isLocustHeader, readLocust } from './locust.js';
import { perfChanges, perfMetrics } from './metrics.js';
import { SampleSet } from './samples.js';
import type { PerfResult } from './types.js';

export { perfChanges, perfMetrics, transactionKey, transactionKeys } from './metrics.js';
export { latestRecordedPerf } from './baseline.js';
export type { PerfFigures, PerfResult } from './types.js';

const EXPECTED = 'a JMeter JTL (CSV or XML), a k6 summary JSON, a Gatling stats.json or a Locust _stats.csv';

/** One file read: raw samples went into the sample set, or a summary came back. */
type Read = { format: string; summary?: PerfResult };

async function readOne(file: string, shown: string, set: SampleSet): Promise<Read> {
  if (fileSize(file, shown) === 0) throw fileError(shown, `empty file (expected ${EXPECTED})`);
  const head = readHead(file, shown, 4096).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) {
    await readJtlXml(file, shown, set);
    return { format: 'jmeter-jtl-xml' };
  }
  if (/^\{\s*"(type|metric)"\s*:\s*"(Metric|Point|[a-z_]+)"[^\n]*\n\s*\{/.test(head)) {
    throw fileError(shown, 'k6 --out json (one point per line) is not read; give the summary: k6 run --summary-export FILE, or handleSummary JSON', 1, 1);
  }
  if (head.startsWith('{') || head.startsWith('[')) return readSummaryJson(file, shown);
  if (/^var\s+stats\b/.test(head)) throw fileError(shown, "Gatling's js/stats.js is JavaScript; give js/stats.json from the same report folder", 1, 1);
  const header = splitCsv(head.split(/\r?\n/, 1)[0]!).map((h) => h.trim());
  if (header.includes('elapsed') && header.includes('label')) {
    await readJtlCsv(file, shown, set);
    return { format: 'jmeter-jtl-csv' };
  }
  if (isLocustHeader(header)) {
    const summary = await readLocust(file, shown);
    return { format: summary.format, summary };
  }
  if (/^\d{10,13},\d+,/.test(head)) {
    throw fileError(shown, 'JMeter JTL without a header line; save one (jmeter.save.saveservice.print_field_names=true) so the columns are known', 1, 1);
  }
  if (header.includes('User Count')) throw fileError(shown, "this is Locust's _stats_history.csv; give PREFIX_stats.csv from the same run", 1, 1);
  throw fileError(shown, `CSV without the required columns: a JMeter JTL needs elapsed, label and success; a Locust stats CSV needs Name, Request Count and Failure Count (expected ${EXPECTED})`, 1, 1);
}

function readSummaryJson(file: string, shown: string): Read {
  const { value } = readJsonFile(file, shown, EXPECTED);
  if (isK6Summary(value)) {
    const summary = readK6(value);
    if (summary.overall.samples === undefined && summary.overall.p95 === undefined && summary.overall.p50 === undefined) {
      throw fileError(shown, 'k6 summary without http_req_duration or http_reqs: no samples (the test made no HTTP request); check the test script and its output');
    }
    return { format: summary.format, summary };
  }
  if (isGatlingStats(value)) return { format: 'gatling-stats', summary: readGatling(value) };
  throw fileError(shown, `unknown JSON shape (expected a k6 summary with metrics.http_req_duration, from --summary-export or handleSummary, or Gatling's js/stats.json with stats.numberOfRequests)`, 1, 1);
}

/** The perf.* metrics of the files, the format of each, and the result. */
export interface PerfCollected {
  metrics: Record<string, number>;
  formats: { shown: string; format: string }[];
  result: PerfResult;
}

/** Reads every performance file (`files`: absolute path and shown path). Throws PhasegateError. */
export async function readPerf(files: readonly { file: string; shown: string }[]): Promise<PerfCollected> {
  const set = new SampleSet();
  const formats: { shown: string; format: string }[] = [];
  let summary: PerfResult | undefined;
  for (const { file, shown } of files) {
    const before = set.size;
    const read = await readOne(file, shown, set);
    if (read.summary) {
      if (files.length > 1) {
        throw fileError(shown, `a ${read.format} summary cannot be combined with other performance files (their percentiles do not add up); give it alone, or JMeter JTL files, which merge`);
      }
      if (!read.summary.overall.samples && read.summary.overall.p95 === undefined) throw fileError(shown, 'no samples: the performance test made no request; check that it ran');
      summary = read.summary;
    } else if (set.size === before) throw fileError(shown, 'no samples (a header and no sample rows); check that the performance test ran and wrote its results');
    formats.push({ shown, format: read.format });
  }
  const result = summary ?? set.result(formats[0]?.format ?? 'jmeter-jtl-csv');
  return { metrics: perfMetrics(result), formats, result };
}

/** The change metrics of `current` against the baseline files' metrics. */
export async function perfBaselineFromFiles(files: readonly { file: string; shown: string }[], current: Record<string, number>): Promise<Record<string, number>> {
  return perfChanges(current, (await readPerf(files)).metrics);
}
