import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barChartSvg, lineChartSvg } from '../../src/charts/index.js';
import { chromiumSkipReason, openInChromium, type OpenPage } from '../helpers/chromium.js';

const weeks = ['W40', 'W41', 'W42', 'W43', 'W44', 'W45', 'W46', 'W47'];
const duration = lineChartSvg({
  title: 'Pipeline duration',
  categories: weeks,
  unit: 'min',
  threshold: { value: 15, label: 'Gate limit' },
  series: [
    { name: 'main', values: [9, 11, 10, null, 12, 13, 12.5, 14] },
    { name: 'release/*', values: [7, 8, 8, 9, 9.5, null, 10, 11] },
    { name: '</svg><script>alert(1)</script>', values: [5, 6, 5, 6, 7, 6, 7, 8] },
  ],
});
const deployments = barChartSvg({
  title: 'Deployments per week',
  categories: weeks,
  stacked: true,
  series: [
    { name: 'success', values: [4, 5, 3, 6, 5, 7, 6, 8] },
    { name: 'failed', values: [1, 0, 2, 1, 0, 1, null, 0] },
    { name: 'rolled back', values: [0, 1, 0, 0, 1, 0, 1, 0] },
  ],
  theme: 'dark',
});

// The shape the health report will have: one file, inline CSS, SVG inline, nothing external.
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>charts</title>
<style>body{font-family:sans-serif;margin:1rem;background:#f6f8fa}svg{display:block;max-width:100%;height:auto}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}</style>
</head><body><h1>Charts</h1><div class="charts"><figure>${duration}</figure><figure>${deployments}</figure></div></body></html>`;

describe.skipIf(chromiumSkipReason() !== undefined)('chart SVGs in headless Chromium', () => {
  let dir: string;
  let opened: OpenPage;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phasegate-charts-'));
    const file = join(dir, 'charts.html');
    writeFileSync(file, page);
    opened = await openInChromium(file, { name: 'charts' });
  });
  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors or network requests', () => {
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('has both charts in the DOM as named images, and no injected script', async () => {
    const images = await opened.page.locator('svg[role="img"]').evaluateAll((svgs) =>
      svgs.map((svg) => ({ label: svg.getAttribute('aria-label'), title: svg.querySelector('title')?.textContent })),
    );
    expect(images).toHaveLength(2);
    expect(images[0]?.label).toMatch(/^Pipeline duration\. Line chart, 8 points: W40 to W47\. main: last value 14 min/);
    expect(images[1]?.label).toMatch(/^Deployments per week\. Bar chart/);
    expect(images.every((i) => i.label === i.title)).toBe(true);
    expect(await opened.page.locator('script').count()).toBe(0);
    await expect(opened.page.getByRole('img', { name: /Pipeline duration/ }).count()).resolves.toBe(1);
  });

  it('draws the charts at their size, and shrinks them to a phone width', async () => {
    const box = await opened.page.locator('svg[role="img"]').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    const shots = await opened.screenshot();
    for (const shot of [shots.desktop, shots.phone]) expect(statSync(shot).size).toBeGreaterThan(10_000);
    // A PNG's width is at byte 16; 390 CSS px at 2x: nothing wider than the phone's screen.
    expect(readFileSync(shots.phone).readUInt32BE(16)).toBe(780);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });

  it('keeps chart text at its size under a CSP that refuses inline styles (Jenkins)', async () => {
    const file = join(dir, 'csp.html');
    const csp = "default-src 'none'; img-src 'self'; style-src 'self'";
    writeFileSync(file, `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}">${duration}`);
    const strict = await openInChromium(file, { name: 'charts-csp' });
    try {
      // Runs in the page; the test's types have no DOM library.
      const sizes = await strict.page.locator('svg text').evaluateAll((ts) => {
        const view = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
        return ts.map((t) => view.getComputedStyle(t).fontSize);
      });
      expect(new Set(sizes)).toEqual(new Set(['12px', '14px']));
      expect(strict.consoleErrors).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('records what a page that is not self-contained asks for', async () => {
    const file = join(dir, 'leaky.html');
    writeFileSync(file, '<!doctype html><img src="https://example.invalid/x.png"><script>console.error("boom")</script>');
    const leaky = await openInChromium(file, { name: 'leaky' });
    try {
      expect(leaky.requests).toEqual(['https://example.invalid/x.png']);
      expect(leaky.consoleErrors).toContain('error: boom');
    } finally {
      await leaky.close();
    }
  });
});
