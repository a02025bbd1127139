/**
 * The page shell shared by the health report and the portfolio: doctype, language, viewport,
 * a Content-Security-Policy that forbids every other fetch, the stylesheet, landmarks (banner,
 * navigation, main, contentinfo) and a skip link. The markup is XHTML-compatible (void
 * elements closed, attributes quoted) so an XML parser can check it.
 *
 * Two ways to carry the stylesheet (`HtmlAssets`): `inline`, one self-contained file with a
 * `<style>` element (the page loads nothing), or `external`, a `<link>` to STYLESHEET_FILE
 * beside the page and no inline style, script or data: URL at all, so Jenkins' default CSP
 * (`sandbox; default-src 'none'; img-src 'self'; style-src 'self';`) refuses nothing. Besides
 * the CSP meta tag, the portfolio's optional script and the footer's sentence about what the
 * page loads, nothing differs: no element of either page has a style attribute, so both look
 * the same (test/report-html/csp.test.ts compares their computed styles).
 */
import { createHash } from 'node:crypto';
import { esc } from './escape.js';
import { STYLE } from './style.js';

/** What a page is made of; all strings but `title` are HTML. */
export interface PageParts {
  title: string;
  heading: string;
  meta: string;
  /** Links of the table of contents: [id, label]. */
  toc: ReadonlyArray<[string, string]>;
  main: string;
  footer: string;
  /** An optional inline script (progressive enhancement only; allowed by its hash; left out with external assets). */
  script?: string;
}

/** Where the stylesheet goes: inline in the page, or in STYLESHEET_FILE beside it. */
export type HtmlAssets = 'inline' | 'external';

/** The stylesheet's file name with external assets; the page links it relative to itself. */
export const STYLESHEET_FILE = 'phasegate-report.css';

/** A rendered page and, with external assets, the stylesheet to write beside it. */
export interface HtmlPage {
  html: string;
  /** The contents of STYLESHEET_FILE (external assets), or null (inline: the page is the one file). */
  stylesheet: string | null;
}

/** The CSP of a page with external assets: its own stylesheet and nothing else. */
export const EXTERNAL_CSP = "default-src 'none'; style-src 'self'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

/** The CSP of a page: nothing may be fetched; inline styles; at most the one hashed script. */
export function contentSecurityPolicy(script?: string): string {
  const scriptSrc = script ? `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'` : "'none'";
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptSrc}; base-uri 'none'; form-action 'none'`;
}

/** Renders the page (with external assets: and its stylesheet). */
export function page(p: PageParts, assets: HtmlAssets = 'inline'): HtmlPage {
  const external = assets === 'external';
  const script = external ? undefined : p.script;
  const toc = p.toc.length
    ? `<nav class="toc" aria-label="Sections"><ul>${p.toc.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>`
    : '';
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<meta http-equiv="Content-Security-Policy" content="${external ? EXTERNAL_CSP : contentSecurityPolicy(script)}" />`,
    '<meta name="color-scheme" content="light dark" />',
    '<meta name="generator" content="phasegate" />',
    `<title>${esc(p.title)}</title>`,
    external ? `<link rel="stylesheet" href="${STYLESHEET_FILE}" />` : `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the report</a>',
    `<header>\n<h1>${p.heading}</h1>\n<p class="meta">${p.meta}</p>\n</header>`,
    toc,
    `<main id="main">\n${p.main}\n</main>`,
    `<footer>${p.footer}</footer>`,
    script ? `<script>${script}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, stylesheet: external ? `${STYLE}\n` : null };
}
