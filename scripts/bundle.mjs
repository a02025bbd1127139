// Bundles an entry module and everything it imports (node_modules included) into one ES module
// file for Node 20, as an action's dist/index.js or the Jenkins library's CLI must be: nothing
// is looked up next to the file at run time. CommonJS packages bundled into ES module output
// call `require`; the banner defines it (under names that cannot clash with the bundled code).
// Usage: node scripts/bundle.mjs ENTRY OUTFILE   (prints the file and its size)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** What starts the bundle: a `require` for the bundled CommonJS code. */
export const BANNER = "import { createRequire as __phasegateCreateRequire } from 'node:module'; const require = __phasegateCreateRequire(import.meta.url);";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What `lean` changes, so that a bundle carries only what its code can reach:
 * - ECharts' prebuilt file (every chart and component, which unbundled Node loads fastest)
 *   becomes src/charts/echarts-lean.ts, which registers only what src/charts draws and lets
 *   esbuild leave the rest out;
 * - undici and tunnel (CommonJS packages that @actions/core's HTTP client imports for OIDC
 *   tokens, which the actions never ask for) are declared free of side effects, so each is left
 *   out unless something calls it (@actions/github's proxy-aware fetch calls undici).
 */
const leanPlugin = {
  name: 'phasegate-lean',
  setup(b) {
    b.onResolve({ filter: /^echarts\/dist\/echarts\.esm\.min\.mjs$/ }, () => ({ path: path.join(ROOT, 'src/charts/echarts-lean.ts') }));
    b.onResolve({ filter: /^(undici|tunnel)$/ }, async (args) => {
      if (args.pluginData?.lean) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { lean: true } });
      return r.errors.length ? { errors: r.errors } : { path: r.path, sideEffects: false };
    });
  },
};

/**
 * Bundles `entry` into `outfile`; resolves to the bundle's size in bytes. `minify` shortens the
 * code but keeps function and class names (keepNames), so errors still name what failed.
 * `lean` leaves out what the code cannot reach (leanPlugin); `metafile` receives esbuild's
 * account of every input, for checks of what a bundle holds.
 */
export async function bundle(entry, outfile, { minify = false, lean = false, metafile } = {}) {
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
    ...(lean ? { plugins: [leanPlugin] } : {}),
  });
  if (metafile) metafile(result.metafile);
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
