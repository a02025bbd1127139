/**
 * perf.* metric names from a performance result. Overall: `perf.p50`, `perf.p90`, `perf.p95`,
 * `perf.p99` (ms), `perf.errorRate` (percent), `perf.throughput` (per second), `perf.samples`.
 * Per transaction the same under `perf.tx.<transaction>.`, where <transaction> is the label's
 * key (transactionKey). With a baseline: `…Change` (percent change of a percentile or of the
 * throughput) and `…errorRateDelta` (percentage points).
 */
import { FIGURES, type Figure, type PerfFigures, type PerfResult } from './types.js';

const DIGITS: Record<Figure, number> = { p50: 3, p90: 3, p95: 3, p99: 3, errorRate: 2, throughput: 3, samples: 0 };
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The metric segment of a transaction label: lower case, every run of characters other than
 * a-z, 0-9 and `_` becomes `-`, leading and trailing `-` dropped, at most 80 characters;
 * `unnamed` when nothing is left. `GET /api/users/{id}` → `get-api-users-id`.
 */
export function transactionKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9_]+/g, '-').slice(0, 80).replace(/^-+|-+$/g, '') || 'unnamed';
}

/**
 * Unique keys for labels: in label order (code units), the first label of a key keeps it, the
 * next get `-2`, `-3`, … (`Login` and `login` → `login`, `login-2`). Returns label → key.
 */
export function transactionKeys(labels: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const label of [...labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = transactionKey(label);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    out.set(label, key);
  }
  return out;
}

function put(into: Record<string, number>, prefix: string, f: PerfFigures): void {
  for (const k of FIGURES) {
    const v = f[k];
    if (v !== undefined) into[`${prefix}${k}`] = round(v, DIGITS[k]);
  }
}

/** The perf.* metrics of a result. */
export function perfMetrics(r: PerfResult): Record<string, number> {
  const out: Record<string, number> = {};
  put(out, 'perf.', r.overall);
  const keys = transactionKeys(r.transactions.keys());
  for (const [label, f] of r.transactions) put(out, `perf.tx.${keys.get(label)!}.`, f);
  return out;
}

const CHANGED = /^perf\.(tx\.[A-Za-z0-9_-]+\.)?(p50|p90|p95|p99|throughput|errorRate)$/;

/**
 * Change metrics against a baseline's perf.* metrics, for every name both have: percentiles
 * and throughput as percent change (absent when the baseline is 0), the error rate as the
 * difference in percentage points.
 */
export function perfChanges(current: Readonly<Record<string, number>>, baseline: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(current)) {
    const m = CHANGED.exec(name);
    const base = baseline[name];
    if (!m || base === undefined) continue;
    if (m[2] === 'errorRate') out[`${name}Delta`] = round(value - base, 2);
    else if (base > 0) out[`${name}Change`] = round(((value - base) / base) * 100, 2);
  }
  return out;
}
