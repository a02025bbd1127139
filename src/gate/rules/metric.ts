/** Metric rules: compare one number of the evidence with a threshold. */
import { metricInfo } from '../../catalog/metrics.js';
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
  const unit = metricInfo(metric)?.unit;
  const n = Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  if (unit === 'percent') return `${n} %`;
  if (unit === 'kloc') return `${n} KLOC`;
  if (unit === 'per-kloc') return `${n} per KLOC`;
  return n;
}

function defaultHint(metric: string, operator: Operator, threshold: number): string {
  const want = `${operator} ${formatValue(metric, threshold)}`;
  const better = metricInfo(metric)?.better;
  if (better === 'higher') return `raise ${metric} to ${want}`;
  if (better === 'lower') return `bring ${metric} down to ${want}`;
  return `make ${metric} ${want}`;
}

/**
 * Evaluates a metric rule. `adjust` lets a finding waiver subtract waived items from a
 * count metric before the comparison.
 */
export function evaluateMetric(rule: MetricRule, evidence: EvidenceBundle, adjust = 0): Outcome {
  const metric = resolvedMetric(rule);
  const base = { metric, operator: rule.operator, threshold: rule.threshold };
  const hint = defaultHint(metric, rule.operator, rule.threshold);
  const raw = evidence.metrics[metric];
  if (raw === undefined || !Number.isFinite(raw)) {
    return missing(`${metric} was not measured`, `collect the evidence that provides ${metric}`, base);
  }
  const actual = raw - adjust;
  const ok = compare(actual, rule.operator, rule.threshold);
  const shown = formatValue(metric, actual);
  const want = `${rule.operator} ${formatValue(metric, rule.threshold)}`;
  const waivedNote = adjust > 0 ? ` after ${adjust} waived finding${adjust === 1 ? '' : 's'}` : '';
  return {
    ...base,
    result: ok ? 'pass' : 'fail',
    actual,
    message: `${metric} is ${shown}${waivedNote}; the policy requires ${want}`,
    hint,
  };
}
