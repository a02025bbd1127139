/**
 * Headless Chromium for tests of self-contained HTML (the health report): opens a file:// page
 * (or, with openUrlInChromium, a page from a local test server) in Debian's /usr/bin/chromium
 * through playwright-core (which never downloads a browser), records console errors and
 * warnings (a Content-Security-Policy violation is a console error), page errors and every
 * network request, and saves screenshots under test-output/screenshots/. Without the browser
 * the tests are skipped with the reason printed, except under CI=true, where they run and fail
 * instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The browser the tests use: Debian's `chromium` package (.ci/run installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/** The phone viewport of the second screenshot (an iPhone 12–15 in CSS pixels). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };
const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

// No GPU, no QUIC, and none of the background traffic (updates, sync, field trials) a fresh
// profile starts; playwright's launch() gives every run a fresh temporary user data dir.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests are skipped, or undefined when they run (always under CI=true). */
export function chromiumSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return undefined;
  const reason = `${CHROMIUM_PATH} not found (Debian: apt-get install chromium)`;
  console.warn(`skipping the browser tests: ${reason}`);
  return reason;
}

/** An HTML file open in Chromium, with what it logged and requested. */
export interface OpenPage {
  /** The page at the desktop viewport, for DOM queries. */
  page: Page;
  /** Console errors and warnings and uncaught page errors, as `type: text`. */
  consoleErrors: string[];
  /**
   * Every requested URL other than the page itself and data: URLs. From a file:// page all are
   * blocked; from a served page (openUrlInChromium) those of the page's origin go through.
   */
  requests: string[];
  /**
   * Saves a full-page screenshot at the desktop viewport (`<name>.png`) and one of the page
   * opened afresh at the phone viewport (`<name>-phone.png`); returns both paths.
   */
  screenshot(): Promise<{ desktop: string; phone: string }>;
  /** Closes the browser (its temporary profile goes with it). */
  close(): Promise<void>;
}

/** What the pages of one openInChromium call logged and requested. */
type Log = Pick<OpenPage, 'consoleErrors' | 'requests'>;

/** Which requests besides the page itself go through (the rest are aborted). */
type Allow = (url: string) => boolean;

function watch(context: BrowserContext, pageUrl: string, out: Log): void {
  context.on('request', (request) => {
    const url = request.url();
    if (url !== pageUrl && !url.startsWith('data:')) out.requests.push(url);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      const type = message.type();
      if (type === 'error' || type === 'warning') out.consoleErrors.push(`${type}: ${message.text()}`);
    });
    page.on('pageerror', (error) => out.consoleErrors.push(`pageerror: ${error.message}`));
  });
}

async function openContext(browser: Browser, pageUrl: string, allow: Allow, out: Log, phone: boolean): Promise<Page> {
  const context = await browser.newContext(
    phone
      ? { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: DESKTOP_VIEWPORT, deviceScaleFactor: 1 },
  );
  watch(context, pageUrl, out);
  // A self-contained report loads nothing: let the page itself through (and what `allow` lets), abort everything else.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url === pageUrl || allow(url) ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  await page.goto(pageUrl, { waitUntil: 'load' });
  return page;
}

/**
 * Opens an HTML file in headless Chromium. `name` names the screenshots
 * (`test-output/screenshots/<name>.png` and `<name>-phone.png`); `beside` lets the page load
 * these files of its own folder (a linked stylesheet), every other request is aborted.
 */
export function openInChromium(file: string, options: { name: string; beside?: readonly string[] }): Promise<OpenPage> {
  const pageUrl = pathToFileURL(resolve(file)).href;
  const allowed = new Set((options.beside ?? []).map((name) => new URL(name, pageUrl).href));
  return open(pageUrl, (url) => allowed.has(url), options.name);
}

/**
 * Opens a page served over HTTP (a local test server) in headless Chromium: requests to the
 * page's own origin go through (its stylesheet), every other request is aborted and recorded.
 * `name` names the screenshots as for openInChromium.
 */
export function openUrlInChromium(url: string, options: { name: string }): Promise<OpenPage> {
  const origin = new URL(url).origin;
  return open(url, (u) => new URL(u).origin === origin, options.name);
}

async function open(pageUrl: string, allow: Allow, name: string): Promise<OpenPage> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name: ${name}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS, timeout: 60_000 });
  const log: Log = { consoleErrors: [], requests: [] };
  let page: Page;
  try {
    page = await openContext(browser, pageUrl, allow, log, false);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const screenshot = async (): Promise<{ desktop: string; phone: string }> => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const desktop = resolve(SCREENSHOT_DIR, `${name}.png`);
    const phone = resolve(SCREENSHOT_DIR, `${name}-phone.png`);
    await page.screenshot({ path: desktop, fullPage: true });
    const phonePage = await openContext(browser, pageUrl, allow, log, true);
    await phonePage.screenshot({ path: phone, fullPage: true });
    await phonePage.context().close();
    return { desktop, phone };
  };
  return { page, ...log, screenshot, close: () => browser.close() };
}

/** What a screenshot holds: its size, how many distinct colours, and the count of each given colour. */
export interface PixelStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Pixels of exactly each asked colour (`#rrggbb`). */
  counts: Record<string, number>;
}

const COUNT_COLOURS = `async function (b64, colours) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const seen = new Set();
  const want = new Map(colours.map((c) => [parseInt(c.slice(1), 16), c]));
  const counts = Object.fromEntries(colours.map((c) => [c, 0]));
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    seen.add(rgb);
    const c = want.get(rgb);
    if (c !== undefined) counts[c] += 1;
  }
  return { width: bitmap.width, height: bitmap.height, distinctColours: seen.size, counts };
}`;

/**
 * Decodes a PNG in a fresh page of the same browser (a canvas; no network, no CSP) and counts
 * its colours: a blank or unstyled screenshot has few, a styled page with charts many.
 */
export async function pixelStats(page: Page, png: Buffer, colours: readonly string[]): Promise<PixelStats> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const context = await browser.newContext();
  try {
    const scratch = await context.newPage();
    // A string, not a function: the project's TypeScript has no DOM types.
    const stats = await scratch.evaluate(`(${COUNT_COLOURS})(${JSON.stringify(png.toString('base64'))}, ${JSON.stringify(colours)})`);
    return stats as PixelStats;
  } finally {
    await context.close();
  }
}
