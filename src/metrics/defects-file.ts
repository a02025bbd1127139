/**
 * Reads a defects file: a tracker's CSV export or a JSON array of objects (or `{ "defects":
 * [...] }`). A bad row stops the read with `file:line` (CSV) or `file:line:col` (JSON) and
 * what is wrong; every bad row is listed at once.
 */
import { PhasegateError, type Diagnostic } from '../errors.js';
import { jsonSyntaxError } from '../evidence/json-file.js';
import { locatePointer } from '../evidence/json-locate.js';
import { columnsOf, normalizeHeader, parseCsv } from './csv.js';
import { DEFECT_COLUMNS, toDefect, type DefectField } from './defect-rows.js';
import { inputFile, readText, type InputFile } from './files.js';
import type { LoadFileOptions } from './plan-file.js';
import type { Defect } from './types.js';

type Where = Omit<Diagnostic, 'message'>;
interface Row {
  where: Where;
  result: Defect | { error: string };
}

function fromCsv(text: string, f: InputFile): Row[] {
  const [header, ...rows] = parseCsv(text, f.shown);
  if (!header) return [];
  const cols = columnsOf(header.cells, DEFECT_COLUMNS);
  if (cols.id === undefined) {
    return [{ where: { file: f.shown, line: header.line, col: 1 }, result: { error: `no id column in the header (expected an id, key or number column; the header has ${header.cells.length} column${header.cells.length === 1 ? '' : 's'})` } }];
  }
  return rows.map((r) => ({
    where: { file: f.shown, line: r.line, col: 1 },
    result: toDefect((field) => (cols[field] === undefined ? undefined : r.cells[cols[field]])),
  }));
}

function rowsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  const inner = value !== null && typeof value === 'object' ? (value as { defects?: unknown }).defects : undefined;
  return Array.isArray(inner) ? inner : undefined;
}

function fromJson(text: string, f: InputFile): Row[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(text, f.shown);
  }
  const rows = rowsOf(value);
  if (!rows) return [{ where: { file: f.shown, line: 1, col: 1 }, result: { error: 'expected a JSON array of defects (or an object with a "defects" array)' } }];
  const prefix = Array.isArray(value) ? '' : '/defects';
  return rows.map((row, i) => {
    const where = { file: f.shown, ...locatePointer(text, `${prefix}/${i}`) };
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return { where, result: { error: `defect #${i + 1} must be an object` } };
    const byName = new Map(Object.entries(row).map(([k, v]) => [normalizeHeader(k), v]));
    const get = (field: DefectField) => DEFECT_COLUMNS[field].map((n) => byName.get(n)).find((v) => v !== undefined && v !== null && v !== '');
    return { where, result: toDefect(get) };
  });
}

/**
 * Loads defects from a CSV export or a JSON file (told by content: JSON starts with `[` or
 * `{`). Throws one PhasegateError listing every bad row and every id listed twice.
 */
export function loadDefectsFile(file: string, opts: LoadFileOptions = {}): Defect[] {
  const f = inputFile(file, opts.cwd);
  const text = readText(f);
  const first = text.trimStart()[0];
  const rows = first === '[' || first === '{' ? fromJson(text, f) : fromCsv(text, f);
  const defects: Defect[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, Where>();
  for (const { where, result } of rows) {
    if ('error' in result) {
      diagnostics.push({ ...where, message: result.error });
      continue;
    }
    const before = seen.get(result.id);
    if (before) diagnostics.push({ ...where, message: `defect ${result.id} is listed twice (first at line ${before.line}); keep one` });
    else seen.set(result.id, where);
    defects.push(result);
  }
  if (diagnostics.length > 0) throw new PhasegateError(diagnostics);
  return defects;
}
