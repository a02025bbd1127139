import { describe, expect, it } from 'vitest';
import type { EvidenceBundle } from '../../src/evidence/types.js';
import { renderReportHtml } from '../../src/report/html/index.js';
import { assertValidReport, buildReport, renderReportJson, renderReportMarkdown } from '../../src/report/index.js';
import { AS_OF } from './fixtures.js';

const metrics: Record<string, number> = {
  'perf.p50': 120, 'perf.p90': 300, 'perf.p95': 400, 'perf.p99': 400, 'perf.errorRate': 10, 'perf.throughput': 8.333, 'perf.samples': 10,
  'perf.p95Change': 12.5, 'perf.errorRateDelta': -0.5,
};
for (let i = 0; i < 12; i++) Object.assign(metrics, { [`perf.tx.tx-${i}.p95`]: 100 + i, [`perf.tx.tx-${i}.samples`]: 5 });
const evidence: EvidenceBundle = { schemaVersion: 1, metrics, items: [], documents: [], sources: [{ kind: 'perf', path: 'result.jtl', format: 'jmeter-jtl-csv' }] };
const report = (e?: EvidenceBundle) => buildReport({ project: 'shop', tier: null, asOf: AS_OF, verdicts: [], evidence: e });

describe('the performance section', () => {
  it('holds the overall figures, the 10 slowest transactions and the baseline change; the JSON validates', () => {
    const r = report(evidence);
    expect(r.performance?.overall).toMatchObject({ name: 'all', p95: 400, errorRate: 10, p95Change: 12.5, errorRateDelta: -0.5, throughputChange: null });
    expect(r.performance?.transactions.map((t) => t.name)).toEqual(['tx-11', 'tx-10', 'tx-9', 'tx-8', 'tx-7', 'tx-6', 'tx-5', 'tx-4', 'tx-3', 'tx-2']);
    expect(r.performance).toMatchObject({ transactionCount: 12, baseline: true });
    assertValidReport(JSON.parse(renderReportJson(r)));
  });

  it('is null, and neither renderer shows it, without perf metrics', () => {
    const r = report({ ...evidence, metrics: { 'tests.total': 1 } });
    expect(r.performance).toBeNull();
    assertValidReport(JSON.parse(renderReportJson(r)));
    expect(renderReportMarkdown(r, { limit: 65536 })).not.toContain('#### Performance');
    expect(renderReportHtml(r)).not.toContain('id="performance"');
  });

  it('Markdown and HTML show the table with the change columns', () => {
    const r = report(evidence);
    const md = renderReportMarkdown(r, { limit: 65536 });
    expect(md).toContain('#### Performance');
    expect(md).toContain('| **all** | 120 ms | 300 ms | 400 ms | 400 ms | 10 % | 8.3/s | 10 | +12.5 % | -0.5 pt |');
    expect(md).toContain('The 10 slowest of 12 transactions by p95');
    const html = renderReportHtml(r);
    expect(html).toContain('<section id="performance"');
    expect(html).toContain('href="#performance"');
    expect(html).toMatch(/Transactions \(12, the 10 slowest by p95\)/);
  });
});
