/** Types of bundle-actions.mjs, for the tests of the action bundles. */

/** Every action under actions/, each bundled from src/actions/NAME.ts. */
export const ACTIONS: string[];
