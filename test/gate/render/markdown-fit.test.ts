/**
 * The verdict's Markdown within GitHub's limits (src/gate/render/markdown-fit.ts): each stage
 * is reached on a verdict sized for it, the text always fits, failing rules stay longest, and
 * the note says what was left out and where the rest is.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/gate/render/markdown.js';
import { renderMarkdownWithin } from '../../../src/gate/render/markdown-fit.js';
import type { RuleResult, Verdict } from '../../../src/gate/types.js';
import { mixedVerdict } from './verdicts.js';

const MORE = 'The full verdict is in the artifact phasegate-testing.';
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** `failing` failed rules with `items` evidence items each (messages of three lines), and 20 passed rules. */
function big(failing: number, items: number): Verdict {
  const v = mixedVerdict();
  const template = v.rules.find((r) => r.status === 'fail')!;
  const evidence = Array.from({ length: items }, (_, i) => ({ id: `t${i}`, kind: 'test' as const, title: `test ${i} ünïcödé`, level: 'failed', file: `src/f${i}.ts`, line: i + 1, message: `expected ${i}\nreceived ${i + 1}\n  at f (src/f${i}.ts:${i + 1})` }));
  const fails: RuleResult[] = Array.from({ length: failing }, (_, i) => ({ ...template, id: `rule-${i}`, hint: `fix rule ${i}`, evidence, evidenceCount: items + 3 }));
  const passed: RuleResult[] = Array.from({ length: 20 }, (_, i) => ({ ...template, id: `ok-${i}`, status: 'pass', hint: null, evidence: [], evidenceCount: 0 }));
  return { ...v, rules: [...fails, ...passed], summary: { ...v.summary, fail: failing, pass: 20, warn: 0, error: 0, waived: 0, 'n/a': 0 } };
}

describe('renderMarkdownWithin', () => {
  it('is the full rendering when it fits, without a note', () => {
    const v = mixedVerdict();
    expect(renderMarkdownWithin(v, { limit: 65_535, more: MORE })).toBe(renderMarkdown(v, { color: false }));
  });

  it.each([
    [big(3, 40), 'evidence beyond 5 items per rule'],
    [big(30, 40), 'the evidence items'],
    [big(70, 2), 'the evidence items, the passed rules, waivers and notices'],
    [big(120, 2), 'the evidence items, how to fix, the passed rules, waivers and notices'],
  ])('drops in stages: %#', (v, left) => {
    const limit = 16_000;
    expect(bytes(renderMarkdown(v, { color: false }))).toBeGreaterThan(limit);
    const text = renderMarkdownWithin(v, { limit, more: MORE, marker: '<!-- phasegate -->' });
    expect(bytes(text)).toBeLessThanOrEqual(limit);
    expect(text).toContain(`> ✂️ Shortened to fit 16,000 bytes: left out ${left}. ${MORE}\n`);
    expect(text.endsWith('\n<!-- phasegate -->\n')).toBe(true);
    expect(text.split('\n')[0]).toMatch(/^### ❌ testing gate failed — \d+ of \d+ rules failed$/);
  });

  it('keeps as many failing rows as fit, in order, and counts the rest', () => {
    const v = big(2000, 0);
    const text = renderMarkdownWithin(v, { limit: 65_535, more: MORE });
    expect(bytes(text)).toBeLessThanOrEqual(65_535);
    const shown = [...text.matchAll(/^\| ❌ FAIL \| rule-(\d+) \|/gm)].map((m) => Number(m[1]));
    expect(shown.length).toBeGreaterThan(100);
    expect(shown).toEqual(shown.map((_, i) => i));
    expect(text).toContain(`… and ${2000 - shown.length} more rules that did not pass`);
    expect(text).toContain(`and the rules that did not pass beyond the first ${shown.length}. ${MORE}`);
    // One more row would not fit: the search found the largest.
    expect(bytes(text) + 200).toBeGreaterThan(65_535 - 1000);
  });

  it('measures characters when asked, and throws when not even the headline fits', () => {
    const v = big(3, 40);
    expect(renderMarkdownWithin(v, { limit: 20_000, unit: 'characters' }).length).toBeLessThanOrEqual(20_000);
    expect(() => renderMarkdownWithin(v, { limit: 40 })).toThrow(RangeError);
  });
});
