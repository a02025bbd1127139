/**
 * The phasegate CLI as one file, shipped in the Jenkins library's resources/ (written out by
 * the library's steps with `libraryResource` and run with the agent's Node.js ≥ 20).
 * `npm run bundle` builds it; CI fails when the committed file differs.
 */
import { run } from '../cli/main.js';

process.exitCode = await run(process.argv.slice(2));
