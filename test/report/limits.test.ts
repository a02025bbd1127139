import { describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { buildReport, CHECK_RUN_SUMMARY_LIMIT, JOB_SUMMARY_LIMIT, measure, renderReportMarkdown } from '../../src/report/index.js';
import { EVIDENCE, failedTest, handInput } from './fixtures.js';
import { tableProblems, tables } from './markdown-helpers.js';

// 50,000 failing tests with multi-byte names (é: 2 bytes, 😀: 4 bytes and 2 UTF-16 units).
const failures: EvidenceItem[] = Array.from({ length: 50_000 }, (_, i) => failedTest(i, `Café 😀 test | number ${i}`));
const huge = buildReport(handInput({ evidence: { ...EVIDENCE, items: [...failures, ...EVIDENCE.items] } }));

const wellFormed = (md: string): void => {
  for (const t of tables(md)) expect(tableProblems(t)).toEqual([]);
  expect(md.split('<details>').length).toBe(md.split('</details>').length);
  expect(md.split('```').length % 2).toBe(1);
};

describe('renderReportMarkdown size limits', () => {
  it.each([
    ['check-run summary (bytes)', CHECK_RUN_SUMMARY_LIMIT, 'bytes'],
    ['check-run summary (characters)', CHECK_RUN_SUMMARY_LIMIT, 'characters'],
    ['job summary', JOB_SUMMARY_LIMIT, 'bytes'],
  ] as const)('fits a %s with 50,000 failing tests, whole tables only', (_what, limit, unit) => {
    const md = renderReportMarkdown(huge, { limit, unit });
    expect(measure(md, unit)).toBeLessThanOrEqual(limit);
    wellFormed(md);
    expect(md.split('\n')[0]).toMatch(/^### .* health \d+\/100/);
    expect(md).toContain('| FeeTest rounds case 1 |'.replace('FeeTest rounds case 1', 'Café 😀 test \\| number 0'));
    expect(md).toContain('… and 49,982 more (left out)');
    expect(md).toMatch(new RegExp(`> ✂️ Shortened to fit ${limit.toLocaleString('en-US')} ${unit}: left out the trend charts; 49,982 test failures beyond the first 20\\. The JSON report has everything\\.`));
    expect(md.endsWith('<!-- phasegate:report:acme-payments -->\n')).toBe(true);
  });

  it('measures bytes and characters exactly', () => {
    expect(measure('é😀', 'bytes')).toBe(6);
    expect(measure('é😀', 'characters')).toBe(3);
  });

  it('drops more, in the documented order, as the limit shrinks', () => {
    const full = renderReportMarkdown(huge, { limit: JOB_SUMMARY_LIMIT });
    const small = renderReportMarkdown(huge, { limit: 6000 });
    expect(measure(small, 'bytes')).toBeLessThanOrEqual(6000);
    wellFormed(small);
    expect(small).toContain('left out the trend charts; the list of 50,002 test failures; the list of 1 flaky test; the list of 1 security finding');
    expect(small).toContain('| tests.passRate |');
    expect(full.length).toBeGreaterThan(small.length);
  });

  it('falls back to the headline and a note, and refuses a limit too small even for that', () => {
    const tiny = renderReportMarkdown(huge, { limit: 400 });
    expect(measure(tiny, 'bytes')).toBeLessThanOrEqual(400);
    expect(tiny).toContain('left out every section but the headline');
    expect(() => renderReportMarkdown(huge, { limit: 50 })).toThrow(RangeError);
  });
});
