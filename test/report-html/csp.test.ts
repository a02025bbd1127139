/**
 * The HTML views under Jenkins' default Content-Security-Policy. With `assets: 'external'` the
 * page links phasegate-report.css and has no inline style, style attribute, script or data:
 * URL; served from a local HTTP server that sends exactly Jenkins' header, Chromium refuses
 * nothing (a refusal is a console error, which the test collects from outside the sandboxed
 * page), the stylesheet applies and the charts keep their colours. The inline page, served
 * with no CSP, is one file and computes the same styles. A control proves the check sees
 * refusals: the inline page under Jenkins' CSP is refused and unstyled.
 * Screenshots: test-output/screenshots/report-jenkins-csp*.png.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barChartSvg, lineChartSvg, type BarChartSpec } from '../../src/charts/index.js';
import {
  EXTERNAL_CSP,
  renderPortfolioHtml,
  renderPortfolioPage,
  renderReportHtml,
  renderReportPage,
  STYLESHEET_FILE,
  type HtmlPage,
} from '../../src/report/html/index.js';
import { STYLE } from '../../src/report/html/style.js';
import { chromiumSkipReason, openInChromium, openUrlInChromium, pixelStats, type OpenPage } from '../helpers/chromium.js';
import { acmeReport, assertWellFormed, handReport, hostileReport, PORTFOLIO, references } from './fixtures.js';

/** The header Jenkins sends with archived and published HTML (hudson.model.DirectoryBrowserSupport.CSP's default). */
const JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

const OUT = path.resolve('test-output', 'report-jenkins-csp');
const skip = chromiumSkipReason();

/** What CSP forbids in the external page: inline style (element or attribute), script, data: URLs. */
const FORBIDDEN = /style=|<style|<script|data:/i;

/** Writes a page (and its stylesheet, if it has one) into a fresh folder under test-output/. */
function writeSite(name: string, page: HtmlPage, file: string): string {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), page.html);
  if (page.stylesheet !== null) writeFileSync(path.join(dir, STYLESHEET_FILE), page.stylesheet);
  return dir;
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Serves the .html and .css files of `dir` (nothing else, no subfolders) with the given CSP header, or none. */
async function serve(dir: string, csp: string | null): Promise<{ url: (file: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname.slice(1));
    const type = TYPES[path.extname(name)];
    let body: Buffer | undefined;
    try {
      body = type && !name.includes('/') && !name.includes('\\') ? readFileSync(path.join(dir, name)) : undefined;
    } catch {
      body = undefined;
    }
    if (!body || !type) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': type, ...(csp === null ? {} : { 'Content-Security-Policy': csp }) }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Console errors that are CSP refusals ("… violates the following Content Security Policy directive …"). */
const refusals = (open: OpenPage): string[] => open.consoleErrors.filter((m) => m.includes('Content Security Policy'));

/** The computed style of the first element matching `selector` (a CSS property: its value). */
async function computed(page: Page, selector: string, props: readonly string[]): Promise<Record<string, string>> {
  return page.locator(selector).first().evaluate((el, names) => {
    const view = globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(p: string): string } };
    const cs = view.getComputedStyle(el);
    return Object.fromEntries(names.map((n) => [n, cs.getPropertyValue(n)]));
  }, [...props]);
}

/** Properties compared between the inline and the external page, for every element of the body. */
const COMPARED = [
  'display', 'visibility', 'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height',
  'margin-top', 'margin-left', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'border-left-width',
  'text-align', 'white-space', 'grid-template-columns', 'max-width', 'fill', 'stroke', 'stroke-width', 'stroke-dasharray',
];

/** Every element of the body as `tag#id.class: value|value|…` of the COMPARED properties. */
function styleSnapshot(page: Page): Promise<string[]> {
  return page.evaluate(`Array.from(document.body.querySelectorAll('*')).map((e) => {
    const cs = getComputedStyle(e);
    const cls = typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '';
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls + ': ' + ${JSON.stringify(COMPARED)}.map((p) => cs.getPropertyValue(p)).join('|');
  })`) as Promise<string[]>;
}

