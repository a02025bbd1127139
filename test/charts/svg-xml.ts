/** Parses a chart SVG with saxes (throws on any XML error) into a flat list of elements. */
import { SaxesParser } from 'saxes';

/** One element of the parsed SVG, with its own direct text. */
export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  depth: number;
}

/** All elements in document order; throws when the string is not well-formed XML. */
export function parseSvg(svg: string): SvgElement[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: SvgElement[] = [];
  const open: SvgElement[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, text: '', depth: open.length };
    elements.push(element);
    open.push(element);
  });
  parser.on('closetag', () => open.pop());
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.write(svg).close();
  return elements;
}

/** The root element's attributes and the text of its <title>. */
export function rootOf(svg: string): { attributes: Record<string, string>; title: string | undefined } {
  const elements = parseSvg(svg);
  const root = elements[0];
  if (!root || root.name !== 'svg') throw new Error('root element is not <svg>');
  const title = elements.find((e) => e.name === 'title' && e.depth === 1)?.text;
  return { attributes: root.attributes, title };
}
