/**
 * Post-processing of ECharts' SVG string: stable ids, no hydration metadata, accessible root.
 * Also the hand-made "no data" SVG (nothing to plot, so nothing for ECharts to do).
 */
import { createHash } from 'node:crypto';
import { escapeXml, type CleanSpec } from './spec.js';
import { palette } from './theme.js';

/**
 * zrender names ids and classes `zr<N>-<kind><M>` with N and M from per-process counters, so the
 * same chart differs between calls. Ids must also be unique within one HTML page (inline SVGs
 * share one id space), so each name is renumbered by first appearance and prefixed with a
 * hash of the chart itself: identical input gives identical output, different charts never
 * collide. Only markup is rewritten (tags and the <style>), never text the user wrote.
 */
export function stabiliseIds(svg: string): string {
  const prefix = /\b(?:id|class)="(zr\d+)-/.exec(svg)?.[1];
  if (!prefix) return svg;
  const name = new RegExp(`${prefix}-([a-z]+-?)(\\d+)`, 'g');
  const renamed = new Map<string, string>();
  const perKind = new Map<string, number>();
  const rename = (to: string) => (_: string, kind: string, n: string): string => {
    let stable = renamed.get(kind + n);
    if (stable === undefined) {
      stable = `${kind}${perKind.get(kind) ?? 0}`;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      renamed.set(kind + n, stable);
    }
    return `${to}-${stable}`;
  };
  const inMarkup = (s: string, to: string): string =>
    s.replace(/<style[^>]*>[\s\S]*?<\/style>|<[^>]*>/g, (part) => part.replace(name, rename(to)));
  const hash = createHash('sha256').update(inMarkup(svg, 'zr')).digest('hex').slice(0, 10);
  return inMarkup(svg, `pgc${hash}`);
}

/**
 * Drops what only an interactive chart uses: the `ecmeta_*` attributes (for client-side
 * hydration) and the hover stylesheet with its classes. A static report never hovers, and a
 * stylesheet inside inline SVG would apply to the whole HTML page.
 */
export function stripInteractivity(svg: string): string {
  return svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/<style[^>]*><!\[CDATA\[[^\]]*\]\]>\s*<\/style>\n?/, '');
}

const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

/**
 * Turns ECharts' inline `style="font-…"` into SVG presentation attributes. A Content Security
 * Policy without 'unsafe-inline' styles (Jenkins' default for archived HTML) drops style
 * attributes, and the text would fall back to the page's 16px; attributes are not styles.
 */
export function fontStylesToAttributes(svg: string): string {
  return svg.replace(/ style="([^"]*)"/g, (whole, css: string) => {
    const declarations = css.split(';').filter((d) => d.trim() !== '');
    const pairs = declarations.map((d) => d.split(':').map((x) => x.trim()));
    if (!pairs.every(([name, value]) => name && value && PRESENTATION.has(name))) return whole;
    return pairs.map(([name, value]) => ` ${name}="${value}"`).join('');
  });
}

/**
 * Makes the root an image with a name: `role="img"`, `aria-label`, and a `<title>` (shown as a
 * tooltip, read by screen readers that ignore aria-label on SVG). No style attribute: the page
 * scales the chart (`svg { max-width: 100%; height: auto }` keeps the viewBox's aspect ratio),
 * so a strict Content Security Policy has nothing to refuse.
 */
export function makeAccessible(svg: string, label: string): string {
  const text = escapeXml(label);
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${text}" `).replace(/^(<svg[^>]*>)/, `$1\n<title>${text}</title>`);
}

/** The SVG for a chart with nothing to plot: the title and "No data", same width. */
export function noDataSvg(spec: CleanSpec): string {
  const p = palette(spec.theme);
  const w = spec.width;
  const h = 64;
  const label = `${spec.title}. No data.`;
  const font = 'font-family="sans-serif"';
  return [
    `<svg width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}">`,
    `<rect width="${w}" height="${h}" fill="${p.background}"></rect>`,
    `<text x="8" y="22" font-size="14px" font-weight="bold" ${font} fill="${p.text}">${escapeXml(spec.title)}</text>`,
    `<text x="8" y="48" font-size="12px" ${font} fill="${p.axis}">No data</text>`,
    '</svg>',
  ]
    .map((line, i) => (i === 0 ? makeAccessible(line, label) : line))
    .join('\n');
}
