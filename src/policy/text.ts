/**
 * From bytes to a parsed YAML document that keeps its ranges. Everything wrong with the file as
 * text (binary, wrong encoding, empty, YAML syntax) is reported here, located where possible.
 */
import { TextDecoder } from 'node:util';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../errors.js';
import { quoted } from './quote.js';
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, tooDeepNode, tooDeepText, YAML_MESSAGES } from './yaml-limits.js';

/**
 * A policy larger than this is refused: the built-in ones are under 6 KB, and parsing and checking
 * a hostile file (thousands of tiny rules, each a problem) costs about 12 µs a byte on a busy
 * 2-core machine, so one at the cap still finishes in under 2 s.
 */
export const MAX_POLICY_BYTES = 64 * 1024;

/** The cap as users read it in messages. */
export const MAX_POLICY_SIZE = `${MAX_POLICY_BYTES / 1024} KB`;

/** The message for a file over the cap. */
export const TOO_LARGE = `policy file is larger than ${MAX_POLICY_SIZE}; a policy is a short text file, so give the right file or split it into layers`;

/** A policy file parsed into a YAML document, with the names it is shown under. */
export interface PolicyFile {
  /** Absolute path. */
  abs: string;
  /** The path shown in messages. */
  display: string;
  /** Layer name: `tier:<tier>` for built-ins, else the display path. */
  layer: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (YAML core schema: dates stay strings). */
  data: unknown;
}

/** How a file is named before it is read. */
export interface FileMeta {
  abs: string;
  display: string;
  layer: string;
  /** The size cap in bytes (default MAX_POLICY_BYTES; plans, which list work items, allow more). */
  maxBytes?: number;
}

type Decoded = { text: string } | { problem: Omit<Diagnostic, 'file'> };

function lineColAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function decode(bytes: Uint8Array, maxBytes = MAX_POLICY_BYTES): Decoded {
  if (bytes.length > maxBytes) return { problem: { message: maxBytes === MAX_POLICY_BYTES ? TOO_LARGE : `file is larger than ${maxBytes / 1024} KB; give the right file or split it` } };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { message: 'encoded as UTF-16; save the policy as UTF-8' } };
  }
  if (bytes.includes(0)) return { problem: { message: 'not a text file (binary content)' } };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    const lax = new TextDecoder('utf-8').decode(bytes.subarray(start));
    return { problem: { ...lineColAt(lax, lax.indexOf('\uFFFD')), message: 'not valid UTF-8; save the policy as UTF-8' } };
  }
}

function yamlMessage(code: string, text: string, offset: number): string {
  if (code === 'MULTIPLE_DOCS') return 'a policy file holds one YAML document; remove this "---" and what follows or move it to its own file';
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim() ?? '';
    return `duplicate key ${quoted(key.replace(/^["']|["']$/g, ''))} in this mapping; keep one`;
  }
  return `YAML syntax error: ${YAML_MESSAGES[code] ?? `unparsable YAML (${code})`}`;
}

const tooDeep = (meta: FileMeta, pos: { line: number; col: number }): Diagnostic[] => [
  { file: meta.display, ...pos, message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels; a policy needs a few, so flatten it` },
];

/** Parses the bytes of a policy file; on any problem returns diagnostics and no file. */
export function parsePolicyBytes(bytes: Uint8Array, meta: FileMeta): { file?: PolicyFile; diagnostics: Diagnostic[] } {
  const decoded = decode(bytes, meta.maxBytes);
  if ('problem' in decoded) return { diagnostics: [{ file: meta.display, ...decoded.problem }] };
  const { text } = decoded;
  const empty: Diagnostic[] = [{ file: meta.display, message: 'policy file is empty' }];
  if (text.trim() === '') return { diagnostics: empty };
  const deepText = tooDeepText(text);
  if (deepText !== undefined) return { diagnostics: tooDeep(meta, lineColAt(text, deepText)) };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', lineCounter, prettyErrors: false, uniqueKeys: true });
  // Warnings (e.g. an unknown tag) are errors here: a policy must mean exactly what it says.
  const diagnostics = [...doc.errors, ...doc.warnings].map((e) => ({
    file: meta.display,
    ...lineCounter.linePos(e.pos[0]),
    message: yamlMessage(e.code, text, e.pos[0]),
  }));
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null) return { diagnostics: empty };
  const deepNode = tooDeepNode(doc);
  if (deepNode) return { diagnostics: tooDeep(meta, lineCounter.linePos(deepNode.range?.[0] ?? 0)) };
  try {
    return { file: { ...meta, doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) }, diagnostics: [] };
  } catch {
    // yaml throws only for alias expansion past maxAliasCount here (an "alias bomb").
    const message = `YAML aliases expand more than ${MAX_YAML_ALIASES} times; write the values out instead of nesting aliases`;
    return { diagnostics: [{ file: meta.display, message }] };
  }
}
