/** Metric rules: compare one number of the evidence with a threshold. */
import { metricInfo, type MetricInfo } from '../../catalog/metrics.js';
import type { EvidenceBundle } from '../../evidence/types.js';
import type { MetricRule, Operator } from '../../policy/types.js';
import { missing, type Outcome } from '../outcome.js';

const EPSILON = 1e-9;

/** True when `actual operator threshold` holds (with a small tolerance for float noise). */
export function compare(actual: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case '>=':
      return actual >= threshold - EPSILON;
    case '>':
      return actual > threshold + EPSILON;
    case '<=':
      return actual <= threshold + EPSILON;
    case '<':
      return actual < threshold - EPSILON;
    case '==':
      return Math.abs(actual - threshold) <= EPSILON;
    case '!=':
      return Math.abs(actual - threshold) > EPSILON;
  }
}

/** The metric a rule reads: its new-code counterpart when `scope: new`. */
export function resolvedMetric(rule: MetricRule): string {
  if (rule.scope !== 'new') return rule.metric;
  return metricInfo(rule.metric)?.newCounterpart ?? rule.metric;
}

/** Formats a metric value with its unit for messages. */
export function formatValue(metric: string, value: number): string {
  return withUnit(metricInfo(metric)?.unit, value);
}

function withUnit(unit: MetricInfo['unit'] | undefined, value: number): string {
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (unit === 'percent') return `${n} %`;
  if (unit === 'kloc') return `${n} KLOC`;
  if (unit === 'per-kloc') return `${n} per KLOC`;
  if (unit === 'milliseconds') return `${n} ms`;
  if (unit === 'per-second') return `${n} per s`;
  return n;
}

function defaultHint(metric: string, info: MetricInfo | undefined, want: string): string {
  if (info?.better === 'higher') return `raise ${metric} to ${want}`;
  if (info?.better === 'lower') return `bring ${metric} down to ${want}`;
  return `make ${metric} ${want}`;
}

/**
 * Evaluates a metric rule: `n/a` when the evidence lists the metric as not applicable,
 * `missing` when it has no value, else the comparison. `adjust` lets a finding waiver subtract waived items from a
 * count metric before the comparison. Hot path: a policy may hold a thousand rules.
 */
export function evaluateMetric(rule: MetricRule, evidence: EvidenceBundle, adjust = 0): Outcome {
  const metric = resolvedMetric(rule);
  const info = metricInfo(metric);
  const base = { metric, operator: rule.operator, threshold: rule.threshold };
  const want = `${rule.operator} ${withUnit(info?.unit, rule.threshold)}`;
  const na = evidence.notApplicable;
  if (na && Object.hasOwn(na, metric)) {
    // Nothing to judge wins over any value a hand-made bundle may also give.
    return { ...base, result: 'n/a', actual: null, message: `${metric} has nothing to judge: ${na[metric]}`, hint: '' };
  }
  const raw = evidence.metrics[metric];
  if (raw === undefined || !Number.isFinite(raw)) {
    return missing(`${metric} was not measured`, `collect the evidence that provides ${metric}`, base);
  }
  const actual = raw - adjust;
  const ok = compare(actual, rule.operator, rule.threshold);
  const waivedNote = adjust > 0 ? ` after ${adjust} waived finding${adjust === 1 ? '' : 's'}` : '';
  return {
    ...base,
    result: ok ? 'pass' : 'fail',
    actual,
    message: `${metric} is ${withUnit(info?.unit, actual)}${waivedNote}; the policy requires ${want}`,
    hint: ok ? '' : defaultHint(metric, info, want),
  };
}
