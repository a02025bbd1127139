/**
 * Exact latency percentiles over millions of samples in bounded memory. JMeter writes elapsed
 * times as whole milliseconds, so a count per millisecond is exact: each transaction keeps a
 * Uint32Array histogram that grows (doubling) to the largest latency seen, up to HISTOGRAM_CAP
 * buckets (4 bytes each, 256 KB at most), and a growable Float64Array for the rare sample at or
 * above the cap or with a fraction. Memory grows with the latency range, not with the samples.
 */

/** Latencies below this many milliseconds are counted per millisecond. */
export const HISTOGRAM_CAP = 65_536;

/** The percentiles phasegate reports. */
export const PERCENTILES = [50, 90, 95, 99] as const;
export type Percentile = (typeof PERCENTILES)[number];

/** The latencies of one transaction (or of all of them, merged). */
export class Latencies {
  /** counts[ms] = samples of exactly that many milliseconds. */
  private counts = new Uint32Array(0);
  private extra = new Float64Array(0);
  private extraLength = 0;
  /** Number of samples. */
  count = 0;

  /** Adds one latency in milliseconds (finite, not negative: the caller checks). */
  add(ms: number): void {
    this.count++;
    if (Number.isInteger(ms) && ms < HISTOGRAM_CAP) {
      if (ms >= this.counts.length) this.growCounts(ms);
      this.counts[ms]!++;
      return;
    }
    if (this.extraLength === this.extra.length) {
      const next = new Float64Array(Math.max(16, this.extra.length * 2));
      next.set(this.extra);
      this.extra = next;
    }
    this.extra[this.extraLength++] = ms;
  }

  private growCounts(ms: number): void {
    let size = Math.max(1024, this.counts.length);
    while (size <= ms) size *= 2;
    const next = new Uint32Array(Math.min(size, HISTOGRAM_CAP));
    next.set(this.counts);
    this.counts = next;
  }

  /** Adds every sample of `other`. */
  merge(other: Latencies): void {
    if (other.counts.length > this.counts.length) this.growCounts(other.counts.length - 1);
    for (let i = 0; i < other.counts.length; i++) this.counts[i]! += other.counts[i]!;
    for (let i = 0; i < other.extraLength; i++) this.add(other.extra[i]!);
    this.count += other.count - other.extraLength;
  }

  /**
   * The nearest-rank percentile: the smallest sample such that at least `p` percent of the
   * samples are at or below it, i.e. the sample of rank ⌈p·n/100⌉ in ascending order (R's
   * `quantile(type = 1)`, numpy's `percentile(method="inverted_cdf")`). Undefined without samples.
   */
  percentile(p: Percentile): number | undefined {
    return this.percentiles([p])[0];
  }

  /** Several nearest-rank percentiles in one pass; `ps` ascending. */
  percentiles(ps: readonly Percentile[]): (number | undefined)[] {
    if (this.count === 0) return ps.map(() => undefined);
    const ranks = ps.map((p) => Math.max(1, Math.ceil((p * this.count) / 100)));
    const out: number[] = [];
    const rest = this.extra.slice(0, this.extraLength).sort();
    let seen = 0;
    const take = (value: number, n: number): void => {
      seen += n;
      while (out.length < ranks.length && seen >= ranks[out.length]!) out.push(value);
    };
    let j = 0;
    for (let ms = 0; ms < this.counts.length && out.length < ranks.length; ms++) {
      while (j < rest.length && rest[j]! < ms) take(rest[j++]!, 1);
      if (this.counts[ms]) take(ms, this.counts[ms]!);
    }
    while (j < rest.length && out.length < ranks.length) take(rest[j++]!, 1);
    return out;
  }
}
