/**
 * `require` for the CommonJS packages on start-up paths (saxes, tinyglobby, safe-stable-stringify).
 * A CommonJS package imported from ESM goes through Node's export lexer and an ESM wrapper,
 * which made loading it 2–6× slower than `require` (saxes ~50 → ~16 ms cold); `collect` of a
 * small file is mostly module loading, so its readers load their packages this way.
 */
import { createRequire } from 'node:module';

/** Node's `require`, resolving from this package. Type the result with `typeof Pkg` of an `import type * as Pkg`. */
export const requireCjs = createRequire(import.meta.url);
