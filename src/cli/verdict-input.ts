/** Reads a JSON verdict written by `phasegate gate --format json`, validated against its schema. */
import { PhasegateError } from '../errors.js';
import { jsonSyntaxError } from '../evidence/json-file.js';
import { readRegularFile } from '../io/regular-file.js';
import { assertValidVerdict, withNaCount } from '../gate/render/validate.js';
import type { Verdict } from '../gate/types.js';

/** A verdict larger than this is refused before reading: real ones are far smaller. */
export const MAX_VERDICT_BYTES = 64 * 1024 * 1024;

/** The verdict in `file`; a PhasegateError naming the file when it is unreadable or invalid. */
export function readVerdictFile(file: string): Verdict {
  // Only a regular file, capped before reading (a FIFO or a device would hang or never end).
  const bytes = readRegularFile(file, file, MAX_VERDICT_BYTES);
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Located by line and column; the engine's message would quote the start of the file.
    const e = jsonSyntaxError(text, file).diagnostics[0]!;
    throw new PhasegateError({ ...e, message: `${e.message}; expected a JSON verdict written by phasegate gate --format json` });
  }
  assertValidVerdict(value, file);
  return withNaCount(value);
}
