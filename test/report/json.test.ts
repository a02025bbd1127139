import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { assertValidReport, buildReport, renderReportJson } from '../../src/report/index.js';
import { acmeInput } from './acme.js';
import { AS_OF, EVIDENCE, failedTest, handInput } from './fixtures.js';

describe('renderReportJson', () => {
  it('writes JSON that validates against the schema and reads back equal', () => {
    const report = buildReport(handInput());
    const text = renderReportJson(report);
    const back: unknown = JSON.parse(text);
    assertValidReport(back);
    expect(back).toEqual(report);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is byte-identical for equal inputs, whatever order the KPI report keys were built in', async () => {
    const a = await acmeInput();
    const b = await acmeInput();
    b.kpis = { ...b.kpis!, kpis: Object.fromEntries(Object.entries(b.kpis!.kpis).reverse()) };
    const ja = renderReportJson(buildReport(a));
    expect(renderReportJson(buildReport(b))).toBe(ja);
    expect(() => assertValidReport(JSON.parse(ja))).not.toThrow();
  });

  it('keeps everything in JSON even with 50,000 failing tests', () => {
    const failures: EvidenceItem[] = Array.from({ length: 50_000 }, (_, i) => failedTest(i));
    const report = buildReport(handInput({ evidence: { ...EVIDENCE, items: failures } }));
    const back = JSON.parse(renderReportJson(report)) as { tests: { failures: unknown[] } };
    expect(back.tests.failures).toHaveLength(50_000);
    expect(() => assertValidReport(back)).not.toThrow();
  });

  it('reports every schema problem at once', () => {
    const bad = { ...buildReport({ project: 'p', tier: null, asOf: AS_OF, verdicts: [] }), extra: 1, health: { score: 120, status: 'fine', gates: null, kpis: null }, releaseDecisions: [{ rollout: 'v2' }] };
    let err: unknown;
    try {
      assertValidReport(bad, 'report.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PhasegateError);
    const messages = (err as PhasegateError).diagnostics.map((d) => d.message);
    expect(messages).toEqual(expect.arrayContaining([
      '/: must NOT have additional properties ("extra") (not a valid phasegate report)',
      "/releaseDecisions/0: must have required property 'decisions' (not a valid phasegate report)",
    ]));
    expect(messages.some((m) => m.startsWith('/health/status'))).toBe(true);
    expect(messages.some((m) => m.startsWith('/health/score'))).toBe(true);
  });

  it('refuses a report holding NaN instead of writing null or 0', () => {
    const report = buildReport(handInput());
    expect(() => renderReportJson({ ...report, coverage: { ...report.coverage, line: Number.NaN } })).toThrow();
  });
});
