import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/index.js';
import { assertWellFormed, bigReport } from './fixtures.js';

describe('a report over 10,000 historical runs', () => {
  const report = bigReport();

  it('renders in under a second to under 2 MB, with the lists capped and counted', () => {
    renderReportHtml(report); // warm-up: ECharts' first render loads its modules
    const start = performance.now();
    const html = renderReportHtml(report);
    const ms = performance.now() - start;
    const bytes = Buffer.byteLength(html);
    console.log(`HTML of a 10,000-run report: ${(bytes / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(html).toContain('Failed and errored tests (5,000)');
    expect(html).toContain('… and 4,950 more failures not shown here (5,000 in all');
    expect(html).toContain('… and 2,950 more findings not shown here');
    expect(html).toContain('… and 1,950 more flaky tests not shown here');
    expect(html).toContain('more characters)');
    expect(() => assertWellFormed(html)).not.toThrow();
  });
});
