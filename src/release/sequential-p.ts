/**
 * Always-valid p-values for the release gate's looks, corrected across metrics.
 *
 * Each `release evaluate` of a step is a look at all the data since the step began. Per
 * metric, the look's mSPRT likelihood ratio Λ (src/release/stats/sequential.ts, rank-based
 * effect) gives 1/Λ, and the always-valid p-value is the minimum of that and the p-value this
 * metric carried at the step's previous look; only evidence in the metric's harmful direction
 * counts (a one-sided use that can only make p larger, so it stays valid). The Holm correction
 * then adjusts across the metrics of the look. The adjusted value is what the decision record
 * keeps and what the next look starts from: a little conservative (Holm only raises p), never
 * anti-conservative. See docs/release-gate.md.
 */
import type { MetricInput } from './decision/types.js';
import type { ReleaseMetric } from './policy/types.js';
import { holm, msprtRatio, rankLook } from './stats/index.js';

/** Mixture width τ of the rank effect (P(canary > baseline) − ½), as in the simulations. */
export const RANK_TAU = 0.05;

const sorted = (xs: readonly number[]): Float64Array => Float64Array.from(xs.filter(Number.isFinite)).sort();

function lookP(metric: ReleaseMetric, input: MetricInput): number | null {
  if (!input.canary.ok || !input.baseline.ok) return null;
  const look = rankLook(sorted(input.canary.samples), sorted(input.baseline.samples));
  const harmful = metric.harmful === 'increase' ? look.estimate > 0 : look.estimate < 0;
  const ratio = msprtRatio(look, RANK_TAU);
  if (Number.isNaN(ratio)) return null;
  return harmful ? Math.min(1, 1 / ratio) : 1;
}

/**
 * Holm-adjusted always-valid p-values by metric name. `previous` holds each metric's p-value at
 * the step's last look (from the decision record); metrics without usable data are left out.
 */
export function sequentialPValues(metrics: readonly ReleaseMetric[], inputs: readonly MetricInput[], previous: ReadonlyMap<string, number>): Map<string, number> {
  const names: string[] = [];
  const raw: (number | null)[] = [];
  for (const m of metrics) {
    const input = inputs.find((i) => i.name === m.name);
    const p = input ? lookP(m, input) : null;
    const prev = previous.get(m.name);
    const carried = p === null ? (prev ?? null) : Math.min(p, prev ?? 1);
    names.push(m.name);
    raw.push(carried);
  }
  const adjusted = holm(raw);
  const out = new Map<string, number>();
  names.forEach((n, i) => {
    const p = adjusted[i];
    if (p !== null && p !== undefined) out.set(n, p);
  });
  return out;
}
