/**
 * KPI status against the policy's metric rules (docs/report.md, "KPI status"): red when the
 * value fails a fail-severity rule, amber when it fails only warn-severity rules or lies
 * near a threshold it passes (nearMargin), green otherwise; unrated when no rule reads the KPI.
 */
import { metricInfo } from '../catalog/metrics.js';
import { compare, resolvedMetric } from '../gate/rules/metric.js';
import type { MetricRule, Rule } from '../policy/types.js';
import type { KpiStatus } from './types.js';

/** How close to a threshold (as a fraction of it) a passing value still rates amber. */
export const NEAR_THRESHOLD = 0.1;

/** The policy's metric rules that read `kpi` (after `scope: new` resolution), any phase, policy order. */
export function rulesOn(rules: readonly Rule[], kpi: string): MetricRule[] {
  return rules.filter((r): r is MetricRule => r.kind === 'metric' && resolvedMetric(r) === kpi);
}

/**
 * The margin within which a passing value is "near" an ordering rule's threshold:
 * NEAR_THRESHOLD × |bound − threshold|, where the bound is 100 for a percent metric that must
 * stay above the threshold (a pass rate cannot exceed 100 %) and 0 otherwise. So `>= 95 %`
 * is near below 95.5 %, `<= 5` near above 4.5, `>= 0.9` (SPI) near below 0.99.
 */
export function nearMargin(rule: MetricRule): number {
  const above = rule.operator === '>=' || rule.operator === '>';
  const bound = above && metricInfo(resolvedMetric(rule))?.unit === 'percent' ? 100 : 0;
  return NEAR_THRESHOLD * Math.abs(bound - rule.threshold);
}

/** True when `value` is strictly within nearMargin of the rule's threshold; `==` and `!=` rules are never near. */
export function nearThreshold(value: number, rule: MetricRule): boolean {
  if (rule.operator === '==' || rule.operator === '!=') return false;
  // The tolerance keeps float noise (0.99 − 0.9 = 0.0900…01) from moving a value across the edge.
  return Math.abs(value - rule.threshold) < nearMargin(rule) - 1e-9;
}

/** Rates a KPI value against the rules on it. */
export function kpiStatus(value: number | null, rules: readonly MetricRule[]): KpiStatus {
  if (value === null) return 'not-measured';
  if (rules.length === 0) return 'unrated';
  const failed = rules.filter((r) => !compare(value, r.operator, r.threshold));
  if (failed.some((r) => r.severity === 'fail')) return 'red';
  if (failed.length > 0 || rules.some((r) => nearThreshold(value, r))) return 'amber';
  return 'green';
}
