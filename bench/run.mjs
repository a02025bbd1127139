// Runs every bench/*.bench.mjs in its own process (so memory figures do not mix) and
// prints their figures. Usage: npm run bench [-- NAME-FILTER]; `npm run bench -- huge` runs
// the 1 GB case of scale.bench.mjs (minutes, ~1 GB in the temp dir), which is left out otherwise.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const huge = filter === 'huge';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.mjs') && (huge ? f === 'scale.bench.mjs' : f.includes(filter))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}${huge ? ' huge' : ''}`);
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(here, f), ...(huge ? ['huge'] : [])], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
