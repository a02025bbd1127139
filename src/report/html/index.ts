/**
 * The HTML views: the project health report (the Jenkins HTML report and the release
 * manager's view) and the PMO's portfolio across projects. docs/report-html.md describes both.
 */
export { renderReportHtml, renderReportPage, type ReportHtmlOptions, type ReportPageOptions } from './report.js';
export { renderPortfolioHtml, renderPortfolioPage, type PortfolioHtmlOptions } from './portfolio.js';
export type { PortfolioRow } from './portfolio-types.js';
export { contentSecurityPolicy, EXTERNAL_CSP, STYLESHEET_FILE, type HtmlAssets, type HtmlPage } from './page.js';
