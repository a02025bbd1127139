/**
 * Streaming CSV (RFC 4180 as JMeter and Locust write it): comma-separated, fields quoted with
 * `"` when they hold a comma, a quote (doubled) or a line break, so one record may span lines.
 * The first record is the header. Memory holds one record at a time.
 */
import { fileError } from '../files.js';
import { lineAt, readLines } from '../lines.js';

/** A record too long to be a report row: most likely a quote that never closes. */
const MAX_RECORD = 1 << 20;

/** Splits one complete record into fields. */
export function splitCsv(record: string): string[] {
  if (!record.includes('"')) return record.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (record[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** True when `text` leaves a quoted field open (an odd number of quotes). */
function opensQuote(text: string, open: boolean): boolean {
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

/**
 * Calls `onRecord(fields, line)` for every record after the header, with the line the record
 * starts on; `onHeader` first, with the header's fields. Blank lines are skipped.
 */
export async function readCsv(
  file: string,
  shown: string,
  onHeader: (fields: string[]) => void,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  let pending = '';
  let open = false;
  let startLine = 0;
  let header = true;
  await readLines(file, shown, (text, start, end, lineNo) => {
    const line = lineAt(text, start, end);
    if (!open) {
      if (line.length === 0) return;
      startLine = lineNo;
      pending = line;
    } else {
      pending += '\n' + line;
      if (pending.length > MAX_RECORD) throw fileError(shown, 'a quoted field never closes (a record longer than 1 MB)', startLine, 1);
    }
    open = opensQuote(line, open);
    if (open) return;
    const fields = splitCsv(header ? pending.replace(/^\uFEFF/, '') : pending);
    pending = '';
    if (header) {
      header = false;
      onHeader(fields);
    } else onRecord(fields, startLine);
  });
  if (open) throw fileError(shown, 'a quoted field never closes', startLine, 1);
  if (header) onHeader([]);
}
