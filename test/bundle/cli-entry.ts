/** The whole CLI as one file (what the Jenkins library will ship): test/bundle/bundle.test.ts runs it bundled. */
import { run } from '../../src/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
