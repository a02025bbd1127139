/** Types of bundle.mjs: one-file ES module bundles for Node 20. */

/** The banner that defines `require` for the bundled CommonJS code. */
export const BANNER: string;

/** Bundles `entry` into `outfile`; resolves to the bundle's size in bytes. `minify` keeps function and class names. */
export function bundle(entry: string, outfile: string, opts?: { minify?: boolean }): Promise<number>;
