/** Types of build-assets.mjs, for the test that checks src/generated/assets.ts is current. */
export const ROOT: string;
export const ASSETS_FILE: string;
export const TIER_FILES: string[];
/** The text of src/generated/assets.ts for the package at `root`. */
export function assetsSource(root?: string): string;
