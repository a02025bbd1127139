/** Types shared by the release statistics: alternatives and the result shapes. */

/** Direction of the alternative hypothesis, for the first sample (canary) against the second. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link mannWhitney}, with R's defaults. */
export interface MannWhitneyOptions {
  /** 'greater': x tends to be larger than y. Default 'two-sided'. */
  alternative?: Alternative;
  /** Confidence level of the Hodges-Lehmann interval, in (0, 1). Default 0.95. */
  confLevel?: number;
  /** Exact distribution; default when both sides have fewer than 50 values. Ignored with ties. */
  exact?: boolean;
  /** Continuity correction of the normal approximation. Default true. */
  correct?: boolean;
}

/**
 * Result of {@link mannWhitney}. A data problem never throws: `insufficient` then says why,
 * and what cannot be computed is null (statistic is NaN when a side has no data).
 */
export interface MannWhitneyResult {
  /** R's W: the number of pairs (x, y) with x > y, ties counting one half. */
  statistic: number;
  pValue: number | null;
  /** Hodges-Lehmann shift: median of the differences x − y. */
  estimate: number | null;
  confInt: [number, number] | null;
  method: string;
  /** Finite values used per side. */
  n: [number, number];
  /** Non-finite values dropped (NaN, ±Infinity), both sides together. */
  dropped: number;
  /** Why the result cannot support a decision, or null when it can. */
  insufficient: string | null;
}
