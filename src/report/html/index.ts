/**
 * The HTML views: the project health report (the Jenkins HTML report and the release
 * manager's view) and the PMO's portfolio across projects. docs/report-html.md describes both.
 */
export { renderReportHtml, type ReportHtmlOptions } from './report.js';
export { renderPortfolioHtml, type PortfolioHtmlOptions } from './portfolio.js';
export type { PortfolioRow } from './portfolio-types.js';
export { contentSecurityPolicy } from './page.js';
