/**
 * ajv as the code used to compile its schemas at run time: strict mode, all errors at once,
 * ajv-formats' formats. The run-time code now runs the standalone validators the build
 * generates (scripts/build-validators.mjs); tests compile the schemas afresh with this to
 * check those validators judge alike.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

/** A new ajv instance with `strict` and `allErrors` on and formats (date, date-time, uri…) added; `extra` adds options. */
export function newAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, ...extra });
  addFormats(ajv);
  return ajv;
}
