/**
 * Raw samples (JMeter JTL) reduced to figures: exact nearest-rank percentiles (latencies.ts),
 * error rate, and throughput as JMeter defines it, samples divided by the time from the start
 * of the first sample to the end of the last one (start time stamp + elapsed).
 */
import { Latencies, PERCENTILES } from './latencies.js';
import type { PerfFigures, PerfResult } from './types.js';

class Transaction {
  readonly latencies = new Latencies();
  errors = 0;
  first = Infinity;
  last = -Infinity;
}

/** Samples per transaction label, accumulated across files. */
export class SampleSet {
  private readonly byLabel = new Map<string, Transaction>();

  /** Adds one sample: `elapsed` ms, `start` epoch ms (undefined when the file has none). */
  add(label: string, elapsed: number, success: boolean, start: number | undefined): void {
    let t = this.byLabel.get(label);
    if (!t) this.byLabel.set(label, (t = new Transaction()));
    t.latencies.add(elapsed);
    if (!success) t.errors++;
    if (start !== undefined) {
      if (start < t.first) t.first = start;
      if (start + elapsed > t.last) t.last = start + elapsed;
    }
  }

  /** Number of samples read so far. */
  get size(): number {
    let n = 0;
    for (const t of this.byLabel.values()) n += t.latencies.count;
    return n;
  }

  /** The figures overall and per label. */
  result(format: string): PerfResult {
    const all = new Transaction();
    const transactions = new Map<string, PerfFigures>();
    for (const [label, t] of this.byLabel) {
      transactions.set(label, figures(t));
      all.latencies.merge(t.latencies);
      all.errors += t.errors;
      all.first = Math.min(all.first, t.first);
      all.last = Math.max(all.last, t.last);
    }
    return { format, raw: true, overall: figures(all), transactions };
  }
}

function figures(t: Transaction): PerfFigures {
  const n = t.latencies.count;
  const [p50, p90, p95, p99] = t.latencies.percentiles(PERCENTILES);
  const out: PerfFigures = { p50, p90, p95, p99, samples: n, errorRate: (t.errors / n) * 100 };
  const span = t.last - t.first;
  if (Number.isFinite(span) && span > 0) out.throughput = n / (span / 1000);
  return out;
}
