/**
 * The overall health score (docs/report.md, "Health score"): 40 % gates, 60 % KPIs.
 * G = mean over evaluated gates (pass 1, warn 0.5, fail 0); K = mean over rated KPIs
 * (green 1, amber 0.5, red 0). score = round(100 × (0.4 G + 0.6 K)); when one part has
 * nothing to score the other takes the whole weight; with neither the score is null.
 * healthy ≥ 80, at-risk ≥ 60, else critical.
 */
import type { HealthStatus, KpiStatus, ReportHealth, ReportKpi, ReportPhase } from './types.js';

/** Weight of the gates part G in the score. */
export const GATE_WEIGHT = 0.4;
/** Weight of the KPI part K in the score. */
export const KPI_WEIGHT = 0.6;
/** Lowest score that is `healthy`. */
export const HEALTHY_FROM = 80;
/** Lowest score that is `at-risk`; below it is `critical`. */
export const AT_RISK_FROM = 60;

const GATE_POINTS: Record<string, number> = { pass: 1, warn: 0.5, fail: 0 };
const KPI_POINTS: Partial<Record<KpiStatus, number>> = { green: 1, amber: 0.5, red: 0 };

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** The status band of a score. */
export function healthStatus(score: number): HealthStatus {
  return score >= HEALTHY_FROM ? 'healthy' : score >= AT_RISK_FROM ? 'at-risk' : 'critical';
}

/** Scores the report's gates and KPIs. */
export function healthOf(phases: readonly ReportPhase[], kpis: readonly ReportKpi[]): ReportHealth {
  const g = mean(phases.flatMap((p) => (p.gate in GATE_POINTS ? [GATE_POINTS[p.gate]!] : [])));
  const k = mean(kpis.flatMap((x) => (KPI_POINTS[x.status] === undefined ? [] : [KPI_POINTS[x.status]!])));
  const raw = g === null ? k : k === null ? g : GATE_WEIGHT * g + KPI_WEIGHT * k;
  const score = raw === null ? null : Math.round(100 * raw);
  const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
  return { score, status: score === null ? null : healthStatus(score), gates: round(g), kpis: round(k) };
}
