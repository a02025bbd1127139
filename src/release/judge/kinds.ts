/**
 * What each metric kind compares and how much data it needs: the location the effect and the
 * limits are read on, the model of the relative change, and the default (and least) number of
 * observations per side before a metric may pass. Reference: docs/release-gate.md.
 */
import type { ReleaseMetricKind, ReleaseStep } from '../policy/types.js';
import type { VarianceFloor } from '../stats/ratio-bounds.js';

/** How one kind is judged. */
export interface KindModel {
  /** The canary's value the limits apply to: its median (robust to heavy tails) or its mean. */
  location: 'median' | 'mean';
  /**
   * The relative change: `log-shift`, the factor between canary and baseline latencies (the
   * Hodges-Lehmann shift of their logarithms, by ranks), or `ratio-of-means` (Fieller).
   */
  effect: 'log-shift' | 'ratio-of-means';
  /** The canary variance floor of the ratio of means (ratio-bounds.ts). */
  floor: VarianceFloor;
  /**
   * Observations per side below which the kind's bounds are not trusted to decide anything (the
   * least a step's `minSamples` may be): from here a metric may fail.
   */
  leastSamples: number;
  /** Observations per side before a metric may pass, when the step sets no `minSamples`. */
  minSamples: number;
  /** Whether ±Infinity samples are judged (ranked, as R ranks them) instead of holding as bad data. */
  infinite: boolean;
  /**
   * Whether all zeros on both sides is a quiet series (no events: the limits decide) rather than
   * a flat-lined one (a constant series holds: nothing can be compared).
   */
  quietZero: boolean;
}

/** The kinds. */
export const KINDS: Readonly<Record<ReleaseMetricKind, KindModel>> = {
  latency: { location: 'median', effect: 'log-shift', floor: 'none', leastSamples: 10, minSamples: 20, infinite: true, quietZero: false },
  'error-ratio': { location: 'mean', effect: 'ratio-of-means', floor: 'count', leastSamples: 20, minSamples: 30, infinite: false, quietZero: true },
  count: { location: 'mean', effect: 'ratio-of-means', floor: 'count', leastSamples: 20, minSamples: 30, infinite: false, quietZero: true },
  business: { location: 'mean', effect: 'ratio-of-means', floor: 'scale', leastSamples: 20, minSamples: 30, infinite: false, quietZero: false },
};

/** Observations per side a metric of `kind` needs at `step`: the step's minSamples, or the kind's default when it gives none (0). */
export function minSamplesFor(kind: ReleaseMetricKind, step: Pick<ReleaseStep, 'minSamples'>): number {
  return step.minSamples > 0 ? step.minSamples : KINDS[kind].minSamples;
}
