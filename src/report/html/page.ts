/**
 * The page shell shared by the health report and the portfolio: doctype, language, viewport,
 * a Content-Security-Policy that forbids every fetch (so the file provably loads nothing),
 * the inline stylesheet, landmarks (banner, navigation, main, contentinfo) and a skip link.
 * The markup is XHTML-compatible (void elements closed, attributes quoted) so an XML parser
 * can check it.
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
  /** An optional inline script (progressive enhancement only; allowed by its hash). */
  script?: string;
}

/** The CSP of a page: nothing may be fetched; inline styles; at most the one hashed script. */
export function contentSecurityPolicy(script?: string): string {
  const scriptSrc = script ? `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'` : "'none'";
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptSrc}; base-uri 'none'; form-action 'none'`;
}

/** Renders the page. */
export function page(p: PageParts): string {
  const toc = p.toc.length
    ? `<nav class="toc" aria-label="Sections"><ul>${p.toc.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>`
    : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(p.script)}" />`,
    '<meta name="color-scheme" content="light dark" />',
    '<meta name="generator" content="phasegate" />',
    `<title>${esc(p.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the report</a>',
    `<header>\n<h1>${p.heading}</h1>\n<p class="meta">${p.meta}</p>\n</header>`,
    toc,
    `<main id="main">\n${p.main}\n</main>`,
    `<footer>${p.footer}</footer>`,
    p.script ? `<script>${p.script}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
