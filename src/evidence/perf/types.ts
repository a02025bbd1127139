/** What a performance-test reader gives: figures overall and per transaction. */

/** The figures of one transaction or of the whole run; a figure the input lacks is absent. */
export interface PerfFigures {
  /** Latency percentiles, milliseconds. */
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  /** Failed samples in percent of all samples. */
  errorRate?: number;
  /** Samples per second. */
  throughput?: number;
  /** Number of samples (requests). */
  samples?: number;
}

/** One performance result: raw samples already reduced, or a tool's own summary. */
export interface PerfResult {
  /** `jmeter-jtl-csv`, `jmeter-jtl-xml`, `k6-summary`, `gatling-stats`, `locust-stats`. */
  format: string;
  /** True when figures come from raw samples (exact), false for a tool's summary. */
  raw: boolean;
  overall: PerfFigures;
  /** Transaction label as the tool wrote it → its figures. */
  transactions: Map<string, PerfFigures>;
}

/** The figure names, in the order reports show them. */
export const FIGURES = ['p50', 'p90', 'p95', 'p99', 'errorRate', 'throughput', 'samples'] as const;
export type Figure = (typeof FIGURES)[number];
