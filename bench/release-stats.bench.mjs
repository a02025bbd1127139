// Release statistics benchmarks (issue 12: the whole judgement of one metric with 1,000,000
// samples per side in under 1 s, median of runs) and the calibration study of the release
// judge: rollbacks and promotions by the canary's true change and the number of looks (1 to
// 1,000), for lognormal and heavy-tailed latencies and error ratios. Runs on the built dist/.
// SIM_TRIALS=N sets the trials per cell (default 1,000; about 3 minutes).
import { falseAlarmTable, mannWhitney } from '../dist/release/stats/index.js';
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
const trials = Number(process.env.SIM_TRIALS ?? 1000);
// Naive re-testing, for contrast: a fixed-sample test after every look (as Kayenta's judge does).
const table = falseAlarmTable({ alpha, trials, seed: 1, perLook: 100 });
console.log(`\nNaive re-testing, for contrast: A/A false alarms of a fixed-sample Mann-Whitney test after every look (lognormal, 100 new values per side per look), alpha ${alpha}, ${trials} trials:`);
console.log('| looks | naive re-testing |\n|---|---|');
for (const r of table) console.log(`| ${r.looks} | ${r.naive.toFixed(3)} |`);

// The calibration study of the release judge (src/release/judge/calibration.ts): the share of
// trials rolled back and promoted, by the canary's true change against a 10 % tolerance and the
// number of looks spread over the sample size the docs name for each scenario.
{
  const { calibrate } = await import('../dist/release/judge/index.js');
  const scenarios = [
    ['latency, lognormal σ 0.3', { kind: 'lognormal', sigma: 0.3 }, 2200],
    ['latency, heavy-tailed Pareto 1.5', { kind: 'pareto', shape: 1.5 }, 4000],
    ['error ratio 1 %, 1,000 requests per interval', { kind: 'errors', rate: 0.01, requests: 1000 }, 2400],
  ];
  const effects = [
    ['A/A (0)', 0],
    ['+5 % (half the tolerance)', 0.05],
    ['+10 % (at the tolerance)', 0.1],
    ['+15 % (1.5 × the tolerance)', 0.15],
  ];
  const lookCounts = [1, 10, 100, 1000];
  let ok = true;
  const check = (pass, text) => {
    ok &&= pass;
    return `${text}${pass ? '' : ' FAIL'}`;
  };
  const t0 = Date.now();
  console.log(`\nRelease judge calibration, tolerance 10 %, alpha ${alpha}, ${trials} trials per cell (SIM_TRIALS); each cell: rolled back / promoted:`);
  for (const [name, scenario, n] of scenarios) {
    console.log(`\n${name}, ${n} observations per side by the last look:`);
    console.log(`| true change | ${lookCounts.map((l) => `${l} look${l > 1 ? 's' : ''}`).join(' | ')} |\n|---|${lookCounts.map(() => '---|').join('')}`);
    for (const [label, effect] of effects) {
      const cells = lookCounts.map((looks) => {
        const r = calibrate({ scenario, effect, tolerance: 0.1, samplesPerSide: n, looks, trials, seed: 42 });
        const rb = r.rollback.toFixed(3);
        const pr = r.promote.toFixed(3);
        // What the issue asks: no false rollback within the tolerance, no promotion of harm, detection of 1.5 × the tolerance.
        if (effect <= 0.05) return `${check(r.rollback <= alpha, rb)} / ${pr}`;
        if (effect === 0.1) return `${check(r.rollback <= alpha, rb)} / ${check(r.promote <= alpha, pr)}`;
        return `${check(r.rollback >= 0.9, rb)} / ${check(r.promote <= alpha, pr)}`;
      });
      console.log(`| ${label} | ${cells.join(' | ')} |`);
    }
  }
  console.log(`\n${ok ? 'PASS' : 'FAIL'} release judge calibration: false rollbacks and false promotions at most ${alpha}, detection of 1.5 × the tolerance at least 0.9, at every look count (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  if (!ok) process.exitCode = 1;
}

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
