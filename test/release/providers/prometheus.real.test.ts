// The Prometheus provider against a real server loaded with fixed historic data
// (test/helpers/prometheus.ts): exact samples, no data, NaN, a stopped server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPair } from '../../../src/release/providers/pair.js';
import { prometheusProvider } from '../../../src/release/providers/prometheus.js';
import type { MetricQuery } from '../../../src/release/providers/types.js';
import { latency, MINUTES, prometheusSkipReason, startPrometheus, T0, type TestPrometheus } from '../../helpers/prometheus.js';

const skip = prometheusSkipReason();
const minutes = Array.from({ length: MINUTES + 1 }, (_, i) => i);
const window = { start: new Date(T0 * 1000), end: new Date((T0 + MINUTES * 60) * 1000), step: 60 };
const p99 = (app: string): string => `http_request_duration_p99_seconds{app="${app}",variant="{{variant}}"}`;
const errorRatio = (app: string): string =>
  `sum(rate(http_requests_total{app="${app}",variant="{{variant}}",code=~"5.."}[5m])) / sum(rate(http_requests_total{app="${app}",variant="{{variant}}"}[5m]))`;

describe.skipIf(skip)('prometheus provider on a real server', () => {
  let server: TestPrometheus;
  beforeAll(async () => {
    server = await startPrometheus();
  });
  afterAll(async () => server?.stop());
  const provider = () => prometheusProvider({ url: server.url, retries: 1, backoffMs: 10 });
  const q = (query: string, variant: MetricQuery['variant']): MetricQuery => ({ query, variant, ...window });

  it.each([
    ['healthy', 'canary', 'healthy'],
    ['healthy', 'baseline', 'baseline'],
    ['degraded', 'canary', 'degraded'],
    ['degraded', 'baseline', 'baseline'],
  ] as const)('range query: %s %s latency is the exact series written', async (app, variant, kind) => {
    const r = await provider().fetch(q(p99(app), variant));
    expect(r).toMatchObject({ ok: true, droppedNaN: 0, source: `${server.url}/` });
    if (!r.ok) return;
    expect(r.times).toEqual(minutes.map((i) => T0 + i * 60));
    expect(r.samples).toEqual(minutes.map((i) => latency(kind, i)));
    expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['healthy', 'canary', 0.01],
    ['healthy', 'baseline', 0.01],
    ['degraded', 'canary', 0.1],
  ] as const)('range query: %s %s error ratio from counters', async (app, variant, ratio) => {
    const r = await provider().fetch(q(errorRatio(app), variant));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The first minute has one sample in its 5m window, so rate() starts at T0+60.
    expect(r.times).toEqual(minutes.slice(1).map((i) => T0 + i * 60));
    for (const v of r.samples) expect(v).toBeCloseTo(ratio, 12);
  });

  it.each([
    ['healthy', 'canary', 0.25 + 0.25 * (14 / 17)],
    ['degraded', 'baseline', 0.25 + 0.25 * (14 / 17)],
    // The 99th percentile of the degraded canary lies in the +Inf bucket: Prometheus answers the
    // highest finite bound.
    ['degraded', 'canary', 1],
  ] as const)('range query: %s %s p99 from the latency histogram', async (app, variant, p) => {
    const query = `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app="${app}",variant="{{variant}}"}[5m])))`;
    const r = await provider().fetch(q(query, variant));
    expect(r).toMatchObject({ ok: true, droppedNaN: 0 });
    if (r.ok) expect(r.samples).toHaveLength(MINUTES);
    if (r.ok) for (const v of r.samples) expect(v).toBeCloseTo(p, 12);
  });

  it('instant query: one value at the end of the window', async () => {
    const r = await provider().fetch({ ...q(p99('degraded'), 'canary'), kind: 'instant' });
    expect(r).toMatchObject({ ok: true, times: [T0 + MINUTES * 60], samples: [latency('degraded', MINUTES)] });
    const scalar = await provider().fetch({ ...q('scalar(sum(http_request_duration_p99_seconds{app="healthy"}))', 'canary'), kind: 'instant' });
    expect(scalar).toMatchObject({ ok: true, samples: [latency('healthy', MINUTES) + latency('baseline', MINUTES)] });
  });

  it('a canary without data is no-data, and the same digest for the same data', async () => {
    expect(await provider().fetch(q(p99('nodata'), 'canary'))).toMatchObject({ ok: false, reason: 'no-data' });
    const a = await provider().fetch(q(p99('healthy'), 'baseline'));
    const b = await provider().fetch(q(p99('degraded'), 'baseline'));
    expect(a.ok && b.ok && a.digest === b.digest).toBe(true);
  });

  it('a baseline without data holds the pair with the side named (variantValues map the labels)', async () => {
    // Swapped label values: the "baseline" side reads the nodata app's missing canary series.
    const swapped = prometheusProvider({ url: server.url, retries: 0, variantValues: { canary: 'baseline', baseline: 'canary' } });
    const r = await fetchPair(swapped, { query: p99('nodata'), ...window });
    expect(r).toMatchObject({ ok: false, reason: 'no-data', variant: 'baseline' });
  });

  it('NaN samples are dropped and counted', async () => {
    const r = await provider().fetch(q(p99('nan'), 'canary'));
    expect(r).toMatchObject({ ok: true, droppedNaN: 21 });
    if (r.ok) expect(r.times).toEqual(minutes.filter((i) => i % 3 !== 0).map((i) => T0 + i * 60));
  });

  it('more than one series is a bad-response asking for an aggregation', async () => {
    const r = await provider().fetch(q('http_request_duration_p99_seconds{variant="{{variant}}"}', 'canary'));
    expect(r).toMatchObject({ ok: false, reason: 'bad-response' });
    if (!r.ok) expect(r.message).toContain('aggregate');
  });

  it('a PromQL syntax error is a bad-response with Prometheus\' message, not retried', async () => {
    const r = await provider().fetch(q('sum(', 'canary'));
    expect(r).toMatchObject({ ok: false, reason: 'bad-response' });
    if (!r.ok) expect(r.message).toMatch(/bad_data.*HTTP 400/);
  });

  it('canary and baseline whose ranges do not overlap are clock-skew', async () => {
    const r = await fetchPair(provider(), { query: p99('skewed'), ...window });
    expect(r).toMatchObject({ ok: false, reason: 'clock-skew' });
    expect(await fetchPair(provider(), { query: p99('healthy'), ...window })).toMatchObject({ ok: true });
  });

  it('a stopped server is unreachable after the retries', async () => {
    await server.stop();
    const r = await provider().fetch(q(p99('healthy'), 'canary'));
    expect(r).toMatchObject({ ok: false, reason: 'unreachable' });
    if (!r.ok) expect(r.message).toContain('(2 attempts)');
  });
});
