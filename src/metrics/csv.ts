/**
 * A small RFC 4180 CSV reader for tracker and cost exports: quoted fields (with `""` and line
 * breaks inside), CRLF or LF, and a comma, semicolon or tab separator told from the header.
 * Each record keeps the line it starts on, so a bad row is reported at `file:line`.
 */
import { PhasegateError } from '../errors.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

function separatorOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((s) => ({ s, n: header.split(s).length }));
  return counts.reduce((a, b) => (b.n > a.n ? b : a)).s;
}

/** The quoted field opening at `i`: its text, the index after its closing quote, and the line breaks inside. */
function quoted(text: string, i: number, line: number, file: string): { value: string; next: number; breaks: number } {
  let value = '';
  let breaks = 0;
  let j = i + 1;
  for (;;) {
    if (j >= text.length) throw new PhasegateError({ file, line, col: 1, message: 'a quoted field is never closed; close it with "' });
    if (text[j] === '"') {
      if (text[j + 1] !== '"') return { value, next: j + 1, breaks };
      value += '"';
      j += 2;
      continue;
    }
    if (text[j] === '\n') breaks++;
    value += text[j++];
  }
}

/** Parses CSV text into rows (blank lines skipped); `file` names it in errors. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const sep = separatorOf(text);
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && cell.trim() === '') {
      const q = quoted(text, i, line, file);
      cell = q.value;
      line += q.breaks;
      i = q.next - 1;
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n') {
      endRow();
      rowLine = ++line;
    } else if (c !== '\r' || text[i + 1] !== '\n') {
      cell += c;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** A header name reduced for matching: lower case, letters and digits only (`Created At` → `createdat`). */
export const normalizeHeader = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Which column holds each field, from the header row and a list of accepted names per field
 * (normalised). Fields with no matching column are absent.
 */
export function columnsOf<F extends string>(header: readonly string[], aliases: Record<F, readonly string[]>): Partial<Record<F, number>> {
  const names = header.map(normalizeHeader);
  const out: Partial<Record<F, number>> = {};
  for (const field of Object.keys(aliases) as F[]) {
    for (const alias of aliases[field]) {
      const at = names.indexOf(alias);
      if (at >= 0) {
        out[field] = at;
        break;
      }
    }
  }
  return out;
}
