/**
 * The performance section of the health report: the perf.* metrics of the evidence (docs/evidence.md,
 * "Performance tests"), overall and for the slowest transactions, with the change against the
 * baseline when one was given. Null when the evidence has no perf.* metric.
 */
import type { EvidenceBundle } from '../evidence/types.js';

/** How many transactions the report lists (slowest p95 first); the JSON says how many there are. */
export const PERF_TOP = 10;

/** The figures of the whole run (`name` = `all`) or one transaction (its metric key). */
export interface ReportPerfRow {
  name: string;
  /** Latency percentiles, ms. */
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  /** Percent of samples that failed. */
  errorRate: number | null;
  /** Samples per second. */
  throughput: number | null;
  samples: number | null;
  /** Percent change of p95 against the baseline. */
  p95Change: number | null;
  /** Error rate minus the baseline's, percentage points. */
  errorRateDelta: number | null;
  /** Percent change of the throughput against the baseline. */
  throughputChange: number | null;
}

/** Performance-test results. */
export interface ReportPerformance {
  overall: ReportPerfRow;
  /** Up to PERF_TOP transactions, highest p95 first (then by name). */
  transactions: ReportPerfRow[];
  /** All transactions in the evidence. */
  transactionCount: number;
  /** True when change metrics against a baseline are present. */
  baseline: boolean;
}

const FIELDS = ['p50', 'p90', 'p95', 'p99', 'errorRate', 'throughput', 'samples', 'p95Change', 'errorRateDelta', 'throughputChange'] as const;

function row(metrics: Readonly<Record<string, number>>, prefix: string, name: string): ReportPerfRow {
  const out = { name } as ReportPerfRow;
  for (const f of FIELDS) out[f] = metrics[`${prefix}${f}`] ?? null;
  return out;
}

/** The performance section from the evidence's perf.* metrics; null without any. */
export function performanceSection(evidence: EvidenceBundle | undefined): ReportPerformance | null {
  const metrics = evidence?.metrics ?? {};
  const names = Object.keys(metrics).filter((k) => k.startsWith('perf.'));
  if (names.length === 0) return null;
  const keys = [...new Set(names.map((k) => /^perf\.tx\.([A-Za-z0-9_-]+)\./.exec(k)?.[1]).filter((k): k is string => k !== undefined))];
  const rows = keys.map((k) => row(metrics, `perf.tx.${k}.`, k));
  rows.sort((a, b) => (b.p95 ?? -1) - (a.p95 ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    overall: row(metrics, 'perf.', 'all'),
    transactions: rows.slice(0, PERF_TOP),
    transactionCount: rows.length,
    baseline: names.some((k) => k.endsWith('Change') || k.endsWith('Delta')),
  };
}
