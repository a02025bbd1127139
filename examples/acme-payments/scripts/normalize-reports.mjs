// Makes the committed reports independent of the machine that produced them:
// paths become relative to this project's root (examples/acme-payments), and the
// junit hostname is replaced. Timestamps and durations are left as the tools wrote them.
// Usage: node scripts/normalize-reports.mjs   (run from the project root, by regenerate.sh)
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve('.');
const rootUrl = pathToFileURL(root).href + '/';

function rewrite(file, transform) {
  const before = readFileSync(file, 'utf8');
  const after = transform(before);
  if (after.includes(root)) {
    throw new Error(`${file} still contains the absolute path ${root}`);
  }
  writeFileSync(file, after);
}

// SARIF: file:///abs/path/src/x.ts -> src/x.ts, relative to %SRCROOT% (the project root).
rewrite('reports/eslint.sarif', (text) => {
  const log = JSON.parse(text);
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      if (typeof node.uri === 'string' && node.uri.startsWith(rootUrl)) {
        node.uri = node.uri.slice(rootUrl.length);
        node.uriBaseId = '%SRCROOT%';
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(log);
  return JSON.stringify(log, null, 2) + '\n';
});

// JUnit: classnames are already relative; strip the root from any stack trace, fix the hostname.
rewrite('reports/junit.xml', (text) =>
  text.split(root + '/').join('').replace(/hostname="[^"]*"/g, 'hostname="localhost"'),
);

// Cobertura: <source> is the absolute project root; file names under it are already relative.
rewrite('reports/cobertura-coverage.xml', (text) =>
  text.replace(/<source>[^<]*<\/source>/g, '<source>.</source>'),
);

// LCOV: SF: lines are already relative; fail above if a tool version ever changes that.
rewrite('reports/lcov.info', (text) => text);
