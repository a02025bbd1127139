/** The one ajv set-up every schema uses: strict mode, all errors at once, the standard formats. */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;

/** A new ajv instance with `strict` and `allErrors` on and formats (date, date-time, uri…) added; `extra` adds options. */
export function newAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, ...extra });
  addFormats(ajv);
  return ajv;
}
