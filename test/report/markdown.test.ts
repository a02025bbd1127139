import { describe, expect, it } from 'vitest';
import { buildReport, renderReportMarkdown, reportMarker, type Report } from '../../src/report/index.js';
import { cells, tableProblems, tables } from './markdown-helpers.js';
import { EVIDENCE, failedTest, handInput } from './fixtures.js';

const BIG = { limit: 1_000_000 };
const rowOf = (md: string, first: string): string[] | undefined => md.split('\n').filter((l) => l.startsWith(`| ${first} |`)).map(cells)[0];

describe('renderReportMarkdown', () => {
  const report = buildReport(handInput());
  const md = renderReportMarkdown(report, BIG);

  it('starts with a one-line headline: score, status and failing gates', () => {
    expect(md.split('\n')[0]).toBe('### 🟢 acme-payments health 88/100 (healthy) — no gate failing (4 of 5 evaluated)');
    const failing: Report = { ...report, health: { score: 54, status: 'critical', gates: 0.6, kpis: 0.5 }, phases: report.phases.map((p) => (p.phase === 'testing' ? { ...p, gate: 'fail', failing: ['coverage-line'] } : p)) };
    expect(renderReportMarkdown(failing, BIG).split('\n')[0]).toBe('### 🔴 acme-payments health 54/100 (critical) — 1 of 4 gates failing: testing');
  });

  it('says the context on the second line', () => {
    expect(md.split('\n')[2]).toBe('tier operational · policy acme-payments · as of 2026-11-27T12:00:00.000Z · KPIs: 2 amber, 3 green, 1 unrated, 15 not measured');
  });

  it('tabulates gates and KPIs', () => {
    expect(rowOf(md, 'testing')).toEqual(['testing', '✅ PASS', '—', '—', '—', '—']);
    expect(rowOf(md, 'release')).toEqual(['release', '— not evaluated', '—', '—', '—', '—']);
    expect(rowOf(md, 'tests.passRate')).toEqual(['tests.passRate', '🟢 green', '99 %', '100 %', '▁▃█▆', 'tests-pass-rate']);
    expect(rowOf(md, 'coverage.line')).toEqual(['coverage.line', '🟠 amber', '81 %', '79.5 %', '▁▅█', 'coverage-line']);
  });

  it('renders a missing KPI as "not measured" with the reason, never 0 or NaN', () => {
    expect(rowOf(md, 'schedule.spi')).toEqual(['schedule.spi', '— not measured', 'not measured: no plan given (.phasegate/plan.yaml)', '—', '—', '—']);
    expect(md).not.toMatch(/NaN|undefined/);
  });

  it('lists failures with location and message, and the waivers', () => {
    expect(md).toContain('| FeeTest rounds case 1 | failed | tests/fees.test.ts:41 | expected 1.11 to be 1.12 |');
    expect(md).toContain('| coverage-branch | chen.jie | 2026-12-01 | 4 | legacy module, fix planned in Q1 | phasegate.yaml:90:7 |');
    for (const t of tables(md)) expect(tableProblems(t)).toEqual([]);
  });

  it('ends with the hidden marker (default or given) and leaves out the note when nothing was dropped', () => {
    expect(md.endsWith('\n<!-- phasegate:report:acme-payments -->\n')).toBe(true);
    expect(reportMarker('a-->b')).toBe('<!-- phasegate:report:a- -&gt;b -->');
    expect(renderReportMarkdown(report, { ...BIG, marker: '<!-- mine -->' }).endsWith('<!-- mine -->\n')).toBe(true);
    expect(md).not.toContain('Shortened');
  });

  it('draws trend charts as Mermaid xychart-beta blocks', () => {
    expect(md).toContain(['```mermaid', 'xychart-beta', '  title "Test pass rate"', '  x-axis ["-3", "-2", "-1", "now"]', '  y-axis "%"', '  line [97, 98, 100, 99]', '```'].join('\n'));
  });

  it('escapes hostile test names: HTML, pipes, backticks, mentions and newlines', () => {
    const hostile = failedTest(9, '<script>alert(1)</script> | `rm -rf` @org/team\n### injected\n| x |', { message: '@octocat <img src=x onerror=alert(1)>\r\n**bold**', file: 'a|b.ts' });
    const r = buildReport(handInput({ evidence: { ...EVIDENCE, items: [hostile] } }));
    const out = renderReportMarkdown(r, BIG);
    const row = out.split('\n').find((l) => l.includes('alert(1)&lt;'))!;
    expect(row).toBe('| &lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm -rf\\` @\u200dorg/team ### injected \\| x \\| | failed | a\\|b.ts:49 | @\u200doctocat &lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* |');
    expect(out).not.toMatch(/<script|<img|^### injected/m);
    for (const t of tables(out)) expect(tableProblems(t)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(renderReportMarkdown(buildReport(handInput()), BIG)).toBe(md);
  });
});
