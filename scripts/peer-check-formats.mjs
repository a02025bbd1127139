/**
 * phasegate's test counts against the peers' own expectations, for NUnit 2, xUnit.net, Mocha,
 * Dart and RSpec files in their fixture corpora (docs/evidence.md, "Counts against the peers").
 * Usage: npm run build && node scripts/peer-check-formats.mjs [PEERS_DIR]
 * PEERS_DIR (default ../peers) holds checkouts named EnricoMi (publish-unit-test-result-action)
 * and dorny (test-reporter); their files are read in place, nothing of theirs is copied here.
 * Prints a Markdown table: tests and runs as total/passed/failed/errored/skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TestTally, readTestReport } from '../dist/evidence/tests/index.js';

const P = path.resolve(process.argv[2] ?? '../peers');
const E = `${P}/EnricoMi/python/test/files`;
const D = `${P}/dorny/__tests__`;
const enrico = (f) => {
  const r = f.replace(/\.(xml|json)$/, '.results.json');
  if (!existsSync(r)) return undefined;
  const s = JSON.parse(readFileSync(r, 'utf8')).stats;
  return { tests: [s.tests, s.tests_succ, s.tests_fail, s.tests_error, s.tests_skip], runs: [s.runs, s.runs_succ, s.runs_fail, s.runs_error, s.runs_skip], errors: s.errors };
};
const dorny = (md) => {
  if (md === 0) return { tests: [0, 0, 0, 0, 0] };
  const row = readFileSync(`${D}/__outputs__/${md}`, 'utf8').split('\n').find((l) => l.startsWith('|[fixtures/'));
  const cells = row.split('|').slice(2, 5).map((c) => Number((c.match(/\d+/) ?? ['0'])[0]));
  const [p, f, s] = cells;
  return { tests: [p + f + s, p, f, 0, s] }; // dorny has no errored: failed = failed + errored
};
const FILES = [
  ...['nunit/mstest/pickles', ...['NUnit-correct', 'NUnit-correct2', 'NUnit-correct3', 'NUnit-failure', 'NUnit-healthReport', 'NUnit-ignored', 'NUnit-issue1077', 'NUnit-issue5674', 'NUnit-issue6353', 'NUnit-multinamespace', 'NUnit-sec1752-file', 'NUnit-sec1752-https', 'NUnit-simple', 'NUnit', 'NUnitUnicode'].map((n) => `nunit/nunit3/jenkins/${n}`)].map((n) => ['EnricoMi', `${E}/${n}.xml`]),
  ...['xunit/mstest/fixie', 'xunit/mstest/pickles', ...[1, 2, 3, 4, 5, 6].map((i) => `xunit/mstest/jenkinsci/testcase${i}`)].map((n) => ['EnricoMi', `${E}/${n}.xml`]),
  ['EnricoMi', `${E}/mocha/tests.json`], ['EnricoMi', `${E}/dart/json/tests.json`],
  ['dorny', `${D}/fixtures/mocha-json.json`, 'mocha-json.md'], ['dorny', `${D}/fixtures/empty/mocha-json.json`, 0],
  ['dorny', `${D}/fixtures/external/mocha/mocha-test-results.json`, 'mocha-test-results.md'],
  ['dorny', `${D}/fixtures/dart-json.json`, 'dart-json.md'], ['dorny', `${D}/fixtures/empty/dart-json.json`, 0],
  ['dorny', `${D}/fixtures/external/flutter/provider-test-results.json`, 'provider-test-results.md'],
  ['dorny', `${D}/fixtures/rspec-json.json`, 'rspec-json.md'], ['dorny', `${D}/fixtures/empty/rspec-json.json`, 0],
];
const RANK = { passed: 1, skipped: 0, failed: 2, errored: 3 };
const IDX = { passed: 1, failed: 2, errored: 3, skipped: 4 };
const rows = [];
for (const [peer, file, md] of FILES) {
  const runs = [0, 0, 0, 0, 0];
  const tests = new Map();
  const tally = new TestTally();
  const sink = { add(r) { tally.add(r); runs[0]++; runs[IDX[r.outcome]]++; const k = `${r.suite}\0${r.classname}\0${r.name}`; const o = tests.get(k); if (!o || RANK[r.outcome] > RANK[o]) tests.set(k, r.outcome); } };
  let fmt, err;
  try { fmt = await readTestReport(file, file.split('/').pop(), sink, (p) => p); } catch (e) { err = e.message; }
  const t = [tests.size, 0, 0, 0, 0];
  for (const o of tests.values()) t[IDX[o]]++;
  const exp = peer === 'EnricoMi' ? enrico(file) : dorny(md);
  const exc = peer === 'EnricoMi' && existsSync(file.replace(/\.(xml|json)$/, '.exception'));
  const cmpT = exp && exp.tests.join() === (peer === 'dorny' ? [t[0], t[1], t[2] + t[3], 0, t[4]] : t).join();
  const cmpR = exp?.runs ? exp.runs.join() === runs.join() : undefined;
  rows.push({ peer, file: file.replace(`${P}/`, '').replace('python/test/files/', '').replace('__tests__/fixtures/', ''), fmt: fmt ?? '-', err, phasegateTests: t.join('/'), peerTests: exp?.tests.join('/') ?? (exc ? 'exception' : '?'), testsEqual: cmpT, phasegateRuns: runs.join('/'), peerRuns: exp?.runs?.join('/') ?? '', runsEqual: cmpR });
}
console.log('| peer file | format | phasegate tests (total/passed/failed/errored/skipped) | peer tests | = | phasegate runs | peer runs | = |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.file} | ${r.err ? 'error: ' + r.err.slice(0, 120) : r.fmt} | ${r.phasegateTests} | ${r.peerTests} | ${r.testsEqual === undefined ? '' : r.testsEqual ? 'yes' : '**no**'} | ${r.phasegateRuns} | ${r.peerRuns} | ${r.runsEqual === undefined ? '' : r.runsEqual ? 'yes' : '**no**'} |`);
