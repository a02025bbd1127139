/**
 * Headless Chromium for tests of self-contained HTML (the health report): opens a file:// page
 * in Debian's /usr/bin/chromium through playwright-core (which never downloads a browser),
 * records console errors and warnings, page errors and every network request, and saves
 * screenshots under test-output/screenshots/. Without the browser the tests are skipped with the
 * reason printed, except under CI=true, where they run and fail instead.
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
  /** Every requested URL other than the file itself and data: URLs (all are blocked). */
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

function watch(context: BrowserContext, fileUrl: string, out: Log): void {
  context.on('request', (request) => {
    const url = request.url();
    if (url !== fileUrl && !url.startsWith('data:')) out.requests.push(url);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      const type = message.type();
      if (type === 'error' || type === 'warning') out.consoleErrors.push(`${type}: ${message.text()}`);
    });
    page.on('pageerror', (error) => out.consoleErrors.push(`pageerror: ${error.message}`));
  });
}

async function openContext(browser: Browser, fileUrl: string, out: Log, phone: boolean): Promise<Page> {
  const context = await browser.newContext(
    phone
      ? { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: DESKTOP_VIEWPORT, deviceScaleFactor: 1 },
  );
  watch(context, fileUrl, out);
  // A self-contained report loads nothing: let the file itself through, abort everything else.
  await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(fileUrl, { waitUntil: 'load' });
  return page;
}

/**
 * Opens an HTML file in headless Chromium. `name` names the screenshots
 * (`test-output/screenshots/<name>.png` and `<name>-phone.png`).
 */
export async function openInChromium(file: string, options: { name: string }): Promise<OpenPage> {
  if (!/^[\w.-]+$/.test(options.name)) throw new Error(`screenshot name must be a plain file name: ${options.name}`);
  const fileUrl = pathToFileURL(resolve(file)).href;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS, timeout: 60_000 });
  const log: Log = { consoleErrors: [], requests: [] };
  let page: Page;
  try {
    page = await openContext(browser, fileUrl, log, false);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const screenshot = async (): Promise<{ desktop: string; phone: string }> => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const desktop = resolve(SCREENSHOT_DIR, `${options.name}.png`);
    const phone = resolve(SCREENSHOT_DIR, `${options.name}-phone.png`);
    await page.screenshot({ path: desktop, fullPage: true });
    const phonePage = await openContext(browser, fileUrl, log, true);
    await phonePage.screenshot({ path: phone, fullPage: true });
    await phonePage.context().close();
    return { desktop, phone };
  };
  return { page, ...log, screenshot, close: () => browser.close() };
}
