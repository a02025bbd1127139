/** Facts about the package, compiled into the code (src/generated/assets.ts) so that they hold bundled too. */
import { PACKAGE_VERSION } from '../generated/assets.js';

/** The version in package.json. */
export function packageVersion(): string {
  return PACKAGE_VERSION;
}
