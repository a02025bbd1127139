/**
 * Early warnings from leading indicators (DOMAIN.md §4). Each names the facts it rests on:
 * SPI under the threshold at the end of the last two periods, requirement churn after the
 * freeze, defect discovery rising, flaky rate rising, and a forecast unlikely to meet the due date.
 */
import type { WorkItemRecord } from '../store/records.js';
import type { DefectReport } from './defects.js';
import type { ForecastResult } from './forecast.js';
import type { At } from './history.js';
import type { TestReport } from './test-analytics.js';
import { dayEnd, risingRun } from './time.js';
import type { KpiWarning, WarningEvidence } from './types.js';

const fmt = (x: number, digits = 2): string => String(Math.round(x * 10 ** digits) / 10 ** digits);

/** SPI at the end of each period: below `threshold` at the last two ends warns. */
export function spiWarning(trend: ReadonlyArray<{ period: string; spi?: number }>, threshold: number, planFile?: string): KpiWarning | undefined {
  const last = trend.slice(-2);
  if (last.length < 2 || !last.every((p) => p.spi !== undefined && p.spi < threshold)) return undefined;
  const evidence: WarningEvidence[] = last.map((p) => ({ kind: 'kpi', ref: 'schedule.spi', time: p.period, value: p.spi }));
  if (planFile) evidence.push({ kind: 'plan', ref: planFile });
  return { code: 'spi-low', message: `SPI below ${threshold} at the end of two periods in a row (${last.map((p) => `${fmt(p.spi!)} in ${p.period}`).join(', ')}): the project is falling behind its plan`, evidence };
}

/** What a requirement record changed after the freeze, if anything counts as churn. */
function churnOf(prev: WorkItemRecord | undefined, cur: WorkItemRecord): string | undefined {
  if (!prev) return 'opened';
  if (prev.state === 'done' && cur.state !== 'done') return 'reopened';
  if ((cur.title ?? prev.title) !== prev.title) return 'retitled';
  if ((cur.weight ?? prev.weight) !== prev.weight) return 'resized';
  return undefined;
}

/** Requirement work items opened, reopened, retitled or resized after the freeze date. */
export function churnWarning(items: ReadonlyMap<string, readonly At<WorkItemRecord>[]>, freeze: string, planFile?: string): KpiWarning | undefined {
  const after = dayEnd(freeze);
  const evidence: WarningEvidence[] = [];
  for (const tl of items.values()) {
    tl.forEach((x, i) => {
      if (x.r.type !== 'requirement' || x.ms < after) return;
      const what = churnOf(tl[i - 1]?.r, x.r);
      if (what) evidence.push({ kind: 'record', ref: x.r.id, time: x.r.time, note: `${x.r.itemId} ${what}` });
    });
  }
  if (evidence.length === 0) return undefined;
  evidence.sort((a, b) => (a.time! < b.time! ? -1 : a.time! > b.time! ? 1 : 0));
  const shown = evidence.slice(0, 5).map((e) => e.note).join(', ');
  if (planFile) evidence.push({ kind: 'plan', ref: planFile, note: `freeze ${freeze}` });
  const n = evidence.filter((e) => e.kind === 'record').length;
  return { code: 'requirement-churn', message: `${n} requirement change(s) after the freeze on ${freeze} (${shown}${n > 5 ? ', …' : ''}): frequent requirement change is the main cause of delay`, evidence };
}

function risingWarning(code: 'defect-density-rising' | 'flaky-rate-rising', kpi: string, what: string, points: ReadonlyArray<{ period: string; value?: number }>, rises: number): KpiWarning | undefined {
  const series = points.filter((p) => p.value !== undefined);
  if (series.length !== points.length || !risingRun(series.map((p) => p.value!), rises)) return undefined;
  const tail = series.slice(-(rises + 1));
  return {
    code,
    message: `${what} rose ${rises} periods in a row (${tail.map((p) => `${fmt(p.value!, 3)} in ${p.period}`).join(' → ')})`,
    evidence: tail.map((p) => ({ kind: 'kpi', ref: kpi, time: p.period, value: p.value })),
  };
}

/** Defects found per KLOC rising for `rises` periods in a row. */
export function defectWarning(report: DefectReport, rises: number): KpiWarning | undefined {
  return risingWarning('defect-density-rising', 'defects.density', 'Defects found per KLOC', report.trend.map((p) => ({ period: p.period, value: p.density })), rises);
}

/** The flaky-test rate rising for `rises` periods in a row. */
export function flakyWarning(report: TestReport, rises: number): KpiWarning | undefined {
  return risingWarning('flaky-rate-rising', 'tests.flakyRate', 'The flaky-test rate (%)', report.flakyTrend.map((p) => ({ period: p.period, value: p.rate })), rises);
}

/** A forecast that meets the due date in fewer than half of its trials. */
export function forecastWarning(f: ForecastResult): KpiWarning | undefined {
  if (f.onTimeProbability === undefined || f.onTimeProbability >= 50) return undefined;
  return {
    code: 'forecast-late',
    message: `Only ${fmt(f.onTimeProbability, 1)}% of ${f.trials} forecast trials finish by the due date ${f.due}; P50 ${f.p50}, P85 ${f.p85}`,
    evidence: [
      {
        kind: 'kpi',
        ref: 'forecast.onTimeProbability',
        value: f.onTimeProbability,
        note: `P50 ${f.p50}, P85 ${f.p85}, P95 ${f.p95}; remaining ${f.remaining} ${f.unit}; weekly throughput ${f.throughput.join(' ')} ${f.unit}`,
      },
    ],
  };
}