describe('the external page, statically', () => {
  it('has no inline style, style attribute, script or data: URL, and links its stylesheet once', async () => {
    const pages = [
      renderReportPage(await acmeReport(), { assets: 'external' }),
      renderReportPage(handReport(), { assets: 'external' }),
      renderReportPage(hostileReport(), { assets: 'external' }),
      renderPortfolioPage(PORTFOLIO, { assets: 'external' }),
      renderPortfolioPage([], { assets: 'external' }),
    ];
    for (const [i, p] of pages.entries()) {
      expect(p.html).not.toMatch(FORBIDDEN);
      expect(() => assertWellFormed(p.html)).not.toThrow();
      expect(p.html.match(/<link [^>]*>/g)).toEqual([`<link rel="stylesheet" href="${STYLESHEET_FILE}" />`]);
      // (The hostile report's escaped text reads `&lt;img src=x …`, which this regex takes for an attribute.)
      if (i !== 2) expect(references(p.html).filter((r) => !r.startsWith('#'))).toEqual([STYLESHEET_FILE]);
      expect(p.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXTERNAL_CSP}" />`);
      expect(p.stylesheet).toBe(`${STYLE}\n`);
    }
    expect(STYLESHEET_FILE).toBe('phasegate-report.css');
    expect(STYLE).not.toMatch(/url\(|@import/);
  });

  it('differs from the inline page only in <style> against <link>, the CSP meta and the footer\'s sentence', async () => {
    const report = await acmeReport();
    const inline = renderReportPage(report);
    const external = renderReportPage(report, { assets: 'external' });
    expect(inline.stylesheet).toBeNull();
    expect(inline.html).toBe(renderReportHtml(report));
    expect(inline.html).not.toMatch(/style=|<script/i);
    const style = `<style>${STYLE}</style>`;
    expect(inline.html.split(style).length).toBe(2);
    const a = inline.html.replace(style, '(stylesheet)').split('\n');
    const b = external.html.replace(`<link rel="stylesheet" href="${STYLESHEET_FILE}" />`, '(stylesheet)').split('\n');
    expect(b.length).toBe(a.length);
    const differ = a.flatMap((line, i) => (line === b[i] ? [] : [[line.slice(0, 40), b[i]!.slice(0, 40)]]));
    expect(differ).toEqual([
      ['<meta http-equiv="Content-Security-Polic', '<meta http-equiv="Content-Security-Polic'],
      ['<footer>Generated by phasegate from a re', '<footer>Generated by phasegate from a re'],
    ]);
    expect(b.find((l) => l.startsWith('<footer>'))).toContain('This page loads only its stylesheet, phasegate-report.css, and runs no scripts');
  });

  it('leaves the portfolio\'s sort script out (rows in the given order) and keeps it inline', () => {
    const inline = renderPortfolioHtml(PORTFOLIO);
    const external = renderPortfolioPage(PORTFOLIO, { assets: 'external' }).html;
    expect(inline).toContain('<script>');
    const rows = (html: string): string[] => [...html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]!);
    expect(rows(external)).toEqual(PORTFOLIO.map((r) => r.project));
    expect(rows(inline)).toEqual(rows(external));
  });

  it('draws no chart with a style attribute, style element, script or data: URL (bars with patterns, stacks, thresholds, lines, no data)', () => {
    const spec: BarChartSpec = {
      title: 'every cue', categories: ['a', 'b', 'c'], threshold: { value: 1.5, label: 'limit' },
      series: [0, 1, 2, 3, 4, 5].map((i) => ({ name: `s${i}`, values: [i, i + 1, null] })),
    };
    for (const theme of ['light', 'dark'] as const) {
      const svgs = [barChartSvg({ ...spec, theme }), barChartSvg({ ...spec, theme, stacked: true }), lineChartSvg({ ...spec, theme }), lineChartSvg({ ...spec, series: [], theme })];
      for (const svg of svgs) expect(svg).not.toMatch(/style=|<style|<script|data:|<image/i);
    }
  });
});

