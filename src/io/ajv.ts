/**
 * The one ajv set-up every schema uses: strict mode, all errors at once, the standard formats.
 * ajv and ajv-formats are loaded on the first `newAjv()` call, not when this module is
 * imported: loading them costs a cold CLI run more than the rest of `collect` on a small file.
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv, Options } from 'ajv';

const require = createRequire(import.meta.url);

let loaded: { Ajv: typeof Ajv; addFormats: (a: Ajv) => Ajv } | undefined;

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    // Both are CommonJS; ajv-formats' default export may arrive wrapped.
    const formats = require('ajv-formats') as { default?: unknown };
    loaded = {
      Ajv: (require('ajv') as typeof AjvModule).Ajv,
      addFormats: (formats.default ?? formats) as (a: Ajv) => Ajv,
    };
  }
  return loaded;
}

/** A new ajv instance with `strict` and `allErrors` on and formats (date, date-time, uri…) added; `extra` adds options. */
export function newAjv(extra: Options = {}): Ajv {
  const { Ajv: AjvClass, addFormats } = load();
  const ajv = new AjvClass({ strict: true, allErrors: true, ...extra });
  addFormats(ajv);
  return ajv;
}
