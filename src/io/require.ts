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
 * no `require`, and this module's own loads the package from node_modules. One function per
 * package, so that a bundle holds only the packages its code loads (a health report never
 * parses XML or expands globs).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- literal requires, so that a bundler includes each package */
import { createRequire } from 'node:module';
import type Picomatch from 'picomatch';
import type * as Saxes from 'saxes';
import type * as Sss from 'safe-stable-stringify';
import type * as Tinyglobby from 'tinyglobby';

const nodeRequire = createRequire(import.meta.url);
const bundled = (): boolean => typeof require === 'function';

export const requirePicomatch = (): typeof Picomatch => (bundled() ? require('picomatch') : nodeRequire('picomatch')) as typeof Picomatch;
export const requireSaxes = (): typeof Saxes => (bundled() ? require('saxes') : nodeRequire('saxes')) as typeof Saxes;
export const requireStableStringify = (): typeof Sss => (bundled() ? require('safe-stable-stringify') : nodeRequire('safe-stable-stringify')) as typeof Sss;
export const requireTinyglobby = (): typeof Tinyglobby => (bundled() ? require('tinyglobby') : nodeRequire('tinyglobby')) as typeof Tinyglobby;
