/** Types of bundle.mjs: one-file ES module bundles for Node 20. */
import type { Metafile } from 'esbuild';

/** The banner that defines `require` for the bundled CommonJS code. */
export const BANNER: string;

/**
 * Bundles `entry` into `outfile`; resolves to the bundle's size in bytes. `minify` keeps function
 * and class names; `lean` leaves out what the code cannot reach (lean ECharts, side-effect-free
 * undici and tunnel); `metafile` receives esbuild's account of the inputs.
 */
export function bundle(entry: string, outfile: string, opts?: { minify?: boolean; lean?: boolean; metafile?: (meta: Metafile) => void }): Promise<number>;
