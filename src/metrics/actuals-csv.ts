/**
 * Actual costs from a CSV sheet (`actualsFile` of the plan): one row per booking with a
 * period (`YYYY-MM` or `YYYY-MM-DD`), a cost and optionally a phase. Column names are matched
 * case-insensitively (period/month/date, cost/amount/actual cost, phase).
 */
import type { Diagnostic } from '../errors.js';
import { PHASES } from '../policy/types.js';
import { didYouMean } from '../policy/suggest.js';
import { columnsOf, parseCsv } from './csv.js';
import type { InputFile } from './files.js';
import { readText } from './files.js';
import { bookingWindow } from './time.js';
import type { Phase, PlanActual } from './types.js';

const COLUMNS = {
  period: ['period', 'month', 'date', 'bookingdate'],
  cost: ['cost', 'amount', 'actualcost', 'actual', 'ac', 'spent'],
  phase: ['phase', 'stage'],
} as const;

/**
 * Parses a money amount: an optional sign, digits with `,` or `_` thousands separators, a `.`
 * decimal point, and a currency sign or ISO code before or after (`¥12,000.50`, `12000 CNY`).
 */
export function parseAmount(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/^(?:[A-Z]{3}|[$€£¥₹])\s*|\s*(?:[A-Z]{3}|[$€£¥₹])$/g, '')
    .replace(/[,_]/g, '');
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

function row(cells: string[], cols: { period: number; cost: number; phase?: number }, where: (m: string) => Diagnostic): PlanActual | Diagnostic {
  const period = (cells[cols.period] ?? '').trim();
  if (!bookingWindow(period)) return where(`invalid period "${period}" (use YYYY-MM or YYYY-MM-DD)`);
  const cost = parseAmount(cells[cols.cost] ?? '');
  if (cost === undefined) return where(`cost "${cells[cols.cost] ?? ''}" is not a number`);
  if (cost < 0) return where(`cost must not be negative (got ${cost})`);
  const phase = cols.phase === undefined ? '' : (cells[cols.phase] ?? '').trim().toLowerCase();
  if (phase && !(PHASES as readonly string[]).includes(phase)) return where(`unknown phase "${phase}"${didYouMean(phase, PHASES, ` (phases: ${PHASES.join(', ')})`)}`);
  return phase ? { period, cost, phase: phase as Phase } : { period, cost };
}

/** Reads the sheet; every bad row is reported (`file:line: message`). */
export function readActualsCsv(f: InputFile): { actuals: PlanActual[]; diagnostics: Diagnostic[] } {
  const [header, ...rows] = parseCsv(readText(f), f.shown);
  if (!header) return { actuals: [], diagnostics: [{ file: f.shown, message: 'empty cost sheet; give a header row with period and cost columns' }] };
  const cols = columnsOf(header.cells, COLUMNS);
  if (cols.period === undefined || cols.cost === undefined) {
    const missing = cols.period === undefined ? 'period' : 'cost';
    return { actuals: [], diagnostics: [{ file: f.shown, line: header.line, col: 1, message: `no ${missing} column (found: ${header.cells.join(', ')})` }] };
  }
  const actuals: PlanActual[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of rows) {
    const out = row(r.cells, { period: cols.period, cost: cols.cost, phase: cols.phase }, (message) => ({ file: f.shown, line: r.line, col: 1, message }));
    if ('message' in out) diagnostics.push(out);
    else actuals.push(out);
  }
  return { actuals, diagnostics };
}
