/**
 * Streaming, hardened XML reading on top of saxes. The file is fed to the parser in
 * chunks; no DTD is processed, a DOCTYPE that declares entities is refused, no entity is
 * ever expanded or fetched, and the text the parser buffers is capped so a 100 MB text
 * node costs at most TEXT_CAP characters. Every problem becomes one located user error.
 */
import type * as Saxes from 'saxes';
import type { SaxesTagPlain } from 'saxes';
import { requireCjs } from '../io/require.js';
import { EncodingError, UnsupportedEncodingError, readText } from './decode.js';
import { TEXT_CAP, fileError, fileSize } from './files.js';
import type { PhasegateError } from '../errors.js';

const { SaxesParser } = requireCjs('saxes') as typeof Saxes;

/** What a format reader sees of the document. Names have their namespace prefix removed. */
export interface XmlVisitor {
  /** A start tag at `depth` (0 = root). Return true to receive the element's own text via `text`. */
  open(name: string, attrs: Record<string, string>, depth: number): boolean | void;
  close(name: string, depth: number): void;
  /** Text and CDATA of an element whose `open` returned true (the caller caps what it keeps). */
  text?(chunk: string): void;
}

/** Thrown by a visitor for a content problem; readXml adds the file and position. */
export class XmlContentError extends Error {}

/** The parts of saxes' state we bound; they are not in its public typings. */
interface SaxesInternals {
  text: string;
  name: string;
  entity: string;
  piTarget: string;
  attribList: unknown[];
}

const MAX_DEPTH = 1000;
const MAX_ATTRIBUTES = 10_000;

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Reads the XML file `file` (shown to users as `shown`) into `visitor`.
 * `expected` names the accepted document kinds, for the "not an XML file" message.
 */
export async function readXml(file: string, shown: string, visitor: XmlVisitor, expected: string): Promise<void> {
  if (fileSize(file, shown) === 0) throw fileError(shown, `empty file (expected ${expected})`);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const internals = parser as unknown as SaxesInternals;
  let depth = 0;
  let captureDepth = -1;
  let sawRoot = false;
  let sawText = false;

  const fail = (message: string): PhasegateError => fileError(shown, message, parser.line, parser.column + 1);
  const onText = (t: string): void => visitor.text?.(t);
  parser.on('error', (err: Error) => {
    const raw = err.message.replace(/^\d+:\d+: /, '');
    if (!sawRoot && !sawText) throw fail(`not an XML file (expected ${expected})`);
    if (raw.startsWith('document must contain a root element')) throw fail(`no root element (expected ${expected})`);
    if (raw.startsWith('undefined entity')) throw fail('undefined entity (only &lt; &gt; &amp; &quot; &apos; and &#...; references are read)');
    throw fail(raw.endsWith('.') ? raw.slice(0, -1) : raw);
  });
  parser.on('doctype', (doctype: string) => {
    if (/<!ENTITY/i.test(doctype)) throw fail('DOCTYPE with entity declarations is not allowed; remove the DOCTYPE');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    sawRoot = true;
    if (depth >= MAX_DEPTH) throw fail(`elements nested deeper than ${MAX_DEPTH}; this is not a test or coverage report`);
    let wants: boolean | void;
    try {
      wants = visitor.open(localName(tag.name), tag.attributes, depth);
    } catch (err) {
      throw err instanceof XmlContentError ? fail(err.message) : err;
    }
    if (wants === true && captureDepth < 0) {
      captureDepth = depth;
      parser.on('text', onText);
    }
    depth++;
  });
  // saxes reports a self-closing tag as an open tag followed at once by its close tag.
  parser.on('closetag', (tag: SaxesTagPlain) => {
    depth--;
    visitor.close(localName(tag.name), depth);
    if (depth === captureDepth) {
      captureDepth = -1;
      parser.off('text');
    }
  });
  parser.on('cdata', (t: string) => {
    if (captureDepth >= 0) visitor.text?.(t);
  });

  try {
    let first = true;
    for await (const text of readText(file, shown, true)) {
      if (first) {
        first = false;
        const start = text.replace(/^\uFEFF/, '').trimStart();
        if (start.length > 0 && !start.startsWith('<')) throw fail(`not an XML file (expected ${expected})`);
      }
      sawText = sawText || text.length > 0;
      parser.write(text);
      bound(internals, fail);
    }
    parser.close();
  } catch (err) {
    if (err instanceof EncodingError) {
      if (!sawText && !err.validPrefix.replace(/^\uFEFF/, '').trimStart().startsWith('<')) {
        throw fileError(shown, `not an XML file (expected ${expected})`, 1, 1);
      }
      try {
        parser.write(err.validPrefix);
      } catch {
        // the position is what we want; a parse error in the prefix does not matter here
      }
      throw fail(`not valid ${err.encoding}; save the report as UTF-8 or declare its real encoding in <?xml encoding="..."?>`);
    }
    if (err instanceof UnsupportedEncodingError) {
      throw fileError(shown, `${err.message}; save the report as UTF-8`, 1, 1);
    }
    throw err;
  }
}

/** Keeps the parser's own buffers bounded between chunks (see the module comment). */
function bound(p: SaxesInternals, fail: (m: string) => PhasegateError): void {
  if (p.text.length > TEXT_CAP) {
    if (/<!ENTITY/i.test(p.text)) throw fail('DOCTYPE with entity declarations is not allowed; remove the DOCTYPE');
    p.text = p.text.slice(0, TEXT_CAP);
  }
  if (p.name.length > TEXT_CAP || p.piTarget.length > TEXT_CAP || p.entity.length > TEXT_CAP) {
    throw fail('name longer than 64 KB; this is not a test or coverage report');
  }
  if (p.attribList.length > MAX_ATTRIBUTES) throw fail(`more than ${MAX_ATTRIBUTES} attributes on one element`);
}

/**
 * A visitor that chooses the real visitor by the root element's name; `pick` returns
 * undefined for a root it does not read, which becomes "unexpected root element".
 */
export function byRoot(pick: (root: string) => XmlVisitor | undefined, expected: string): XmlVisitor {
  let inner: XmlVisitor | undefined;
  return {
    open(name, attrs, depth) {
      if (depth === 0) {
        inner = pick(name);
        if (!inner) throw new XmlContentError(`unexpected root element <${name}> (expected ${expected})`);
      }
      return inner?.open(name, attrs, depth);
    },
    close: (name, depth) => inner?.close(name, depth),
    text: (chunk) => inner?.text?.(chunk),
  };
}
