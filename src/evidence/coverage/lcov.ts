/** LCOV tracefiles (`lcov`, `c8`, `nyc`, `istanbul`, `genhtml` input), read line by line as a stream. */
import { fileError } from '../files.js';
import { lineAt, readLines } from '../lines.js';
import type { CoverageMap, LineHits } from './model.js';

const NON_NEGATIVE = /^\d+$/;
const D = 68, A = 65, COLON = 58, COMMA = 44, ZERO = 48, NINE = 57, CR = 13;

/**
 * Fast path for the line that makes up most of a tracefile, `DA:<line>,<hits>[,<checksum>]`,
 * parsed in place without slicing. Returns false when the line is anything else (or odd).
 */
function fastDA(text: string, start: number, end: number, record: (line: number, hits: number) => void): boolean {
  if (end - start < 6 || text.charCodeAt(start) !== D || text.charCodeAt(start + 1) !== A || text.charCodeAt(start + 2) !== COLON) return false;
  // Past `end` (the last line of the file, `DA:2,` cut short) charCodeAt is NaN, which no
  // comparison rejects: every read is bounded by `end`, so a cut line falls to the checked path.
  const at = (j: number): number => (j < end ? text.charCodeAt(j) : -1);
  let i = start + 3;
  let line = 0;
  let c = at(i);
  if (c < ZERO || c > NINE) return false;
  for (; c >= ZERO && c <= NINE; c = at(++i)) line = line * 10 + (c - ZERO);
  if (c !== COMMA) return false;
  let hits = 0;
  c = at(++i);
  if (c < ZERO || c > NINE) return false;
  for (; c >= ZERO && c <= NINE; c = at(++i)) hits = hits * 10 + (c - ZERO);
  if (i < end && c !== COMMA && !(c === CR && i === end - 1)) return false;
  if (line === 0 || !Number.isSafeInteger(hits)) return false;
  record(line, hits);
  return true;
}

/** Reads the LCOV file `file` into `map`; `normalise` maps SF: paths to bundle paths. */
export async function readLcov(file: string, shown: string, map: CoverageMap, normalise: (p: string) => string): Promise<void> {
  let lineNo = 0;
  let current: string | undefined;
  // per record: line → [taken, total] from BRDA, folded into the map at end_of_record
  let brda = new Map<number, [number, number]>();
  let sawRecord = false;
  /** The open record's SF: path and line, for the error when it never ends. */
  let openedAt = { path: '', line: 0 };

  const bad = (what: string): never => {
    throw fileError(shown, `${what} (expected LCOV records such as SF:, DA:<line>,<hits>, BRDA:, end_of_record)`, lineNo, 1);
  };
  const flush = (): void => {
    if (current) for (const [line, [c, t]] of brda) map.branch(current, line, c, t);
    brda = new Map();
  };
  let hitsOf: LineHits | undefined; // the current record's line table, kept to skip a lookup per line
  const daRecord = (line: number, hits: number): void => hitsOf!.add(line, hits);
  const handle = (text: string): void => {
    if (text.length === 0) return;
    const colon = text.indexOf(':');
    const tag = colon < 0 ? text.trim() : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1);
    switch (tag) {
      case 'SF':
        if (!value) bad('SF: without a path');
        if (current !== undefined) bad(`SF: before the previous record (SF:${openedAt.path.slice(0, 80)}, line ${openedAt.line}) ended with end_of_record; the tracefile is cut or concatenated wrongly`);
        flush();
        openedAt = { path: value.trim(), line: lineNo };
        current = normalise(value.trim());
        hitsOf = map.file(current).lines;
        sawRecord = true;
        return;
      case 'DA': {
        if (!current) bad('DA: before any SF:');
        const [ln, hits] = value.split(',', 3);
        if (!ln || !hits || !NON_NEGATIVE.test(ln) || !/^-?\d+$/.test(hits)) bad(`malformed DA:${value.slice(0, 40)}`);
        map.line(current!, Number(ln), Math.max(0, Number(hits)));
        return;
      }
      case 'BRDA': {
        if (!current) bad('BRDA: before any SF:');
        const parts = value.split(',');
        if (parts.length !== 4 || !NON_NEGATIVE.test(parts[0]!)) bad(`malformed BRDA:${value.slice(0, 40)}`);
        const ln = Number(parts[0]);
        const taken = parts[3] !== '-' && Number(parts[3]) > 0 ? 1 : 0;
        const prev = brda.get(ln);
        if (prev) {
          prev[0] += taken;
          prev[1]++;
        } else brda.set(ln, [taken, 1]);
        return;
      }
      case 'end_of_record':
        flush();
        current = undefined;
        return;
      case 'TN': case 'FN': case 'FNDA': case 'FNF': case 'FNH': case 'LF': case 'LH': case 'BRF': case 'BRH':
      case 'VER': case 'FNL': case 'FNA': case 'MCDC':
        return;
      default:
        if (!sawRecord) throw fileError(shown, 'not a coverage report (expected LCOV, Cobertura XML or JaCoCo XML)', lineNo, 1);
        bad(`unknown LCOV line "${text.slice(0, 40)}"`);
    }
  };

  const lines = await readLines(file, shown, (text, start, end, n) => {
    lineNo = n;
    if (current === undefined || !fastDA(text, start, end, daRecord)) handle(lineAt(text, start, end));
  });
  if (current !== undefined) {
    throw fileError(shown, `the record for SF:${openedAt.path.slice(0, 80)} (line ${openedAt.line}) has no end_of_record: the tracefile is truncated; give the whole file`, Math.max(lines, 1), 1);
  }
  if (!sawRecord) throw fileError(shown, 'no SF: record (expected an LCOV tracefile)', Math.max(lines, 1), 1);
}
