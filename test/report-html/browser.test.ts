/**
 * The HTML views in a real browser (headless Chromium): no console errors, no requests, the
 * key numbers in the DOM, the portfolio sorting on click, and screenshots (desktop and phone)
 * under test-output/screenshots/ for people to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPortfolioHtml, renderReportHtml } from '../../src/report/html/index.js';
import { chromiumSkipReason, openInChromium, type OpenPage } from '../helpers/chromium.js';
import { acmeReport, PORTFOLIO } from './fixtures.js';

const OUT = path.resolve('test-output', 'report-html');
const skip = chromiumSkipReason();

function write(name: string, html: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  writeFileSync(file, html);
  return file;
}

describe.skipIf(skip)('the health report in Chromium', () => {
  let open: OpenPage;
  beforeAll(async () => {
    open = await openInChromium(write('acme-payments.html', renderReportHtml(await acmeReport())), { name: 'report-html-acme' });
  });
  afterAll(() => open?.close());

  it('loads nothing and logs no error', async () => {
    await open.screenshot();
    expect(open.consoleErrors).toEqual([]);
    expect(open.requests).toEqual([]);
  });

  it('shows the health score, the coverage and the failing gates', async () => {
    const { page } = open;
    expect(await page.locator('.score').innerText()).toMatch(/57\s*\/ 100\s*✖ Critical/);
    expect(await page.locator('#coverage').innerText()).toContain('75.42 %');
    const phases = await page.locator('#phases-table').innerText();
    for (const rule of ['tests-failed', 'rollback-plan', 'release-approval']) expect(phases).toContain(rule);
    expect(await page.locator('#phases-table tbody tr').count()).toBe(5);
  });

  it('shows one chart per figure (light or dark) and no page-wide horizontal scroll on a phone', async () => {
    const { page } = open;
    const shown = await page.locator('figure.chart svg:visible').count();
    expect(shown).toBe(await page.locator('figure.chart').count());
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the dark charts in dark mode, and light charts without navigation in print', async () => {
    const { page } = open;
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.locator('.chart-dark svg:visible').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.chart-light svg:visible').count()).toBe(0);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.locator('.chart-dark svg:visible').count()).toBe(0);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
  });
});

describe.skipIf(skip)('the health report under a Jenkins-like CSP (no inline styles, no scripts)', () => {
  it('stays readable: plain tables and text, exactly one chart per figure', async () => {
    const jenkins = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'self';" />`;
    const html = renderReportHtml(await acmeReport()).replace('<meta charset="utf-8" />', `<meta charset="utf-8" />${jenkins}`);
    const open = await openInChromium(write('acme-payments-jenkins-csp.html', html), { name: 'report-html-acme-jenkins-csp' });
    try {
      const { page } = open;
      expect(await page.locator('figure.chart svg:visible').count()).toBe(await page.locator('figure.chart').count());
      expect(await page.locator('#coverage').innerText()).toContain('75.42 %');
      expect(await page.locator('.score').innerText()).toMatch(/57\s*\/ 100\s*✖ Critical/);
      expect(open.requests).toEqual([]);
      await open.screenshot();
    } finally {
      await open.close();
    }
  });
});

describe.skipIf(skip)('the portfolio in Chromium', () => {
  let open: OpenPage;
  beforeAll(async () => {
    open = await openInChromium(write('portfolio.html', renderPortfolioHtml(PORTFOLIO)), { name: 'report-html-portfolio' });
  });
  afterAll(() => open?.close());

  const projects = (): Promise<string[]> => open.page.locator('#portfolio-table tbody th').allInnerTexts();

  it('is complete in the given order and runs its script without errors or requests', async () => {
    expect(await projects()).toEqual(PORTFOLIO.map((r) => r.project));
    await open.screenshot();
    expect(open.consoleErrors).toEqual([]);
    expect(open.requests).toEqual([]);
  });

  it('sorts on a header click, updating aria-sort; unmeasured values last', async () => {
    const health = open.page.locator('#portfolio-table thead th', { hasText: 'Health' });
    await health.getByRole('button').click();
    expect(await health.getAttribute('aria-sort')).toBe('ascending');
    expect(await projects()).toEqual(['acme-payments', 'mobile-app', 'billing-core', 'zeta-labs']);
    await health.getByRole('button').click();
    expect(await health.getAttribute('aria-sort')).toBe('descending');
    expect(await projects()).toEqual(['billing-core', 'mobile-app', 'acme-payments', 'zeta-labs']);
    await open.page.getByRole('button', { name: 'Project' }).click();
    expect(await health.getAttribute('aria-sort')).toBeNull();
    expect(await projects()).toEqual(['acme-payments', 'billing-core', 'mobile-app', 'zeta-labs']);
  });
});
