/**
 * `require` for the CommonJS packages on start-up paths (saxes, tinyglobby, picomatch,
 * safe-stable-stringify). A CommonJS package imported from ESM goes through Node's export lexer
 * and an ESM wrapper, which made loading it 2–6× slower than `require` (saxes ~50 → ~16 ms
 * cold); `collect` of a small file is mostly module loading, so its readers load their packages
 * this way.
 *
 * The core also runs bundled into one file (scripts/bundle.mjs), where nothing is found next
 * to the file: there the bundle's banner defines `require`, and esbuild puts each package a
 * literal `require('…')` below names into the bundle. Under plain Node's ES modules there is
 * no `require`, and this module's own loads the package from node_modules.
 */
import { createRequire } from 'node:module';

/** The packages loaded this way. */
export type CjsPackage = 'picomatch' | 'safe-stable-stringify' | 'saxes' | 'tinyglobby';

const nodeRequire = createRequire(import.meta.url);

/** The package's exports; type them with `typeof Pkg` of an `import type * as Pkg`. */
export function requireCjs(id: CjsPackage): unknown {
  if (typeof require === 'function') {
    /* eslint-disable @typescript-eslint/no-require-imports -- literal requires, so that a bundler includes each package */
    switch (id) {
      case 'picomatch':
        return require('picomatch');
      case 'safe-stable-stringify':
        return require('safe-stable-stringify');
      case 'saxes':
        return require('saxes');
      case 'tinyglobby':
        return require('tinyglobby');
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return nodeRequire(id);
}
