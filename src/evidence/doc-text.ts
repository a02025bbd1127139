/**
 * The checks a Markdown document passes before it counts: whole UTF-8 text (never empty,
 * binary or UTF-16, never `�` for a bad byte), dates that exist on the calendar, front matter
 * small and shallow enough to parse in bounded time, and the line patterns of requirement
 * documents written so that no line makes them backtrack.
 */
import { fileError } from './files.js';
import { tooDeepText } from '../policy/yaml-limits.js';

/** Front matter and sign-off files larger than this are refused before the YAML parser sees them. */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
/** Deeper `[`/`{` nesting is refused before parsing (the parser recurses per level). */
export const MAX_FLOW_DEPTH = 64;
/** YAML aliases expanded at most (an alias bomb stops here). */
export const MAX_ALIAS_COUNT = 100;

/** Line number (1-based) of byte `offset` in `buf`. */
function lineOf(buf: Buffer, offset: number): number {
  let line = 1;
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) line++;
  return line;
}

/** Decodes a document (or, `allowEmpty`, a sign-off file), refusing what would be misread: empty, binary, UTF-16, invalid UTF-8. */
export function decodeDocument(buf: Buffer, shown: string, allowEmpty = false): string {
  const hint = 'a document must be UTF-8 Markdown; it is not counted as present or signed';
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw fileError(shown, `UTF-16 text (byte-order mark); save it as UTF-8 (${hint})`, 1, 1);
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a byte-order mark: ASCII text with every other byte NUL.
    const head = buf.subarray(0, 64);
    let zeros = 0;
    for (let i = nul % 2; i < head.length; i += 2) if (head[i] === 0) zeros++;
    const utf16 = zeros >= Math.floor(head.length / 2) - 1;
    throw fileError(shown, utf16 ? `UTF-16 text (NUL bytes between characters); save it as UTF-8 (${hint})` : `binary file (a NUL byte); ${hint}`, lineOf(buf, nul), 1);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    const lax = buf.toString('utf8');
    const bad = lax.indexOf('\uFFFD');
    const line = bad < 0 ? 1 : lax.slice(0, bad).split('\n').length;
    throw fileError(shown, `not valid UTF-8; save it as UTF-8 (${hint})`, line, 1);
  }
  if (text.trim() === '' && !allowEmpty) throw fileError(shown, `empty document; write its content or leave it out of --docs (an empty document is not counted as present)`);
  return text;
}

/**
 * Refuses YAML text whose size or nesting would make parsing slow or recurse deeply: the same
 * linear scan policies get (flow `[`/`{`, indentation and compact `- - -` block nesting).
 */
export function checkYamlBounds(text: string, shown: string, line: number, what: string): void {
  if (text.length > MAX_FRONT_MATTER_BYTES) throw fileError(shown, `${what} larger than 64 KB; keep only the metadata in it`, line, 1);
  if (tooDeepText(text) !== undefined) throw fileError(shown, `${what} nested deeper than ${MAX_FLOW_DEPTH} levels; it is metadata, keep it flat`, line, 1);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO date (`2026-10-03`, optionally with a time) as written; undefined when `v` is no date
 * at all. A date-shaped value that is not on the calendar (`2026-02-30`) is an error: read
 * loosely it would become another day.
 */
export function isoDate(v: unknown, shown: string, line: number, what: string): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return undefined;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const timeOk = m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && (m[6] === undefined || Number(m[6]) < 60));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || !timeOk) {
    throw fileError(shown, `${what} "${v.trim().slice(0, 40)}" is not a date on the calendar; write a real date (YYYY-MM-DD)`, line, 1);
  }
  return v.trim();
}

/** A heading's text (`# REQ-1 …`, at most three spaces before up to six `#`), else undefined. */
export function headingText(line: string): string | undefined {
  const m = /^ {0,3}#{1,6}\s/.exec(line);
  return m ? line.slice(m[0].length).trim() : undefined;
}

/** The index after the run of characters matching the one-character class `chars` from `from` (no backtracking). */
function strip(line: string, chars: RegExp, from = 0): number {
  let i = from;
  while (i < line.length && chars.test(line[i]!)) i++;
  return i;
}

/**
 * `^[\s>*_#-]*(\d+[.)]\s*)?[*_]*acceptance\b` (i), matched in linear time: a line of 100,000
 * `*` took 48 s with the regex, whose two star classes overlap.
 */
export function isAcceptanceLine(line: string): boolean {
  const i = strip(line, /[\s>*_#-]/);
  return /^(?:\d+[.)]\s*)?[*_]*acceptance\b/i.test(line.slice(i));
}

/** `^[\s>*-]*[*_]*(given|when|then)\b` (i) in linear time: the Gherkin keyword, lower case. */
export function gherkinKeyword(line: string): string | undefined {
  const i = strip(line, /[*_]/, strip(line, /[\s>*-]/));
  return /^(given|when|then)\b/i.exec(line.slice(i))?.[1]!.toLowerCase();
}

/** `s` without leading and trailing `-` (`/^-+|-+$/g` backtracks on a long run of `-`). */
export function trimDashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '-') a++;
  while (b > a && s[b - 1] === '-') b--;
  return s.slice(a, b);
}
