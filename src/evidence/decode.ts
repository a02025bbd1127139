/**
 * Streaming text decoding with encoding detection (byte-order mark, then the XML
 * declaration). Invalid bytes are an error, never silently replaced: a report in the
 * wrong encoding would otherwise be read with mangled names.
 */
import { TextDecoder } from 'node:util';
import { readChunks } from './files.js';

/** Thrown when bytes are not valid in the detected encoding; `validPrefix` is the text before them. */
export class EncodingError extends Error {
  constructor(
    readonly encoding: string,
    readonly validPrefix: string,
  ) {
    super(`bytes that are not valid ${encoding}`);
  }
}

/** Thrown when a file declares an encoding this reader does not support. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported encoding "${encoding}"`);
  }
}

const ALIASES: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'us-ascii': 'utf-8', ascii: 'utf-8',
  'iso-8859-1': 'latin1', latin1: 'latin1', 'windows-1252': 'latin1', cp1252: 'latin1',
  'utf-16': 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
};

/** The encoding of a file from its first bytes: BOM, UTF-16 without BOM, XML declaration, else UTF-8. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0x3c && head[1] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c) return 'utf-16be';
  const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(Buffer.from(head.subarray(0, 256)).toString('latin1'));
  if (!decl?.[1]) return 'utf-8';
  const name = decl[1].toLowerCase();
  const known = ALIASES[name];
  if (!known) throw new UnsupportedEncodingError(decl[1]);
  // A UTF-16 declaration on single-byte content is a lie we cannot honour.
  return known.startsWith('utf-16') ? 'utf-8' : known;
}

/**
 * Streams `file` as text in chunks of `size` bytes. `sniff` decides whether the XML
 * declaration is consulted. Throws EncodingError at the first invalid byte sequence.
 */
export async function* readText(file: string, shown: string, sniff: boolean, size?: number): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let encoding = 'utf-8';
  for await (const chunk of readChunks(file, shown, size)) {
    if (!decoder) {
      encoding = sniff ? sniffEncoding(chunk) : 'utf-8';
      decoder = new TextDecoder(encoding, { fatal: true });
    }
    yield decodeChunk(decoder, encoding, chunk, false);
  }
  if (decoder) {
    const rest = decodeChunk(decoder, encoding, new Uint8Array(0), true);
    if (rest) yield rest;
  }
}

function decodeChunk(decoder: TextDecoder, encoding: string, chunk: Uint8Array, last: boolean): string {
  try {
    return decoder.decode(chunk, { stream: !last });
  } catch {
    const lax = new TextDecoder(encoding).decode(chunk);
    const bad = lax.indexOf('\uFFFD');
    throw new EncodingError(encoding === 'latin1' ? 'ISO-8859-1' : encoding.toUpperCase(), bad < 0 ? lax : lax.slice(0, bad));
  }
}
