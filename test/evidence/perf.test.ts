import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Latencies } from '../../src/evidence/perf/latencies.js';
import { perfChanges, readPerf, transactionKey, transactionKeys } from '../../src/evidence/perf/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'test/fixtures/evidence/perf');
const read = async (name: string) => (await readPerf([{ file: path.join(FIX, name), shown: name }])).metrics;

/** 1,000 latencies from a Park–Miller generator; every 37th is above the histogram cap (70–75 s). */
function generated(): number[] {
  const out: number[] = [];
  let x = 42;
  for (let i = 0; i < 1000; i++) {
    x = (x * 48271) % 2147483647;
    out.push(i % 37 === 36 ? 70000 + (x % 5000) : 3 + (x % 400));
  }
  return out;
}

describe('exact percentiles (nearest rank)', () => {
  // Reference: numpy 2.4.6, np.percentile(a, p, method="inverted_cdf") (= R quantile type 1), on the same values.
  it.each([
    ['all', (v: number[]) => v, [214, 368, 391, 73058]],
    ['even', (v: number[]) => v.filter((_, i) => i % 2 === 0), [216, 367, 391, 73058]],
    ['odd', (v: number[]) => v.filter((_, i) => i % 2 === 1), [213, 371, 391, 72856]],
  ] as const)('%s samples match numpy inverted_cdf', (_, pick, want) => {
    const l = new Latencies();
    for (const v of pick(generated())) l.add(v);
    expect(l.percentiles([50, 90, 95, 99])).toEqual(want);
  });

  it('merging per-transaction histograms gives the percentiles of all samples', () => {
    const a = new Latencies(), b = new Latencies();
    generated().forEach((v, i) => (i % 2 ? a : b).add(v));
    a.merge(b);
    expect(a.count).toBe(1000);
    expect(a.percentiles([50, 90, 95, 99])).toEqual([214, 368, 391, 73058]);
  });

  it('orders fractional latencies among whole ones', () => {
    const l = new Latencies();
    for (const v of [10, 10.5, 11, 9.75]) l.add(v);
    expect(l.percentiles([50, 90, 95, 99])).toEqual([10, 11, 11, 11]);
    expect(new Latencies().percentile(95)).toBeUndefined();
  });
});

describe('performance readers', () => {
  it('JMeter CSV and XML JTL give the same exact figures (numpy: 120, 300, 400, 400)', async () => {
    const csv = await read('jmeter.jtl');
    expect(await read('jmeter.xml.jtl')).toEqual(csv);
    expect(csv).toMatchObject({ 'perf.p50': 120, 'perf.p90': 300, 'perf.p95': 400, 'perf.p99': 400, 'perf.samples': 10, 'perf.errorRate': 10, 'perf.throughput': 8.333 });
    expect(csv).toMatchObject({ 'perf.tx.get-api-orders-by-id.errorRate': 20, 'perf.tx.home-page.p95': 300, 'perf.tx.home-page.samples': 5 });
  });

  it('k6 --summary-export: med, p(90), p(95); no p99 without p(99) in summaryTrendStats', async () => {
    const m = await read('k6-summary-export.json');
    expect(m).toMatchObject({ 'perf.p50': 151.337, 'perf.p90': 288.112, 'perf.p95': 342.507, 'perf.samples': 1200, 'perf.throughput': 19.991, 'perf.errorRate': 1, 'perf.tx.login.p95': 455.25 });
    expect(m['perf.p99']).toBeUndefined();
  });

  it('k6 handleSummary JSON reads values, p(99) included', async () => {
    expect(await read('k6-handle-summary.json')).toEqual({ 'perf.p50': 87.25, 'perf.p90': 150.5, 'perf.p95': 199.75, 'perf.p99': 402.125, 'perf.samples': 2000, 'perf.throughput': 33.316, 'perf.errorRate': 0.25 });
  });

  it('Gatling stats.json: percentiles1/3/4 as p50/p95/p99, no p90, requests inside groups, string numbers', async () => {
    const m = await read('gatling-stats.json');
    expect(m).toMatchObject({ 'perf.p50': 120, 'perf.p95': 790, 'perf.p99': 60001, 'perf.samples': 400, 'perf.errorRate': 1, 'perf.throughput': 6.557 });
    expect(m).toMatchObject({ 'perf.tx.login.p95': 640, 'perf.tx.checkout-pay.p99': 60002, 'perf.tx.checkout-pay.errorRate': 2 });
    expect(m['perf.p90']).toBeUndefined();
    expect(Object.keys(m).some((k) => k.startsWith('perf.tx.checkout.'))).toBe(false);
  });

  it('Locust _stats.csv: the Aggregated row overall, N/A absent, a name under two methods split by method', async () => {
    const m = await read('locust_stats.csv');
    expect(m).toMatchObject({ 'perf.p50': 15, 'perf.p90': 45, 'perf.p95': 70, 'perf.p99': 170, 'perf.samples': 2000, 'perf.errorRate': 0.15, 'perf.throughput': 66.67 });
    expect(m).toMatchObject({ 'perf.tx.get-api-items.p95': 40, 'perf.tx.post-api-items.errorRate': 1, 'perf.tx.login.p99': 70, 'perf.tx.slow.samples': 0 });
    expect(m['perf.tx.slow.p95']).toBeUndefined();
  });

  it('JTL files merge; a summary must come alone', async () => {
    const files = ['jmeter.jtl', 'jmeter.xml.jtl'].map((n) => ({ file: path.join(FIX, n), shown: n }));
    expect((await readPerf(files)).metrics['perf.samples']).toBe(20);
    const mixed = [files[0]!, { file: path.join(FIX, 'k6-handle-summary.json'), shown: 'k6.json' }];
    await expect(readPerf(mixed)).rejects.toThrow(/k6\.json: a k6-summary summary cannot be combined/);
  });

  it('streams a JTL of 200,000 samples with timestamps as dates', async () => {
    const dir = tempDir();
    const lines = ['timeStamp,elapsed,label,success'];
    for (let i = 0; i < 200_000; i++) lines.push(`2026/11/20 09:00:${String(i % 60).padStart(2, '0')}.000,${i % 1000},tx${i % 3},${i % 50 ? 'true' : 'false'}`);
    writeFileSync(path.join(dir, 'big.jtl'), lines.join('\n'));
    const m = (await readPerf([{ file: path.join(dir, 'big.jtl'), shown: 'big.jtl' }])).metrics;
    expect(m).toMatchObject({ 'perf.samples': 200_000, 'perf.p50': 499, 'perf.p99': 989, 'perf.errorRate': 2 });
  });
});

describe('names and baseline', () => {
  it('turns labels into keys, suffixing collisions', () => {
    expect(transactionKey('GET /api/users/{id}')).toBe('get-api-users-id');
    expect(transactionKey('///')).toBe('unnamed');
    expect([...transactionKeys(['login', 'Login', 'LOGIN'])]).toEqual([['LOGIN', 'login'], ['Login', 'login-2'], ['login', 'login-3']]);
  });

  it('changes: percent for latency and throughput, percentage points for the error rate', () => {
    const cur = { 'perf.p95': 330, 'perf.throughput': 90, 'perf.errorRate': 1.5, 'perf.tx.a.p95': 10, 'perf.samples': 5 };
    const base = { 'perf.p95': 300, 'perf.throughput': 100, 'perf.errorRate': 0.5, 'perf.tx.a.p95': 0 };
    expect(perfChanges(cur, base)).toEqual({ 'perf.p95Change': 10, 'perf.throughputChange': -10, 'perf.errorRateDelta': 1 });
  });
});