describe.skipIf(skip)('the health report with external assets under Jenkins\' CSP, served over HTTP', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let open: OpenPage;
  beforeAll(async () => {
    const dir = writeSite('external', renderReportPage(await acmeReport(), { assets: 'external' }), 'acme-payments.html');
    server = await serve(dir, JENKINS_CSP);
    open = await openUrlInChromium(server.url('acme-payments.html'), { name: 'report-jenkins-csp' });
  });
  afterAll(async () => {
    await open?.close();
    await server?.close();
  });

  it('refuses nothing: no CSP violation or other console error; the only request is the stylesheet', async () => {
    const response = await open.page.request.get(server.url('acme-payments.html'));
    expect(response.headers()['content-security-policy']).toBe(JENKINS_CSP);
    expect(open.consoleErrors).toEqual([]);
    expect(open.requests).toEqual([server.url(STYLESHEET_FILE)]);
  });

  it('applies the stylesheet: panel table headers, tinted status badges, the page font', async () => {
    const { page } = open;
    expect(await computed(page, '#kpi-table thead th', ['background-color', 'white-space'])).toEqual({ 'background-color': 'rgb(246, 248, 250)', 'white-space': 'nowrap' });
    expect(await computed(page, '.score .badge.bad', ['color', 'background-color', 'border-top-style', 'border-radius']))
      .toEqual({ color: 'rgb(164, 14, 38)', 'background-color': 'rgb(255, 226, 224)', 'border-top-style': 'solid', 'border-radius': '16px' });
    expect(await computed(page, '#kpi-table .badge.good', ['color', 'background-color'])).toEqual({ color: 'rgb(26, 107, 52)', 'background-color': 'rgb(218, 251, 225)' });
    expect(await computed(page, 'body', ['margin-top', 'font-size'])).toEqual({ 'margin-top': '0px', 'font-size': '16px' });
    expect(await computed(page, 'ol.timeline', ['display'])).toEqual({ display: 'grid' });
    expect(await page.locator('.skip').boundingBox()).toMatchObject({ x: -999 });
  });

  it('shows every chart, light in a light scheme, with its series colours', async () => {
    const { page } = open;
    const figures = await page.locator('figure.chart').count();
    expect(figures).toBe(4);
    expect(await page.locator('.chart-light svg:visible').count()).toBe(figures);
    expect(await page.locator('.chart-dark svg:visible').count()).toBe(0);
    const line = page.locator('#coverage .chart-light path[stroke="#0072b2"][fill="none"]');
    expect(await computed(page, '#coverage .chart-light path[stroke="#0072b2"][fill="none"]', ['stroke', 'fill', 'stroke-width']))
      .toEqual({ stroke: 'rgb(0, 114, 178)', fill: 'none', 'stroke-width': '2px' });
    expect((await line.first().boundingBox())!.width).toBeGreaterThan(200);
    expect(await computed(page, '#security .chart-light path[fill="#0072b2"]', ['fill'])).toEqual({ fill: 'rgb(0, 114, 178)' });
    expect(await computed(page, '#coverage .chart-light svg text[font-weight="bold"]', ['font-size', 'font-family'])).toEqual({ 'font-size': '14px', 'font-family': 'sans-serif' });
    const svg = (await page.locator('#coverage .chart-light svg').boundingBox())!;
    expect(svg.width).toBe(400);
    expect(svg.height).toBe(260);
  });

  it('switches to the dark charts and palette in a dark scheme', async () => {
    const { page } = open;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await page.locator('.chart-dark svg:visible').count()).toBe(4);
      expect(await page.locator('.chart-light svg:visible').count()).toBe(0);
      expect(await computed(page, 'body', ['background-color'])).toEqual({ 'background-color': 'rgb(13, 17, 23)' });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('writes a screenshot that is not blank: many colours, the stylesheet\'s panel and badge tints, the chart blue', async () => {
    const { desktop, phone } = await open.screenshot();
    expect(desktop).toBe(path.resolve('test-output', 'screenshots', 'report-jenkins-csp.png'));
    const stats = await pixelStats(open.page, readFileSync(desktop), ['#f6f8fa', '#ffe2e0', '#dafbe1', '#0072b2', '#ffffff']);
    expect(stats.width).toBe(1280);
    expect(stats.height).toBeGreaterThan(3000);
    expect(stats.distinctColours).toBeGreaterThan(200);
    expect(stats.counts['#f6f8fa']).toBeGreaterThan(10_000); // captions, table headers, fact boxes
    expect(stats.counts['#ffe2e0']).toBeGreaterThan(100); // the ✖ Critical badges
    expect(stats.counts['#dafbe1']).toBeGreaterThan(100); // the ✔ Green badges
    expect(stats.counts['#0072b2']).toBeGreaterThan(500); // the charts' first series
    expect(stats.counts['#ffffff']! / (stats.width * stats.height)).toBeLessThan(0.9);
    const phoneStats = await pixelStats(open.page, readFileSync(phone), ['#f6f8fa']);
    expect(phoneStats.width).toBe(780); // 390 CSS px at device scale 2
    expect(phoneStats.counts['#f6f8fa']).toBeGreaterThan(10_000);
    expect(open.consoleErrors).toEqual([]); // the phone page too
  });
});

