/** Reads a JSON verdict written by `phasegate gate --format json`, validated against its schema. */
import { readFileSync } from 'node:fs';
import { PhasegateError } from '../errors.js';
import { jsonSyntaxError } from '../evidence/json-file.js';
import { assertValidVerdict, withNaCount } from '../gate/render/validate.js';
import type { Verdict } from '../gate/types.js';

/** The verdict in `file`; a PhasegateError naming the file when it is unreadable or invalid. */
export function readVerdictFile(file: string): Verdict {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PhasegateError({ file, message: `cannot read the verdict (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}); give a file written by phasegate gate --format json` });
  }
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
