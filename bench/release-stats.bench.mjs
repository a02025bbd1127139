// Release statistics benchmarks (issue: one metric with 1,000,000 samples per side judged in
// under 1 s, median of runs) and the simulated false-alarm table: naive re-testing against the
// mSPRT always-valid p-value, by number of looks. Runs on the built dist/.
import { falseAlarmTable, mannWhitney, simulatePower } from '../dist/release/stats/index.js';
import { mulberry32 } from '../dist/metrics/random.js';
import { median, report, timeRuns } from './stats.mjs';

const n = 1_000_000;
const rand = mulberry32(42);
const lognormal = (scale) => scale * Math.exp(0.5 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
const canary = Array.from({ length: n }, () => lognormal(1.02));
const baseline = Array.from({ length: n }, () => lognormal(1));
let last;
const times = timeRuns(() => (last = mannWhitney(canary, baseline)), 5, 1);
console.log(`mannWhitney 1e6 vs 1e6: W=${last.statistic} p=${last.pValue.toExponential(3)} HL=${last.estimate.toFixed(5)} CI=[${last.confInt.map((v) => v.toFixed(5)).join(', ')}]`);
report('mannWhitney, 1,000,000 samples per side (median of 5)', median(times), 'ms', 1000);

const alpha = 0.05;
const trials = Number(process.env.SIM_TRIALS ?? 2000);
const table = falseAlarmTable({ alpha, trials, seed: 1, perLook: 100 });
console.log(`\nA/A false-alarm rate, latency (lognormal, 100 new values per side per look), alpha ${alpha}, ${trials} trials:`);
console.log('| looks | naive re-testing | mSPRT (always valid) |\n|---|---|---|');
for (const r of table) console.log(`| ${r.looks} | ${r.naive.toFixed(3)} | ${r.sequential.toFixed(3)} |`);
const errTable = falseAlarmTable({ alpha, trials: trials / 4, seed: 1, metric: 'errors', perLook: 20_000, looksList: [1, 10] });
console.log(`\nA/A false-alarm rate, error rate 1 % (20,000 requests per side per look), ${trials / 4} trials:`);
console.log('| looks | naive re-testing | mSPRT (always valid) |\n|---|---|---|');
for (const r of errTable) console.log(`| ${r.looks} | ${r.naive.toFixed(3)} | ${r.sequential.toFixed(3)} |`);

console.log(`\nPower to detect a 10 % regression, alpha ${alpha}, 10 looks (1 look = fixed test on all the data):`);
console.log('| metric | per side in total | naive, 1 look | naive, 10 looks | mSPRT, 10 looks |\n|---|---|---|---|---|');
const power = (o) => ['naive', 'naive', 'sequential'].map((method, i) => simulatePower({ ...o, method, looks: i === 0 ? 1 : 10, perLook: i === 0 ? o.perLook * 10 : o.perLook }).toFixed(3));
for (const perLook of [50, 100, 200]) console.log(`| latency mean +10 % | ${perLook * 10} | ${power({ alpha, trials: trials / 4, seed: 2, effect: 0.1, perLook }).join(' | ')} |`);
for (const perLook of [20_000, 40_000]) console.log(`| errors 1 % → 1.1 % | ${perLook * 10} | ${power({ alpha, trials: trials / 10, seed: 2, effect: 0.1, perLook, metric: 'errors' }).join(' | ')} |`);

// The gate's whole judgement of one metric as `release evaluate` does it: the interval judge
// (src/release/judge): the effect's always-valid interval by ranks on log-latencies, the
// canary's median against a limit, the p-value at the tolerance.
{
  const { intervalJudge } = await import('../dist/release/judge/index.js');
  const { mulberry32 } = await import('../dist/metrics/random.js');
  const rnd = mulberry32(7);
  const n = 1_000_000;
  // release evaluate sorts each series once when it fetches it (rank statistics ignore order).
  const ascending = (xs) => Array.from(Float64Array.from(xs).sort());
  const canary = ascending(Array.from({ length: n }, () => Math.exp(rnd() - 0.45)));
  const baseline = ascending(Array.from({ length: n }, () => Math.exp(rnd() - 0.5)));
  const metric = { name: 'latency', provider: 'file', query: 'q', kind: 'latency', harmful: 'increase', limit: { max: 3 }, tolerance: 0.1, critical: false, onNoData: 'hold' };
  const judge = intervalJudge({ policy: { metrics: [metric] }, step: { minSamples: 0 } });
  const times = [];
  let verdict;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    verdict = judge(metric, canary, baseline, { canary: n, baseline: n });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  report('release judge, 1,000,000 samples per side (interval of the effect, limit, p-value), median of 5', median(times), 'ms', 1000);
  console.log(`  (classification ${verdict.classification}, effect ${(verdict.effect * 100).toFixed(2)} %, interval ${verdict.interval.map((v) => `${(v * 100).toFixed(2)} %`).join(' to ')})`);
}
