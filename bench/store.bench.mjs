// History store: 100,000 run records. File store: append throughput in fsync'd batches of
// 1,000 (target >= 5,000 records/s) and the time to query all of them back. PostgreSQL (a
// throwaway server with default, durable settings): bulk ingest of all 100,000 in one append
// (target >= 10,000 records/s) and the query back. Medians of three runs, each on an empty store;
// also what one `phasegate record` step costs on a store of 100,000 (open, append 1, close).
// Usage: npm run build && node bench/store.bench.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../dist/store/open.js';
import { postgresMissing, startPostgres } from './pg-server.mjs';
import { median, report } from './stats.mjs';

const N = 100_000;
const BATCH = 1_000;
const RUNS = 3;

function records() {
  const metrics = (i) => ({
    'tests.total': 1200 + (i % 50), 'tests.failed': i % 3, 'tests.skipped': 4, 'tests.flaky': i % 2, 'tests.passRate': 99.75,
    'tests.duration': 312.5, 'coverage.line': 81.25, 'coverage.branch': 70.5, 'security.high': 0, 'security.medium': 2,
    'size.kloc': 48.2, 'analysis.warnings': 17,
  });
  return Array.from({ length: N }, (_, i) => ({
    schemaVersion: 1, kind: 'run', id: `run-${String(i).padStart(6, '0')}`, project: `project-${i % 20}`,
    time: new Date(Date.UTC(2025, 0, 1) + i * 300_000).toISOString(), pipeline: 'build-and-test', buildId: String(i),
    commit: (i * 2654435761).toString(16).padStart(40, '0').slice(0, 40), branch: i % 5 ? 'main' : `feature/${i % 7}`,
    metrics: metrics(i), tests: i % 4 ? undefined : [{ id: `suite::Class${i % 9}::test${i % 31}`, outcome: 'failed', duration: 0.5 }],
  })).map((r) => (r.tests ? r : (delete r.tests, r)));
}

/** Times `fn` in milliseconds. */
async function time(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function measure(label, url, rs, append) {
  const store = await openStore(url);
  try {
    const w = await time(() => append(store, rs));
    if (w.value !== N) throw new Error(`${label}: ${w.value} of ${N} records appended`);
    const q = await time(() => store.query({}));
    if (q.value.length !== N) throw new Error(`${label}: query returned ${q.value.length} of ${N} records`);
    return { rate: N / (w.ms / 1000), queryMs: q.ms };
  } finally {
    await store.close();
  }
}

async function inBatches(store, rs) {
  let added = 0;
  for (let i = 0; i < rs.length; i += BATCH) added += await store.append(rs.slice(i, i + BATCH));
  return added;
}

function summarise(label, runs, rateTarget, unit) {
  console.log(`${label}: ${runs.map((r) => `${r.rate.toFixed(0)} records/s, query ${r.queryMs.toFixed(0)} ms`).join('; ')}`);
  const okRate = report(`${label} ${unit}`, median(runs.map((r) => r.rate)), 'records/s', rateTarget, 'higher');
  const okQuery = report(`${label} query of all ${N.toLocaleString('en')}`, median(runs.map((r) => r.queryMs)), 'ms', 2000, 'lower');
  return okRate && okQuery;
}

async function fileBench(rs) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'phasegate-store-bench-'));
  try {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure('file', `file:${path.join(root, `s${i}`)}`, rs, inBatches));
    const ok = summarise('file store', runs, 5_000, `append (fsync'd batches of ${BATCH})`);
    const okOne = await oneRecordLatency(`file:${path.join(root, 's0')}`, rs[0]);
    return ok && okOne;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** What one `phasegate record` step costs: open a store of N records, append one, close. */
async function oneRecordLatency(url, sample) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const { ms } = await time(async () => {
      const store = await openStore(url);
      await store.append([{ ...sample, id: `one-${i}` }]);
      await store.close();
    });
    times.push(ms);
  }
  return report(`file store open + append 1 record + close, ${N.toLocaleString('en')} stored`, median(times), 'ms', 1000, 'lower');
}

async function postgresBench(rs) {
  const missing = postgresMissing();
  if (missing) {
    console.log(`PostgreSQL: skipped (${missing})`);
    return true;
  }
  const server = await startPostgres({ durable: true });
  try {
    const admin = new pg.Client(server.url);
    await admin.connect();
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      await admin.query(`CREATE DATABASE bench${i}`);
      runs.push(await measure('postgres', server.url.replace(/\/postgres$/, `/bench${i}`), rs, (s, all) => s.append(all)));
    }
    await admin.end();
    return summarise('PostgreSQL', runs, 10_000, 'bulk ingest (one append, one transaction)');
  } finally {
    server.stop();
  }
}

const rs = records();
const okFile = await fileBench(rs);
const okPg = await postgresBench(rs);
process.exitCode = okFile && okPg ? 0 : 1;