describe.skipIf(skip)('the inline health report served with no CSP', () => {
  it('is one file and computes exactly the styles of the external page under Jenkins\' CSP', async () => {
    const report = await acmeReport();
    const inlineDir = writeSite('inline', renderReportPage(report), 'acme-payments.html');
    const externalDir = writeSite('external-compare', renderReportPage(report, { assets: 'external' }), 'acme-payments.html');
    const plain = await serve(inlineDir, null);
    const jenkins = await serve(externalDir, JENKINS_CSP);
    const inline = await openUrlInChromium(plain.url('acme-payments.html'), { name: 'report-inline-no-csp' });
    const external = await openUrlInChromium(jenkins.url('acme-payments.html'), { name: 'report-jenkins-csp-compare' });
    try {
      expect(inline.requests).toEqual([]);
      expect(inline.consoleErrors).toEqual([]);
      expect(external.consoleErrors).toEqual([]);
      const a = await styleSnapshot(inline.page);
      const b = await styleSnapshot(external.page);
      expect(a.length).toBeGreaterThan(1000);
      expect(b).toEqual(a);
      expect(await computed(inline.page, '#kpi-table thead th', ['background-color'])).toEqual({ 'background-color': 'rgb(246, 248, 250)' });
      // Laid out alike too (the footer's sentence differs, so it may wrap differently).
      expect(await external.page.locator('main').boundingBox()).toEqual(await inline.page.locator('main').boundingBox());
    } finally {
      await inline.close();
      await external.close();
      await plain.close();
      await jenkins.close();
    }
  });
});

describe.skipIf(skip)('the health report with external assets opened from disk', () => {
  it('loads its stylesheet from file:// under its own CSP (style-src \'self\') and refuses nothing', async () => {
    const dir = writeSite('external-file', renderReportPage(await acmeReport(), { assets: 'external' }), 'acme-payments.html');
    const open = await openInChromium(path.join(dir, 'acme-payments.html'), { name: 'report-external-file', beside: [STYLESHEET_FILE] });
    try {
      expect(open.consoleErrors).toEqual([]);
      expect(open.requests).toEqual([new URL(STYLESHEET_FILE, open.page.url()).href]);
      expect(await computed(open.page, '#kpi-table thead th', ['background-color'])).toEqual({ 'background-color': 'rgb(246, 248, 250)' });
    } finally {
      await open.close();
    }
  });
});

describe.skipIf(skip)('control: the inline health report under Jenkins\' CSP', () => {
  it('is refused, and the check sees it: CSP errors in the console, unstyled table headers', async () => {
    const server = await serve(writeSite('inline-refused', renderReportPage(await acmeReport()), 'acme-payments.html'), JENKINS_CSP);
    const open = await openUrlInChromium(server.url('acme-payments.html'), { name: 'report-inline-jenkins-csp-refused' });
    try {
      expect(refusals(open).length).toBeGreaterThanOrEqual(1);
      expect(refusals(open)[0]).toMatch(/^error: Applying inline style violates the following Content Security Policy directive 'style-src 'self''/);
      expect(await computed(open.page, '#kpi-table thead th', ['background-color'])).toEqual({ 'background-color': 'rgba(0, 0, 0, 0)' });
    } finally {
      await open.close();
      await server.close();
    }
  });
});

describe.skipIf(skip)('the portfolio with external assets under Jenkins\' CSP', () => {
  it('refuses nothing, is styled, has no sort buttons and keeps the rows in order', async () => {
    const server = await serve(writeSite('portfolio', renderPortfolioPage(PORTFOLIO, { assets: 'external' }), 'portfolio.html'), JENKINS_CSP);
    const open = await openUrlInChromium(server.url('portfolio.html'), { name: 'report-jenkins-csp-portfolio' });
    try {
      const { page } = open;
      expect(open.consoleErrors).toEqual([]);
      expect(open.requests).toEqual([server.url(STYLESHEET_FILE)]);
      expect(await computed(page, '#portfolio-table thead th', ['background-color'])).toEqual({ 'background-color': 'rgb(246, 248, 250)' });
      expect(await computed(page, '#portfolio-table .badge.warn', ['color', 'background-color'])).toEqual({ color: 'rgb(122, 75, 0)', 'background-color': 'rgb(255, 241, 194)' });
      expect(await page.locator('#portfolio-table button').count()).toBe(0);
      expect(await page.locator('#portfolio-table tbody th').allInnerTexts()).toEqual(PORTFOLIO.map((r) => r.project));
      const { desktop } = await open.screenshot();
      const stats = await pixelStats(page, readFileSync(desktop), ['#f6f8fa', '#fff1c2']);
      expect(stats.distinctColours).toBeGreaterThan(50);
      expect(stats.counts['#f6f8fa']).toBeGreaterThan(5_000);
      expect(stats.counts['#fff1c2']).toBeGreaterThan(50);
    } finally {
      await open.close();
      await server.close();
    }
  });
});
