// Forecast benchmarks (issue 14: a 10,000-trial forecast < 100 ms; the back-test over 52 cuts
// < 1 s). Medians of several runs, on the built dist/. The history is a growing backlog in
// weight (the plan gives every item a weight), with a partial oldest week, so the weighted
// draw and the censored scoring are both exercised.
import { backtest, forecast, mulberry32 } from '../dist/metrics/index.js';
import { median, report, timeRuns } from './stats.mjs';

const project = 'bench';
const DAY = 86_400_000;
const start = Date.parse('2025-01-08T09:00:00Z'); // a Wednesday: the oldest week is partial
const iso = (ms) => new Date(ms).toISOString();
const base = (id, ms) => ({ schemaVersion: 1, id, project, time: iso(ms) });

// 60 weeks of a growing backlog: 30 items at the start, then 3–7 opened and 2–6 done each
// week (oldest first, so the backlog grows by one a week on average and every cut's scope
// finishes ever later); weights 1–5 on the records. 600 records.
const rand = mulberry32(7);
const records = [];
const open = [];
let n = 0;
const add = (ms) => {
  records.push({ ...base(`o-${n}`, ms), kind: 'workitem', itemId: `W-${n}`, type: 'task', state: 'open', weight: 1 + (n % 5) });
  open.push(n);
  n++;
};
for (let i = 0; i < 30; i++) add(start + i * 60_000);
for (let w = 0; w < 60; w++) {
  const opened = 3 + Math.floor(rand() * 5);
  for (let i = 0; i < opened; i++) add(start + w * 7 * DAY + (i + 1) * 3_600_000);
  const done = 2 + Math.floor(rand() * 5);
  for (let i = 0; i < done && open.length; i++) {
    const id = open.shift();
    records.push({ ...base(`d-${id}`, start + (w * 7 + 1 + (i % 5)) * DAY), kind: 'workitem', itemId: `W-${id}`, type: 'task', state: 'done', weight: 1 + (id % 5) });
  }
}
const asOf = new Date(start + 60 * 7 * DAY - 2 * DAY);
// The items' weights are on their records (a growing backlog is not in the plan up front).
const plan = { project, budget: 1_000_000, due: '2026-06-30' };

const fcInput = { project, asOf, records, plan, trials: 10_000 };
const f = forecast(fcInput);
console.log(`  (${records.length} records; forecast in ${f.unit}: ${f.remaining} left, throughput ${f.throughput.join(' ')}; P50 ${f.p50}, P85 ${f.p85}, P95 ${f.p95}; on time ${f.onTimeProbability?.toFixed(1)} %)`);
const fcTimes = timeRuns(() => forecast(fcInput), 15, 3);
report('forecast: 10,000 Monte Carlo trials, weight unit, median of 15', median(fcTimes), 'ms', 100);

const btInput = { project, asOf, records, plan, trials: 10_000 };
const b = backtest(btInput);
console.log(`  (back-test: ${b.points.length} cuts, ${b.forecasts} forecasts, ${b.censored} censored, scored P50 ${b.scored.p50}, P85 ${b.scored.p85}; hit P50 ${b.p50HitRate?.toFixed(0)} %, P85 ${b.p85HitRate?.toFixed(0)} %, mean error ${b.errorIs === 'bound' ? '≤ ' : ''}${b.meanErrorDays?.toFixed(1)} d)`);
const btTimes = timeRuns(() => backtest(btInput), 3, 1);
report('backtest: 52 cuts × 10,000 trials, median of 3', median(btTimes), 'ms', 1000);
