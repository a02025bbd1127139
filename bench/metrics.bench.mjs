// Metrics engine benchmarks (issue: KPIs over 100,000 run records < 500 ms; a 10,000-trial
// forecast < 100 ms). Medians of several runs, on the built dist/.
import { computeKpis, forecast, mulberry32 } from '../dist/metrics/index.js';
import { median, report, timeRuns } from './stats.mjs';

const project = 'bench';
const start = Date.parse('2026-01-05T00:00:00Z');
const iso = (ms) => new Date(ms).toISOString();
const base = (id, ms) => ({ schemaVersion: 1, id, project, time: iso(ms) });
const outcomes = ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed', 'flaky', 'skipped'];

// 100,000 runs over a year (one every ~5 minutes), 10 per-test outcomes each, on 20,000 commits.
const runs = Array.from({ length: 100_000 }, (_, i) => ({
  ...base(`run-${i}`, start + i * 315_000),
  kind: 'run',
  pipeline: 'ci',
  buildId: String(i),
  commit: `c${Math.floor(i / 5)}`,
  branch: i % 3 === 0 ? 'main' : `feature/${i % 50}`,
  metrics: { 'tests.total': 10, 'tests.passed': 8, 'tests.failed': 1, 'size.kloc': 100 + i / 1000 },
  tests: Array.from({ length: 10 }, (_, k) => ({ id: `suite::T${(i + k) % 400}`, outcome: outcomes[(i * 7 + k) % 10], duration: ((i + k) % 13) / 10 })),
}));
const asOf = new Date(start + 100_000 * 315_000);
// 600 work items; 450 done at random times (so weekly throughput varies), 150 open.
const rand = mulberry32(42);
const items = [];
for (let i = 0; i < 600; i++) {
  items.push({ ...base(`wi-${i}-o`, start + i * 3_600_000), kind: 'workitem', itemId: `W-${i}`, type: i % 5 ? 'task' : 'requirement', state: 'open' });
  if (i < 450) items.push({ ...base(`wi-${i}-d`, start + (0.05 + 0.95 * rand() ** 0.7) * (asOf - start)), kind: 'workitem', itemId: `W-${i}`, type: 'task', state: 'done' });
}
const deployments = Array.from({ length: 700 }, (_, i) => ({ ...base(`dep-${i}`, start + i * 45_000_000), kind: 'deployment', environment: 'production', version: `v${i}`, commit: `c${i}`, commitTime: iso(start + i * 45_000_000 - 7_200_000), status: i % 20 ? 'success' : 'rolled_back' }));
const incidents = Array.from({ length: 40 }, (_, i) => ({ ...base(`inc-${i}`, start + i * 780_000_000), kind: 'incident', severity: 'major', resolved: iso(start + i * 780_000_000 + 5_400_000), deployment: `dep-${i * 17}` }));
const records = [...runs, ...items, ...deployments, ...incidents];
const plan = {
  project,
  budget: 1_200_000,
  due: '2027-03-31',
  start: '2026-01-05',
  phases: { implementation: { start: '2026-01-05', finish: '2027-02-28' } },
  workItems: Array.from({ length: 600 }, (_, i) => ({ id: `W-${i}`, phase: 'implementation', weight: 1 + (i % 3) })),
  actuals: Array.from({ length: 12 }, (_, m) => ({ period: `2026-${String(m + 1).padStart(2, '0')}`, cost: 80_000 })),
};
const defects = Array.from({ length: 2000 }, (_, i) => ({ id: `D-${i}`, severity: ['critical', 'high', 'medium', 'low'][i % 4], opened: iso(start + i * 15_000_000), commits: [`c${i}`], files: [`src/f${i % 300}.ts`] }));

const input = { project, asOf, records, plan, defects, evidence: { 'size.kloc': 200, 'size.newKloc': 3 }, options: { change: { files: ['src/f1.ts'] } } };
const r = computeKpis(input);
console.log(`  (${records.length} records; ${Object.keys(r.kpis).length} KPIs, ${r.notMeasured.length} not measured, ${r.warnings.length} warnings)`);
const kpiTimes = timeRuns(() => computeKpis(input), 7, 2);
report('computeKpis: 100,000 run records (+ plan, 2,000 defects, deployments), median of 7', median(kpiTimes), 'ms', 500);

const fcInput = { project, asOf, records: items, plan, trials: 10_000 };
const f = forecast(fcInput);
console.log(`  (forecast: ${f.remaining} remaining, P50 ${f.p50}, P85 ${f.p85}, P95 ${f.p95}, on time ${f.onTimeProbability?.toFixed(1)} %)`);
const fcTimes = timeRuns(() => forecast(fcInput), 15, 3);
report('forecast: 10,000 Monte Carlo trials (1,050 work-item records), median of 15', median(fcTimes), 'ms', 100);
