/** Line-by-line streaming of text reports (LCOV, TAP, `go test -json`): bounded memory, located errors. */
import { EncodingError, readText } from './decode.js';
import { fileError } from './files.js';

const MAX_LINE = 1 << 20;

/**
 * Calls `onLine(text, start, end, lineNo)` for every line of `file`, where the line is
 * `text.slice(start, end)` without its `\n` (a `\r` before it is left to the caller, which can
 * then read the line in place without slicing). Returns the number of lines.
 */
export async function readLines(
  file: string,
  shown: string,
  onLine: (text: string, start: number, end: number, lineNo: number) => void,
): Promise<number> {
  let lineNo = 0;
  let rest = '';
  try {
    for await (const chunk of readText(file, shown, false)) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        onLine(text, start, nl, ++lineNo);
        start = nl + 1;
      }
      rest = text.slice(start);
      if (rest.length > MAX_LINE) throw fileError(shown, 'line longer than 1 MB; this is not a line-based report', lineNo + 1, 1);
    }
  } catch (err) {
    if (err instanceof EncodingError) {
      const before = rest + err.validPrefix;
      throw fileError(shown, `not valid ${err.encoding}; save the report as UTF-8`, lineNo + before.split('\n').length, 1);
    }
    throw err;
  }
  if (rest) onLine(rest, 0, rest.length, ++lineNo);
  return lineNo;
}

/** The line `text.slice(start, end)` without a trailing `\r`. */
export function lineAt(text: string, start: number, end: number): string {
  return text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
}
