// `npm run bundle`: bundles each GitHub Action's entry (src/actions/<name>.ts) into the one file
// its action.yml runs, actions/<name>/dist/index.js, committed so that `uses:` works without an
// install step. CI runs this again and fails when a bundle differs from the committed one.
// Minified (names kept): unminified, undici alone (the HTTP client of @actions/*) passes 900 KB
// and the phase-gate bundle 2.2 MB; a stack trace is never shown to users anyway. Lean: what an
// action's code cannot reach is left out (scripts/bundle.mjs), so phase-gate stays under its
// 1.5 MB target (the others have no size target); test/github/action-bundles.test.ts checks
// what each bundle holds.
// It also bundles the whole CLI into the Jenkins library (JENKINS_CLI): the library's steps write
// it out with `libraryResource` and run it on the agent's Node.js, so agents need no npm access.
// Usage: node scripts/bundle-actions.mjs [NAME…]   (prints each bundle and its size; NAME `jenkins` is the CLI's)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTIONS = ['phase-gate', 'collect-metrics', 'health-report'];
/** Where the Jenkins library keeps the bundled CLI (a `libraryResource` path under resources/). */
export const JENKINS_CLI = 'jenkins-plugin-bridge/resources/io/phasegate/phasegate.mjs';

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : [...ACTIONS, 'jenkins'];
  for (const name of names) {
    if (name === 'jenkins') {
      const bytes = await bundle(path.join(root, 'src/jenkins/cli-entry.ts'), path.join(root, JENKINS_CLI), { minify: true, lean: true });
      console.log(`${JENKINS_CLI}: ${(bytes / 1024).toFixed(0)} KiB`);
      continue;
    }
    if (!ACTIONS.includes(name)) {
      console.error(`unknown bundle "${name}"; one of ${ACTIONS.join(', ')}, jenkins`);
      process.exitCode = 2;
      continue;
    }
    const out = path.join(root, 'actions', name, 'dist', 'index.js');
    const bytes = await bundle(path.join(root, 'src', 'actions', `${name}.ts`), out, { minify: true, lean: true });
    console.log(`actions/${name}/dist/index.js: ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
