/**
 * Public API of the project health report: buildReport (pure model), and its renderers
 * (Markdown for GitHub, deterministic JSON) with the schema check.
 */
export { buildReport, type ReportInput } from './build.js';
export { kpiStatus, nearMargin, nearThreshold, NEAR_THRESHOLD } from './kpi-status.js';
export { HEADLINE_KPIS, TREND_POINTS } from './kpis.js';
export { healthOf, healthStatus } from './health.js';
export type * from './types.js';
export { REPORT_SCHEMA_VERSION } from './types.js';
export { renderReportMarkdown, reportMarker, DROP_ORDER, type MarkdownOptions } from './markdown/index.js';
export { CHECK_RUN_SUMMARY_LIMIT, JOB_SUMMARY_LIMIT, COMMENT_LIMIT, measure, type LimitUnit } from './markdown/size.js';
export { renderReportJson } from './json.js';
export { assertValidReport } from './validate.js';
