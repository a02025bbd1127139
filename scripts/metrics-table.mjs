// Prints the README's metric table from the metric catalogue (src/catalog/metrics.ts).
// `node scripts/metrics-table.mjs --write` rewrites the table between the README markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { METRICS } from '../dist/catalog/metrics.js';

/** The Markdown table of every metric name. */
export function metricsTable() {
  const rows = METRICS.map((m) => `| \`${m.name}\` | ${m.unit} | ${m.better} | ${m.description}${m.newCounterpart ? ` (\`scope: new\` reads \`${m.newCounterpart}\`)` : ''} |`);
  return ['| metric | unit | better | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const next = readme.replace(/(<!-- metrics:start -->\n)[\s\S]*?(\n<!-- metrics:end -->)/, `$1${metricsTable()}$2`);
  writeFileSync('README.md', next);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(metricsTable());
}
