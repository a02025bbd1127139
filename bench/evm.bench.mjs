// Earned-value KPIs over 100,000 records with every earning method (issue 14: KPIs over
// 100,000 records < 500 ms). 600 planned work items (0/100, 50/50, percent complete and weighted
// milestones), 99,000 work-item records (percent-complete updates, milestone items), monthly and
// dated bookings, and a 12-week trend. Median of 3 (after one warm-up), on the built dist/.
import { computeKpis, mulberry32 } from '../dist/metrics/index.js';
import { evmKpis } from '../dist/metrics/evm-report.js';
import { partition, timelines } from '../dist/metrics/history.js';
import { median, report, timeRuns } from './stats.mjs';

const project = 'bench-evm';
const start = Date.parse('2026-01-05T00:00:00Z');
const iso = (ms) => new Date(ms).toISOString();
const base = (id, ms) => ({ schemaVersion: 1, id, project, time: iso(ms) });
const METHODS = ['0/100', '50/50', 'percent', 'milestones'];
const rand = mulberry32(7);
const YEAR = 365 * 86_400_000;

const workItems = Array.from({ length: 600 }, (_, i) => {
  const s = start + Math.floor((i / 600) * 300) * 86_400_000;
  const item = { id: `W-${i}`, start: iso(s).slice(0, 10), finish: iso(s + 40 * 86_400_000).slice(0, 10), weight: 1 + (i % 3), ev: METHODS[i % 4] };
  if (item.ev === 'milestones') item.milestones = [{ id: `W-${i}-m1`, weight: 1 }, { id: `W-${i}-m2`, weight: 2 }, { id: `W-${i}-m3`, weight: 1 }];
  return item;
});
const records = [];
for (let n = 0; records.length < 100_000; n++) {
  const i = n % 600;
  const t = start + rand() * YEAR;
  if (i % 4 === 2) records.push({ ...base(`r-${n}`, t), kind: 'workitem', itemId: `W-${i}`, type: 'task', state: 'in-progress', percentComplete: Math.floor(rand() * 100) });
  else if (i % 4 === 3) records.push({ ...base(`r-${n}`, t), kind: 'workitem', itemId: `W-${i}-m${1 + (n % 3)}`, type: 'task', state: rand() < 0.5 ? 'done' : 'in-progress' });
  else records.push({ ...base(`r-${n}`, t), kind: 'workitem', itemId: `W-${i}`, type: 'task', state: rand() < 0.3 ? 'done' : 'in-progress' });
}
const actuals = [
  ...Array.from({ length: 12 }, (_, m) => ({ period: `2026-${String(m + 1).padStart(2, '0')}`, cost: 60_000 })),
  ...Array.from({ length: 300 }, (_, d) => ({ period: iso(start + d * 86_400_000).slice(0, 10), cost: 500 })),
];
const plan = { project, budget: 1_200_000, due: '2027-03-31', start: '2026-01-05', workItems, actuals };
const input = { project, asOf: new Date(start + 0.8 * YEAR), records, plan, options: { trials: 1000 } };

const r = computeKpis(input);
console.log(`  (${records.length} records; EV ${r.kpis['schedule.ev'].toFixed(0)} of PV ${r.kpis['schedule.pv'].toFixed(0)}, CPI ${r.kpis['cost.cpi'].toFixed(3)}, SPI(t) ${r.kpis['schedule.spiT'].toFixed(3)})`);
const times = timeRuns(() => computeKpis(input), 3, 1);
console.log(`  (runs: ${times.map((x) => x.toFixed(1)).join(', ')} ms)`);
report('computeKpis, EVM with every earning method: 100,000 work-item records, median of 3', median(times), 'ms', 500);

// The EVM part alone (status, phase table, 12-week trend) on the partitioned history: what this
// module adds to the shared partition of the records.
const history = partition(records, project, input.asOf.getTime());
const items = timelines(history.workItems);
const evmTimes = timeRuns(() => evmKpis(plan, history, input.asOf.getTime(), 'week', 12, items), 3, 1);
console.log(`  (runs: ${evmTimes.map((x) => x.toFixed(1)).join(', ')} ms)`);
report('evmKpis alone on the same 100,000 records, median of 3', median(evmTimes), 'ms', 500);
