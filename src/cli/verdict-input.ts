/** Reads a JSON verdict written by `phasegate gate --format json`, validated against its schema. */
import { readFileSync } from 'node:fs';
import { PhasegateError } from '../errors.js';
import { assertValidVerdict, withNaCount } from '../gate/render/validate.js';
import type { Verdict } from '../gate/types.js';

/** The verdict in `file`; a PhasegateError naming the file when it is unreadable or invalid. */
export function readVerdictFile(file: string): Verdict {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PhasegateError({ file, message: `cannot read the verdict (${(err as Error).message.split('\n')[0]}); give a file written by phasegate gate --format json` });
  }
  assertValidVerdict(value, file);
  return withNaCount(value);
}
