import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html/index.js';
import type { Report } from '../../src/report/index.js';
import { acmeReport, assertWellFormed, handReport, HOSTILE_MESSAGE, HOSTILE_NAME, hostileReport, references } from './fixtures.js';

describe('renderReportHtml on acme-payments', () => {
  let report: Report;
  let html: string;
  beforeAll(async () => {
    report = await acmeReport();
    html = renderReportHtml(report);
  });

  it('is one well-formed, XHTML-compatible document with a language and landmarks', () => {
    expect(() => assertWellFormed(html)).not.toThrow();
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    for (const tag of ['<header>', '<nav class="toc" aria-label="Sections">', '<main id="main">', '<footer>']) expect(html).toContain(tag);
  });

  it('shows the key numbers with status words', () => {
    expect(html).toContain('57<small> / 100</small>'); // tests.errored (the tests-errored rule) is rated green too
    expect(html).toMatch(/aria-hidden="true">✖<\/span> Critical/);
    expect(html).toContain('75.42 %');
    for (const rule of ['tests-failed', 'tests-pass-rate', 'coverage-new', 'rollback-plan', 'release-approval']) expect(html).toContain(`<code>${rule}</code>`);
    expect(html).toContain('2026-12-18');
    expect(html).toContain('rounds a converted half cent away from zero');
    expect(html).toContain('href="#formula"');
  });

  it('uses real tables with captions and scoped headers, headings in order', () => {
    const tables = html.match(/<table /g)!.length;
    expect(html.match(/<caption /g)!.length).toBe(tables);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((l, i) => i > 0 && expect(l).toBeLessThanOrEqual(levels[i - 1]! + 1));
  });

  it('references nothing fetchable and has no script', () => {
    const refs = references(html);
    expect(refs.filter((r) => !r.startsWith('#') && !r.startsWith('data:'))).toEqual([]);
    const links = [...html.matchAll(/https?:\/\/[^\s"'<>]*/g)].map((m) => m[0]);
    expect(new Set(links)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
  });

  it('draws charts in a light and a dark version, the dark one hidden without CSS', () => {
    const light = html.match(/<div class="chart-light">/g)!.length;
    expect(light).toBeGreaterThanOrEqual(3);
    expect(html.match(/<div class="chart-dark" hidden="hidden">/g)!.length).toBe(light);
    expect(html).toContain('role="img"');
  });

  it('is deterministic', () => {
    expect(renderReportHtml(report)).toBe(html);
  });
});

describe('missing values and hostile text', () => {
  it('renders missing values as "not measured" with the hint, never 0 or NaN', () => {
    const r = handReport();
    r.coverage.newLine = null;
    const html = renderReportHtml(r);
    const row = html.split('\n').find((l) => l.includes('<code>coverage.<wbr />newLine</code>'))!;
    expect(row).toContain('<span class="nm">not measured</span> <span class="hint">(no input gives coverage.newLine: ');
    expect(html).toMatch(/New code, line<\/dt><dd><span class="nm">not measured<\/span>/);
    expect(html).not.toMatch(/NaN|undefined|>null</);
    expect(html).toContain('no plan: give the plan file');
  });

  it('escapes every string from the report', () => {
    const html = renderReportHtml(hostileReport());
    expect(() => assertWellFormed(html)).not.toThrow();
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).not.toContain(HOSTILE_MESSAGE);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('\u202E');
  });

  it('says when a section has nothing: releases, warnings, schedule', () => {
    const html = renderReportHtml(handReport());
    expect(html).toContain('No release decisions yet.');
    expect(html).toContain('No early warnings.');
  });
});
