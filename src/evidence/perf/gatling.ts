/**
 * Gatling's `js/stats.json` (the HTML report's data: the run in `stats`, each request under
 * `contents`, groups nesting their own `contents`) and `js/global_stats.json` (the run only).
 * Each statistic has `total`, `ok` and `ko`; older versions write numbers as strings and `-`
 * for none. `percentiles1..4` are the percentiles set in gatling.conf
 * (`charting.indicators.percentile1..4`), by default 50, 75, 95 and 99: phasegate reads them as
 * p50, (75, not kept), p95 and p99; p90 is absent. Change gatling.conf and the names are wrong.
 */
import type { PerfFigures, PerfResult } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number.isFinite(Number(v)) ? Number(v) : undefined;
  return undefined;
}

const total = (stats: Obj, key: string): number | undefined => (isObj(stats[key]) ? num((stats[key] as Obj).total) : undefined);

/** True for the statistics object of one Gatling node. */
const isStats = (v: unknown): v is Obj => isObj(v) && isObj(v.numberOfRequests) && 'percentiles1' in v;

/** True when `value` is a Gatling stats.json or global_stats.json. */
export function isGatlingStats(value: unknown): value is Obj {
  return isObj(value) && (isStats(value.stats) || isStats(value));
}

function figuresOf(stats: Obj): PerfFigures {
  const out: PerfFigures = {};
  const set = (k: keyof PerfFigures, v: number | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  const n = total(stats, 'numberOfRequests');
  const ko = isObj(stats.numberOfRequests) ? num(stats.numberOfRequests.ko) : undefined;
  set('samples', n);
  if (n !== undefined && n > 0 && ko !== undefined) out.errorRate = (ko / n) * 100;
  if (n !== undefined && n > 0) {
    set('p50', total(stats, 'percentiles1'));
    set('p95', total(stats, 'percentiles3'));
    set('p99', total(stats, 'percentiles4'));
  }
  set('throughput', total(stats, 'meanNumberOfRequestsPerSecond'));
  return out;
}

function requests(contents: unknown, into: Map<string, PerfFigures>): void {
  if (!isObj(contents)) return;
  for (const node of Object.values(contents)) {
    if (!isObj(node)) continue;
    if (node.type === 'REQUEST' && isStats(node.stats)) {
      const label = typeof node.path === 'string' && node.path ? node.path : String(node.name ?? '');
      into.set(label, figuresOf(node.stats));
    } else if (node.type === 'GROUP') requests(node.contents, into);
  }
}

/** The figures of a Gatling stats.json (run and requests) or global_stats.json (run only). */
export function readGatling(value: Obj): PerfResult {
  const transactions = new Map<string, PerfFigures>();
  if (isStats(value.stats)) requests(value.contents, transactions);
  const run = isStats(value.stats) ? value.stats : value;
  return { format: 'gatling-stats', raw: false, overall: figuresOf(run), transactions };
}
