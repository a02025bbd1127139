/**
 * Streaming, hardened XML reading on top of saxes. The file is fed to the parser in
 * chunks; no DTD is processed, a DOCTYPE that declares entities is refused, no entity is
 * ever expanded or fetched, and the text the parser buffers is capped so a 100 MB text
 * node costs at most TEXT_CAP characters. Every problem becomes one located user error.
 * saxes' own line tracking costs ~15 % of a parse; lines are counted here per chunk instead
 * (Lines), and a position is worked out only for an error.
 */
import type { SaxesTagPlain } from 'saxes';
import { requireSaxes } from '../io/require.js';
import { EncodingError, UnsupportedEncodingError, readText } from './decode.js';
import { TEXT_CAP, fileError, fileSize } from './files.js';
import type { PhasegateError } from '../errors.js';

const { SaxesParser } = requireSaxes();

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

/** Line breaks (LF, CRLF or CR) before offsets of the stream, counted one chunk at a time. */
class Lines {
  private line = 1;
  private lineStart = 0;
  private chunkStart = 0;
  private chunk = '';

  /** `text` is the chunk about to be parsed. */
  next(text: string): void {
    const { line, start } = this.scan(this.chunk.length);
    this.line = line;
    this.lineStart = start;
    this.chunkStart += this.chunk.length;
    this.chunk = text;
  }

  /** 1-based line and column of stream offset `pos` (in the current chunk). */
  at(pos: number): { line: number; col: number } {
    const { line, start } = this.scan(pos - this.chunkStart);
    return { line, col: Math.max(1, pos - start + 1) };
  }

  private scan(end: number): { line: number; start: number } {
    const c = this.chunk;
    let line = this.line;
    let start = this.lineStart;
    if (c.includes('\r')) {
      const re = /\r\n?|\n/g;
      for (let m = re.exec(c); m && m.index < end; m = re.exec(c)) {
        line++;
        start = this.chunkStart + m.index + m[0].length;
      }
    } else {
      for (let i = c.indexOf('\n'); i >= 0 && i < end; i = c.indexOf('\n', i + 1)) {
        line++;
        start = this.chunkStart + i + 1;
      }
    }
    return { line, start };
  }
}

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
  const parser = new SaxesParser({ xmlns: false, position: false });
  const lines = new Lines();
  const internals = parser as unknown as SaxesInternals;
  let depth = 0;
  let captureDepth = -1;
  let sawRoot = false;
  let sawText = false;

  const fail = (message: string): PhasegateError => {
    const { line, col } = lines.at(parser.position);
    return fileError(shown, message, line, col);
  };
  const onText = (t: string): void => visitor.text?.(t);
  parser.on('error', (err: Error) => {
    const raw = err.message;
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
      lines.next(text);
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
        lines.next(err.validPrefix);
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
