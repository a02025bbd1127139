/**
 * Fetches the canary and the baseline of one metric together and checks that their time
 * ranges line up (the clock-skew rule of docs/release-providers.md), so the gate compares
 * like with like. Any failure of either side is the pair's failure, naming the side.
 */
import type { FetchFailure, FetchResult, MetricProvider, MetricQuery, Variant } from './types.js';

/** A successful fetch. */
export type FetchedSamples = Extract<FetchResult, { ok: true }>;

/** Both sides, or why the gate cannot compare them. */
export type PairResult =
  | { ok: true; canary: FetchedSamples; baseline: FetchedSamples }
  | { ok: false; reason: FetchFailure; message: string; variant?: Variant };

/** Limits of the clock-skew rule. */
export interface SkewLimits {
  /** First and last times may differ by this much without further checks (default: 2 steps, 120 s without a step). */
  maxSkewSeconds?: number;
  /** Beyond that, the overlap must be at least this share of the union of both ranges (default 0.5). */
  minOverlap?: number;
}

/**
 * The clock-skew check: a message when the two ranges do not line up, undefined when they do.
 * Ranges line up when their first times and their last times each differ by at most
 * maxSkewSeconds, or when their overlap is at least minOverlap of their union.
 */
export function clockSkew(canary: readonly number[], baseline: readonly number[], limits: SkewLimits & { step?: number } = {}): string | undefined {
  const maxSkew = limits.maxSkewSeconds ?? 2 * (limits.step ?? 60);
  const minOverlap = limits.minOverlap ?? 0.5;
  const [c0, c1] = [canary[0] ?? 0, canary[canary.length - 1] ?? 0];
  const [b0, b1] = [baseline[0] ?? 0, baseline[baseline.length - 1] ?? 0];
  if (Math.abs(c0 - b0) <= maxSkew && Math.abs(c1 - b1) <= maxSkew) return undefined;
  const union = Math.max(c1, b1) - Math.min(c0, b0);
  const overlap = Math.max(0, Math.min(c1, b1) - Math.max(c0, b0));
  if (union > 0 && overlap / union >= minOverlap) return undefined;
  const iso = (t: number): string => new Date(t * 1000).toISOString();
  const share = union > 0 ? Math.round((overlap / union) * 100) : 0;
  return `canary ${iso(c0)}..${iso(c1)} and baseline ${iso(b0)}..${iso(b1)} overlap ${share}% (need ${Math.round(minOverlap * 100)}% or ends within ${maxSkew} s)`;
}

/** Fetches both variants of `q` (in parallel) and applies the clock-skew rule. */
export async function fetchPair(provider: MetricProvider, q: Omit<MetricQuery, 'variant'>, limits: SkewLimits = {}): Promise<PairResult> {
  const [canary, baseline] = await Promise.all([
    provider.fetch({ ...q, variant: 'canary' }),
    provider.fetch({ ...q, variant: 'baseline' }),
  ]);
  if (!canary.ok) return { ...canary, variant: 'canary' };
  if (!baseline.ok) return { ...baseline, variant: 'baseline' };
  const skew = clockSkew(canary.times, baseline.times, { ...limits, step: q.step });
  if (skew) return { ok: false, reason: 'clock-skew', message: `${q.query}: ${skew}` };
  return { ok: true, canary, baseline };
}
