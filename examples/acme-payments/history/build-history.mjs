#!/usr/bin/env node
// Builds twelve simulated weeks of acme-payments history (31 Aug – 20 Nov 2026) in a history
// store: CI runs, gate verdicts, work items, production deployments and incidents. The facts
// are fixed (no randomness), so the KPIs they give can be checked by hand; test/cli/history.test.ts
// does that, on the file store and on PostgreSQL.
//
//   npm run build && node examples/acme-payments/history/build-history.mjs [--store URL]
//   node bin/phasegate.js metrics --project acme-payments --store URL \
//     --plan examples/acme-payments/.phasegate/plan.yaml --defects examples/acme-payments/defects.csv --as-of 2026-11-21
import { openStore, recordId } from '../../../dist/store/open.js';

const PROJECT = 'acme-payments';
const base = (kind, id, time) => ({ schemaVersion: 1, kind, id, project: PROJECT, time: new Date(time).toISOString() });
const HOUR = 3_600_000;

/** Work items: [id, type, phase, in-progress day, done day (or null)]. */
const ITEMS = [
  ['PAY-101', 'feature', 'implementation', '2026-09-28', '2026-10-02'],
  ['PAY-102', 'feature', 'implementation', '2026-09-30', '2026-10-09'],
  ['PAY-103', 'feature', 'implementation', '2026-10-05', '2026-10-16'],
  ['PAY-104', 'feature', 'implementation', '2026-10-12', '2026-10-23'],
  ['PAY-105', 'feature', 'implementation', '2026-10-19', '2026-10-30'],
  ['PAY-106', 'feature', 'implementation', '2026-10-26', '2026-11-13'],
  ['PAY-201', 'task', 'testing', '2026-11-09', '2026-11-19'],
  ['PAY-202', 'task', 'testing', '2026-11-16', null],
];

/** Verdicts: [phase, day, status]. Requirements passed a day late; design failed once. */
const VERDICTS = [
  ['requirements', '2026-09-12', 'pass'],
  ['design', '2026-09-25', 'fail'],
  ['design', '2026-09-29', 'pass'],
  ['implementation', '2026-11-13', 'pass'],
  ['testing', '2026-11-20', 'fail'],
];

/** Production deployments: [day, hours from first commit to deploy, status]. */
const DEPLOYMENTS = [
  ['2026-10-02', 30, 'success'],
  ['2026-10-09', 40, 'success'],
  ['2026-10-16', 24, 'success'],
  ['2026-10-23', 20, 'success'],
  ['2026-10-27', 26, 'success'],
  ['2026-10-30', 30, 'success'],
  ['2026-11-03', 44, 'success'],
  ['2026-11-06', 50, 'rolled_back'],
  ['2026-11-10', 60, 'success'],
  ['2026-11-13', 72, 'success'],
  ['2026-11-17', 96, 'success'],
  ['2026-11-20', 120, 'success'],
];

function workItems() {
  const out = [];
  for (const [itemId, type, phase, started, done] of ITEMS) {
    out.push({ ...base('workitem', `${itemId}-start`, `${started}T09:00:00Z`), itemId, type, phase, state: 'in-progress' });
    if (done) out.push({ ...base('workitem', `${itemId}-done`, `${done}T17:00:00Z`), itemId, type, phase, state: 'done' });
  }
  // A requirement added after the 15 October freeze: requirement churn.
  out.push({ ...base('workitem', 'REQ-009-open', '2026-10-20T10:00:00Z'), itemId: 'REQ-009', type: 'requirement', phase: 'requirements', state: 'open', title: 'Fee waiver for staff accounts' });
  return out;
}

function deployments() {
  return DEPLOYMENTS.map(([day, leadHours, status], i) => {
    const time = Date.parse(`${day}T16:00:00Z`);
    const version = `1.4.${i}`;
    return { ...base('deployment', `deploy-${version}`, time), environment: 'production', version, commit: `c${i}`, commitTime: new Date(time - leadHours * HOUR).toISOString(), status };
  });
}

function incidents() {
  return [
    // Caused by the 13 November deployment; restored in 3 hours.
    { ...base('incident', 'INC-71', '2026-11-13T18:00:00Z'), severity: 'major', resolved: '2026-11-13T21:00:00.000Z', deployment: 'deploy-1.4.9' },
    // A network outage, not caused by a deployment; restored in 5 hours.
    { ...base('incident', 'INC-72', '2026-11-18T02:00:00Z'), severity: 'minor', resolved: '2026-11-18T07:00:00.000Z' },
  ];
}

/** One CI run on main each working day from 28 September; the fx rounding test flips on 18 November. */
function runs() {
  const out = [];
  for (let t = Date.parse('2026-09-28T12:00:00Z'); t <= Date.parse('2026-11-20T12:00:00Z'); t += 24 * HOUR) {
    const day = new Date(t).getUTCDay();
    if (day === 0 || day === 6) continue;
    const date = new Date(t).toISOString().slice(0, 10);
    const failed = date >= '2026-11-18' ? 1 : 0;
    const tests = [{ id: 'tests/fx.test.ts::convert::rounds half away from zero', outcome: failed ? 'failed' : 'passed', duration: 0.004 }];
    out.push({
      ...base('run', recordId(PROJECT, 'run', 'ci', date), t),
      pipeline: 'ci',
      buildId: date,
      commit: `sha-${date}`,
      branch: 'main',
      metrics: { 'tests.total': 21, 'tests.failed': failed, 'tests.passRate': failed ? 95 : 100, 'coverage.line': 75.42 },
      tests,
    });
  }
  return out;
}

function verdicts() {
  return VERDICTS.map(([phase, day, status]) => ({ ...base('verdict', `verdict-${phase}-${day}`, `${day}T12:30:00Z`), phase, status, policy: PROJECT, rules: {} }));
}

/** All the records, in no particular order: the store orders them. */
export function history() {
  return [...workItems(), ...deployments(), ...incidents(), ...runs(), ...verdicts()];
}

async function main() {
  const i = process.argv.indexOf('--store');
  const url = i > 0 ? process.argv[i + 1] : 'file:.phasegate/history';
  const store = await openStore(url);
  try {
    const records = history();
    const added = await store.append(records);
    console.log(`recorded ${added} of ${records.length} records for ${PROJECT} (the rest were already there)`);
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
