#!/usr/bin/env node
// Reads the test-report corpora of peer projects with phasegate's collector and compares the
// counts with what each peer's own test suite expects. Nothing of the peers is kept here: point
// the script at a checkout of their repositories.
//
//   npm run build && node scripts/peer-corpus.mjs \
//     --enricomi DIR/publish-unit-test-result-action --dorny DIR/test-reporter [--verbose]
//
// EnricoMi: python/test/files/**/X.{xml,trx,json} beside X.results.json (stats.runs*, every
// test-case element counted), or X.exception when the peer refuses the file.
// dorny: __tests__/__outputs__/*.md; the first report row names the fixture and gives
// passed / failed (errors included) / skipped.
// Exit 0 when every comparable file agrees, 1 otherwise.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { collectEvidence } = await import(path.join(here, '..', 'dist', 'evidence', 'index.js'));

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes('--verbose');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** phasegate's counts for one file, or the one-line error it gives. */
async function read(file) {
  try {
    const b = await collectEvidence({ junit: [file], coverage: [], sarif: [], docs: [], cwd: path.dirname(file), perf: [] });
    const m = b.metrics;
    return { passed: m['tests.passed'] ?? 0, failed: m['tests.failed'] ?? 0, errored: m['tests.errored'] ?? 0, skipped: m['tests.skipped'] ?? 0, total: m['tests.total'] ?? 0, format: b.sources[0]?.format };
  } catch (err) {
    return { error: String(err?.message ?? err).split('\n')[0] };
  }
}

function enricomiCases(root) {
  const files = path.join(root, 'python', 'test', 'files');
  const cases = [];
  for (const f of walk(files)) {
    const m = /^(.*)\.(xml|trx|json)$/.exec(f);
    if (!m || f.endsWith('.results.json')) continue;
    const results = `${m[1]}.results.json`;
    if (existsSync(`${m[1]}.exception`)) cases.push({ peer: 'EnricoMi', file: f, refuse: true });
    else if (existsSync(results)) {
      const s = JSON.parse(readFileSync(results, 'utf8')).stats;
      if (s.errors?.length) continue; // the peer read it with parse errors: nothing exact to compare
      cases.push({ peer: 'EnricoMi', file: f, want: { total: s.runs, passed: s.runs_succ, failed: s.runs_fail, errored: s.runs_error, skipped: s.runs_skip } });
    }
  }
  return cases;
}

function dornyCases(root) {
  const tests = path.join(root, '__tests__');
  const cases = [];
  const num = (cell) => Number((cell.match(/\d+/) ?? ['0'])[0]);
  for (const md of walk(path.join(tests, '__outputs__'))) {
    const row = readFileSync(md, 'utf8').split('\n').find((l) => /^\|\[.+\]\(#/.test(l));
    if (!row) continue;
    const cells = row.split('|').slice(1, -1);
    const rel = /^\[(.+?)\]/.exec(cells[0])[1].replace(/\\/g, '/');
    const file = path.join(tests, rel);
    if (!existsSync(file)) continue;
    cases.push({ peer: 'dorny', file, want: { passed: num(cells[1]), failedOrErrored: num(cells[2]), skipped: num(cells[3]) } });
  }
  return cases;
}

function compare(c, got) {
  if (c.refuse) return got.error ? 'refused' : 'read (peer refuses)';
  if (got.error) return `error: ${got.error}`;
  const w = c.want;
  const diffs = [];
  if (w.total !== undefined && w.total !== got.total) diffs.push(`total ${got.total}≠${w.total}`);
  if (w.passed !== got.passed) diffs.push(`passed ${got.passed}≠${w.passed}`);
  if (w.failed !== undefined && w.failed !== got.failed) diffs.push(`failed ${got.failed}≠${w.failed}`);
  if (w.errored !== undefined && w.errored !== got.errored) diffs.push(`errored ${got.errored}≠${w.errored}`);
  if (w.failedOrErrored !== undefined && w.failedOrErrored !== got.failed + got.errored) diffs.push(`failed+errored ${got.failed + got.errored}≠${w.failedOrErrored}`);
  if (w.skipped !== got.skipped) diffs.push(`skipped ${got.skipped}≠${w.skipped}`);
  return diffs.length ? diffs.join(', ') : 'same';
}

const cases = [];
if (opt('--enricomi')) cases.push(...enricomiCases(opt('--enricomi')));
if (opt('--dorny')) cases.push(...dornyCases(opt('--dorny')));
if (cases.length === 0) {
  console.error('usage: node scripts/peer-corpus.mjs --enricomi DIR --dorny DIR [--verbose]');
  process.exit(2);
}
let agree = 0;
const rows = [];
for (const c of cases) {
  const got = await read(c.file);
  const verdict = compare(c, got);
  const ok = verdict === 'same' || verdict === 'refused';
  if (ok) agree++;
  if (!ok || verbose) rows.push(`${ok ? 'ok  ' : 'DIFF'} ${c.peer.padEnd(8)} ${(got.format ?? '-').padEnd(12)} ${path.relative(process.cwd(), c.file)}: ${verdict}`);
}
console.log(rows.join('\n'));
console.log(`\n${agree} of ${cases.length} files agree with the peers' expectations`);
process.exitCode = agree === cases.length ? 0 : 1;
