/**
 * The run-time helpers ajv's standalone validators call (src/generated/validate-*.ts, written
 * by scripts/build-validators.mjs): string length in code points, deep equality, and
 * ajv-formats' format checks. ajv's code `require`s them; the generator turns each `require`
 * into an import from here, which works alike from dist/ under Node and inside a bundle.
 */
import ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import equalModule from 'ajv/dist/runtime/equal.js';

export { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The function a CommonJS module exports as `exports.default`. Node (and esbuild for a
 * `"type": "module"` package) give the default import as the whole `module.exports`; other
 * interop gives `exports.default` itself: accept both.
 */
function cjsDefault<F>(mod: unknown): F {
  return (typeof mod === 'function' ? mod : (mod as { default: F }).default) as F;
}

export const ucs2length = cjsDefault<(text: string) => number>(ucs2lengthModule);
export const equal = cjsDefault<(a: unknown, b: unknown) => boolean>(equalModule);
