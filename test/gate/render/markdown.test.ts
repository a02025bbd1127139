import { describe, expect, it } from 'vitest';
import { renderVerdict } from '../../../src/gate/render/index.js';
import { mdText } from '../../../src/gate/render/markdown.js';
import type { Verdict } from '../../../src/gate/types.js';
import { hostileVerdict, mixedVerdict, passingVerdict } from './verdicts.js';

const md = (v: Verdict): string => renderVerdict(v, 'markdown', { color: false });
const tableRows = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('| ') && !/^\| (Status|Rule|---) /.test(l));

describe('markdown format', () => {
  it('starts with a one-line headline counting what went wrong', () => {
    expect(md(mixedVerdict()).split('\n')[0]).toBe('### ❌ testing gate failed — 1 of 7 rules failed, 2 could not be evaluated, 1 warned');
  });

  it.each([
    ['all passed', passingVerdict(), '### ✅ testing gate passed — all 1 rule passed'],
    ['only warnings', { ...mixedVerdict(), status: 'warn', summary: { pass: 1, warn: 1, fail: 0, waived: 1, error: 0 } }, '### ⚠️ testing gate passed with warnings — 1 of 7 rules warned'],
    ['n/a', { ...passingVerdict(), summary: { pass: 1, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 1 }, rules: [mixedVerdict().rules[0]!, mixedVerdict().rules[6]!] }, '### ✅ testing gate passed — 1 of 2 rules passed, 1 n/a'],
    ['waived', { ...passingVerdict(), summary: { pass: 2, warn: 0, fail: 0, waived: 1, error: 0 }, rules: [...mixedVerdict().rules.slice(0, 2), mixedVerdict().rules[5]!] }, '### ✅ testing gate passed — 2 of 3 rules passed, 1 waived'],
    ['no rules', { ...passingVerdict(), rules: [], summary: { pass: 0, warn: 0, fail: 0, waived: 0, error: 0 } }, '### ✅ testing gate passed — no rules apply to this phase'],
  ] as [string, Verdict, string][])('headline when %s', (_name, v, headline) => {
    expect(md(v).split('\n')[0]).toBe(headline);
  });

  it('tables the rules that did not pass, what blocks the gate first, then the passed rules folded away', () => {
    const out = md(mixedVerdict());
    expect(tableRows(out)).toEqual([
      '| ❌ FAIL | coverage-line | 71.25 % | &gt;= 80 % | coverage.line is 71.25 %, required &gt;= 80 % |',
      '| ❗ ERROR | security-high | — | &lt;= 0 | security.high was not measured (missing evidence fails this rule) |',
      '| ❗ ERROR | design-doc | — | present | documents were not collected |',
      '| ⚠️ WARN | flaky-tests | 3 | &lt;= 0 | tests.flaky is 3, required &lt;= 0 |',
      '| 🔕 WAIVED | requirements-signed | 1 document, unsigned | signed by product-manager | not signed by product-manager — waived: PM on leave |',
      '| ➖ N/A | coverage-new | — | &gt;= 80 % | coverage.newLine has nothing to judge: no added line is instrumented (3 lines added, none in covered files) |',
      '| ✅ PASS | tests-pass-rate | 100 % | &gt;= 100 % | tests.passRate is 100 % |',
      '| requirements-signed | chen.jie | 2026-12-31 | wang.fang | PM on leave | phasegate.yaml:90:5 |',
    ]);
    // n/a rules pass: folded away with the passed rules, never among the rules to fix.
    const passed = out.indexOf('<summary>Passed rules (2)</summary>');
    expect(passed).toBeGreaterThan(out.indexOf('| ❌ FAIL'));
    expect(out.indexOf('| ➖ N/A')).toBeGreaterThan(passed);
    expect(out.indexOf('| ✅ PASS')).toBeGreaterThan(passed);
    expect(out).toContain('<summary>Waivers (1)</summary>');
  });

  it('lists how to fix each failing rule under the table, with where it was set', () => {
    const out = md(mixedVerdict());
    const fixes = out.slice(out.indexOf('**How to fix**'), out.indexOf('<details>')).split('\n').filter((l) => l.startsWith('- '));
    expect(fixes).toEqual([
      '- **coverage-line**: raise coverage.line to &gt;= 80 % — set at policies/strategic.yaml:12:7 (tier:strategic)',
      '- **security-high**: collect the evidence that provides security.high — set at policies/strategic.yaml:30:7 (tier:strategic)',
      '- **design-doc**: pass --docs so the design documents are read — set at phasegate.yaml:4:7 (phasegate.yaml)',
      '- **flaky-tests**: fix or quarantine the flaky tests — set at policies/strategic.yaml:20:7 (tier:strategic)',
    ]);
  });

  it('folds waiver notices into their own section', () => {
    const out = md(mixedVerdict());
    const notices = out.slice(out.indexOf('<summary>Waiver notices (2)</summary>'));
    expect(notices.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- ⚠️ WARN expiring: waiver for requirements-signed expires in 4 days (2026-12-31); owner chen.jie (phasegate.yaml:90:5)',
      '- ℹ️ INFO unused: waiver for tests-pass-rate was not needed: the rule passes without it (phasegate.yaml:96:5)',
    ]);
  });

  it('keeps hostile rule text inside its table cell as literal text', () => {
    const out = md(hostileVerdict());
    const row = tableRows(out).find((l) => l.startsWith('| ❌ FAIL'))!;
    expect(row).toBe(
      '| ❌ FAIL | coverage-line | 71.25 % | &gt;= 80 % | x&lt;/failure&gt;&lt;/testcase&gt;&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`code\\` \\*b\\* \\[l\\](http://e) \\$m\\$ \\[31mred next &amp; "q" \'a\' |',
    );
    // Unescaped pipes split cells: the row must still have exactly five cells.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(out).not.toMatch(/<script|\u001b|\u0000/); // eslint-disable-line no-control-regex
    expect(out.split('\n')[2]).toMatch(/^tier strategic, policy acme x&lt;/);
  });

  it.each([
    ['a|b', 'a\\|b'],
    ['`x`', '\\`x\\`'],
    ['<img src=x>', '&lt;img src=x&gt;'],
    ['line1\nline2\r\nline3', 'line1 line2 line3'],
    ['**bold** _it_ ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['C:\\path', 'C:\\\\path'],
    ['&amp;', '&amp;amp;'],
    ['ping @acme/payments-core', 'ping @\u200dacme/payments-core'],
    ['mail a@b.com, issue #12', 'mail a@\u200db.com, issue #12'],
  ])('mdText(%j) is %j', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });
});
