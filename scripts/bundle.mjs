// Bundles an entry module and everything it imports (node_modules included) into one ES module
// file for Node 20, as an action's dist/index.js or the Jenkins library's CLI must be: nothing
// is looked up next to the file at run time. CommonJS packages bundled into ES module output
// call `require`; the banner defines it (under names that cannot clash with the bundled code).
// Usage: node scripts/bundle.mjs ENTRY OUTFILE   (prints the file and its size)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** What starts the bundle: a `require` for the bundled CommonJS code. */
export const BANNER = "import { createRequire as __phasegateCreateRequire } from 'node:module'; const require = __phasegateCreateRequire(import.meta.url);";

/**
 * Bundles `entry` into `outfile`; resolves to the bundle's size in bytes. `minify` shortens the
 * code but keeps function and class names (keepNames), so errors still name what failed.
 */
export async function bundle(entry, outfile, { minify = false } = {}) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: BANNER },
    legalComments: 'none',
    ...(minify ? { minify: true, keepNames: true } : {}),
    metafile: true,
    logLevel: 'warning',
  });
  const out = Object.entries(result.metafile.outputs).find(([file]) => path.resolve(file) === path.resolve(outfile));
  return out[1].bytes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [entry, outfile] = process.argv.slice(2);
  if (!entry || !outfile) {
    console.error('usage: node scripts/bundle.mjs ENTRY OUTFILE');
    process.exitCode = 2;
  } else {
    const bytes = await bundle(entry, outfile);
    console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
