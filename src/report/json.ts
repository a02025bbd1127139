/**
 * The health report as JSON: deterministic (sorted keys, two-space indent, trailing newline),
 * so equal reports give byte-identical files. The shape is schemas/report.schema.json.
 */
import { stableJson } from '../io/json.js';
import type { Report } from './types.js';

/** Serialises a report with stableJson; throws for a value JSON cannot hold (NaN, Infinity). */
export function renderReportJson(report: Report): string {
  return stableJson(report);
}
