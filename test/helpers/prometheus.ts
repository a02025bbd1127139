/**
 * A real Prometheus server for the provider tests: writes fixed historic OpenMetrics test data
 * (see PROM_DATA), converts it to TSDB blocks with `promtool tsdb create-blocks-from
 * openmetrics`, starts `prometheus` on a free loopback port and waits for `/-/ready`.
 * Without the binaries the tests are skipped with the reason printed, except under CI=true,
 * where they fail instead (.ci/run installs Debian's `prometheus` package).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The Debian package's binaries (PHASEGATE_PROMETHEUS_BIN overrides the folder). */
const BIN = process.env.PHASEGATE_PROMETHEUS_BIN ?? '/usr/bin';

/** Fixed historic start of the data (2024-03-01T00:00:00Z, unix seconds), so queries are deterministic. */
export const T0 = 1_709_251_200;
/** The data has one point a minute for an hour: T0, T0+60, ..., T0+3600 (61 points). */
export const MINUTES = 60;

/** The p99 latency gauge at minute i: baseline and healthy canary 0.2…0.24, degraded 0.5…0.54. */
export function latency(kind: 'baseline' | 'healthy' | 'degraded', i: number): number {
  const base = kind === 'degraded' ? 50 : 20;
  return (base + (i % 5)) / 100;
}

/** Requests a minute per variant and app, and errors (code 500) a minute. */
export const REQUESTS_PER_MIN = 600;
export const ERRORS_PER_MIN = { baseline: 6, healthy: 6, degraded: 60 } as const;

/** Latency histogram buckets and the cumulative observations a minute per bucket (600 a minute). */
export const HISTOGRAM_BUCKETS = ['0.1', '0.25', '0.5', '1', '+Inf'] as const;
export const HISTOGRAM_PER_MIN = {
  baseline: [300, 580, 597, 600, 600],
  healthy: [300, 580, 597, 600, 600],
  degraded: [100, 300, 500, 580, 600],
} as const;

function gaugeLines(labels: string, minutes: Iterable<number>, value: (i: number) => number | string): string[] {
  return [...minutes].map((i) => `http_request_duration_p99_seconds{${labels}} ${value(i)} ${T0 + i * 60}`);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

/**
 * The OpenMetrics test data. Apps (label `app`), each with `variant="canary"|"baseline"`:
 * `healthy` (canary like baseline), `degraded` (canary 10x errors, 2.5x latency), `nodata`
 * (baseline only), `nan` (canary latency NaN every third minute), `skewed` (canary minutes
 * 0–20, baseline minutes 40–60).
 */
export function openMetricsData(): string {
  const all = range(0, MINUTES);
  const lines = ['# HELP http_request_duration_p99_seconds p99 request latency.', '# TYPE http_request_duration_p99_seconds gauge'];
  for (const app of ['healthy', 'degraded', 'nodata', 'nan']) lines.push(...gaugeLines(`app="${app}",variant="baseline"`, all, (i) => latency('baseline', i)));
  lines.push(...gaugeLines('app="healthy",variant="canary"', all, (i) => latency('healthy', i)));
  lines.push(...gaugeLines('app="degraded",variant="canary"', all, (i) => latency('degraded', i)));
  lines.push(...gaugeLines('app="nan",variant="canary"', all, (i) => (i % 3 === 0 ? 'NaN' : latency('healthy', i))));
  lines.push(...gaugeLines('app="skewed",variant="canary"', range(0, 20), (i) => latency('healthy', i)));
  lines.push(...gaugeLines('app="skewed",variant="baseline"', range(40, MINUTES), (i) => latency('baseline', i)));
  lines.push('# HELP http_requests Requests served.', '# TYPE http_requests counter');
  const counters: Array<[string, 'baseline' | 'healthy' | 'degraded']> = [
    ['app="healthy",variant="baseline"', 'baseline'], ['app="healthy",variant="canary"', 'healthy'],
    ['app="degraded",variant="baseline"', 'baseline'], ['app="degraded",variant="canary"', 'degraded'],
  ];
  for (const [labels, kind] of counters) {
    const errors = ERRORS_PER_MIN[kind];
    // Counters start high so rate() never extrapolates below zero: the rate is the exact slope.
    for (const [code, perMin] of [['200', REQUESTS_PER_MIN - errors], ['500', errors]] as const) {
      for (const i of all) lines.push(`http_requests_total{${labels},code="${code}"} ${100_000 + perMin * i} ${T0 + i * 60}`);
    }
  }
  lines.push('# HELP http_request_duration_seconds Request latency.', '# TYPE http_request_duration_seconds histogram');
  for (const [labels, kind] of counters) {
    const cumulative = HISTOGRAM_PER_MIN[kind];
    HISTOGRAM_BUCKETS.forEach((le, b) => {
      for (const i of all) lines.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${100_000 + cumulative[b]! * i} ${T0 + i * 60}`);
    });
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** Why the Prometheus tests are skipped, or undefined when they run (always under CI=true). */
export function prometheusSkipReason(): string | undefined {
  const missing = ['prometheus', 'promtool'].find((b) => !existsSync(path.join(BIN, b)));
  if (!missing || process.env.CI === 'true') return undefined;
  const reason = `${path.join(BIN, missing)} not found (Debian: apt-get install prometheus)`;
  console.warn(`skipping the Prometheus provider tests: ${reason}`);
  return reason;
}

/** A free loopback TCP port (nothing listens on it when this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A running test server. */
export interface TestPrometheus {
  url: string;
  /** Stops the server and removes its data; safe to call twice. */
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus not ready within 60 s:\n${log()}`);
}

type Launched = { url: string; child: ChildProcess; kill(): Promise<void> };

/** Starts prometheus on a free port; undefined when it exits early (another process took the port). */
async function launch(dir: string, data: string): Promise<Launched | undefined> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(BIN, 'prometheus'), [
    `--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${data}`,
    `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=100y', '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => { log = (log + b.toString()).slice(-4000); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // A test run that dies must not leave the server behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    process.removeListener('exit', killOnExit);
  };
  try {
    await waitReady(url, child, () => log);
    return { url, child, kill };
  } catch (e) {
    await kill();
    if (/address already in use/.test(log)) return undefined;
    throw e;
  }
}

/** Writes the test data, converts it to blocks and starts a server on a free port. */
export async function startPrometheus(): Promise<TestPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-prom-'));
  const data = path.join(dir, 'data');
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(path.join(dir, 'data.om'), openMetricsData());
    writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
    const made = spawnSync(path.join(BIN, 'promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', path.join(dir, 'data.om'), data], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`promtool failed: ${made.stdout ?? ''}${made.stderr ?? ''}${made.error?.message ?? ''}`);
    for (let attempt = 0; attempt < 3; attempt++) {
      const server = await launch(dir, data);
      if (server) return { url: server.url, stop: async () => { await server.kill(); cleanup(); } };
    }
    throw new Error('prometheus could not bind a free port in 3 attempts');
  } catch (e) {
    cleanup();
    throw e;
  }
}
