/**
 * Metric providers of the gray-release gate: the interface, the Prometheus and file providers,
 * and the canary/baseline pair with its clock-skew rule. See docs/release-providers.md.
 */
export type { FetchFailure, FetchResult, MetricProvider, MetricQuery, Variant, VariantValues } from './types.js';
export { digestOf, samplesResult, substituteVariant } from './types.js';
export { prometheusProvider, type PrometheusOptions } from './prometheus.js';
export { fileProvider, INSTANT_LOOKBACK_SECONDS, type FileProviderOptions } from './file.js';
export { clockSkew, fetchPair, type FetchedSamples, type PairResult, type SkewLimits } from './pair.js';
