/**
 * Reports for the HTML tests, built with the report engineer's fixtures (test/report/):
 * acme-payments as of the demo, the hand-built project, a hostile variant whose every text
 * field tries to inject markup, and a big one over 10,000 historical runs with thousands of
 * failures. Plus an XML well-formedness check and the list of every URL-bearing reference.
 */
import { SaxesParser } from 'saxes';
import { buildReport, type Report } from '../../src/report/index.js';
import type { PortfolioRow } from '../../src/report/html/index.js';
import { acmeInput } from '../report/acme.js';
import { AS_OF, handInput } from '../report/fixtures.js';
import { run } from '../metrics/helpers.js';

export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_MESSAGE = '</script><script>alert(1)</script>';

/** The acme-payments health report as of the demo time. */
export async function acmeReport(): Promise<Report> {
  return buildReport(await acmeInput());
}

/** The hand-built report (most KPIs not measured). */
export const handReport = (): Report => buildReport(handInput());

/** The hand-built report with hostile text in every string field a reader sees. */
export function hostileReport(): Report {
  const r = handReport();
  const evil = { title: HOSTILE_NAME, message: HOSTILE_MESSAGE, file: `${HOSTILE_NAME}.ts` };
  r.project = `${HOSTILE_NAME}"'`;
  r.tests.failures = r.tests.failures.map((f) => ({ ...f, ...evil }));
  r.tests.flaky = [HOSTILE_MESSAGE];
  r.security.findings = r.security.findings.map((f) => ({ ...f, ...evil }));
  r.waivers.inForce = r.waivers.inForce.map((w) => ({ ...w, reason: HOSTILE_MESSAGE, owner: HOSTILE_NAME }));
  r.warnings = [{ code: 'spi-low', message: HOSTILE_MESSAGE, evidence: [{ kind: 'record', ref: HOSTILE_NAME, note: '\u202Eevil' }], action: 'act' }];
  return r;
}

/** A report over 10,000 earlier runs with 5,000 failures, 3,000 findings and 2,000 flaky tests. */
export function bigReport(): Report {
  const history = Array.from({ length: 10_000 }, (_, i) =>
    run(`r${i}`, new Date(AS_OF.getTime() - (10_000 - i) * 3_600_000).toISOString(), { metrics: { 'tests.passRate': 90 + (i % 10), 'coverage.line': 70 + (i % 20) / 2 } }),
  );
  const r = buildReport(handInput({ history }));
  const long = 'expected value to match snapshot\n'.repeat(100);
  r.tests.failures = Array.from({ length: 5_000 }, (_, i) => ({ id: `T::${i}`, title: `test number ${i}`, level: 'failed', message: long, file: `test/t${i}.ts`, line: i }));
  r.security.findings = Array.from({ length: 3_000 }, (_, i) => ({ id: `F${i}`, title: `rule ${i}`, level: 'high', message: long, file: `src/f${i}.ts`, line: i }));
  r.tests.flaky = Array.from({ length: 2_000 }, (_, i) => `flaky::${i}`);
  return r;
}

/** Portfolio rows: three projects, one with nothing measured. */
export const PORTFOLIO: PortfolioRow[] = [
  { project: 'acme-payments', tier: 'operational', phase: 'testing', health: 54, healthStatus: 'critical', spi: 0.96, cpi: 1.21, defectDensity: 16.45, warnings: 1, asOf: '2026-11-21T09:00:00.000Z' },
  { project: 'billing-core', tier: 'strategic', phase: 'release', health: 91, healthStatus: 'healthy', spi: 1.02, cpi: 0.98, defectDensity: 2.1, warnings: 0, asOf: '2026-11-20T09:00:00.000Z' },
  { project: 'zeta-labs', tier: null, phase: null, health: null, healthStatus: null, spi: null, cpi: null, defectDensity: null, warnings: 3, asOf: '2026-11-19T09:00:00.000Z' },
  { project: 'mobile-app', tier: 'innovation', phase: 'design', health: 72, healthStatus: 'at-risk', spi: 0.81, cpi: null, defectDensity: 7.5, warnings: 2, asOf: '2026-11-21T08:00:00.000Z' },
];

/** Parses the page as XML (the renderer writes an XHTML-compatible subset); throws on the first error. */
export function assertWellFormed(html: string): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(html).close();
}

/** Every src/href/xlink:href/action value, every url(...) and @import in the page. */
export function references(html: string): string[] {
  const attrs = [...html.matchAll(/\s(?:src|href|xlink:href|action|poster|srcset|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => m[1]!.replace(/^["']|["']$/g, ''));
  const urls = [...html.matchAll(/url\(([^)]*)\)/gi)].map((m) => m[1]!.trim());
  const imports = [...html.matchAll(/@import[^;]*/gi)].map((m) => m[0]);
  return [...attrs, ...urls, ...imports];
}
