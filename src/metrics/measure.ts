/**
 * Collects KPI values and, for each one that cannot be computed, the reason: a KPI is set
 * only when it is a finite number, and is otherwise listed as not measured (never 0 or NaN).
 */
import type { NotMeasured } from './types.js';

/** KPI values and the reasons for the ones missing, gathered by each part of the report. */
export class Tally {
  readonly kpis: Record<string, number> = {};
  readonly notMeasured: NotMeasured[] = [];

  /** Sets `kpi` to `value`, or records `reason` when the value is missing or not finite. */
  set(kpi: string, value: number | undefined, reason: string): void {
    if (value !== undefined && Number.isFinite(value)) this.kpis[kpi] = value;
    else this.notMeasured.push({ kpi, reason });
  }

  /** Records every KPI in `kpis` as not measured for the same reason. */
  skip(kpis: readonly string[], reason: string): void {
    for (const kpi of kpis) this.notMeasured.push({ kpi, reason });
  }

  /** Takes over another tally's values and reasons. */
  merge(other: Tally): void {
    Object.assign(this.kpis, other.kpis);
    this.notMeasured.push(...other.notMeasured);
  }
}
