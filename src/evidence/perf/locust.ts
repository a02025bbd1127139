/**
 * Locust's request statistics, `locust --csv PREFIX` → `PREFIX_stats.csv`: one row per request
 * type and name, then the `Aggregated` row for the whole run. Percentile columns (`50%`, `90%`,
 * `95%`, `99%`, …) are Locust's own, computed from response times it rounds (to 2 significant
 * digits above 100 ms); `N/A` (no request) is absent. Locust 0.x headers (`Method`,
 * `# requests`, `# failures`) are read too.
 */
import { fileError } from '../files.js';
import { readCsv } from './csv.js';
import type { PerfFigures, PerfResult } from './types.js';

const COLUMNS = {
  type: ['Type', 'Method'],
  name: ['Name'],
  requests: ['Request Count', '# requests'],
  failures: ['Failure Count', '# failures'],
  rate: ['Requests/s'],
  p50: ['50%'],
  p90: ['90%'],
  p95: ['95%'],
  p99: ['99%'],
} as const;

type Column = keyof typeof COLUMNS;

/** True when a CSV header is Locust's stats header. */
export function isLocustHeader(header: readonly string[]): boolean {
  return header.includes('Name') && (header.includes('Request Count') || header.includes('# requests'));
}

/** A decimal cell as a finite number (a 400-digit "number" is not one), else undefined. */
const num = (v: string | undefined): number | undefined => {
  const n = v !== undefined && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

interface Row {
  type: string;
  name: string;
  figures: PerfFigures;
}

/** Reads a Locust `_stats.csv`. */
export async function readLocust(file: string, shown: string): Promise<PerfResult> {
  const at = {} as Record<Column, number>;
  const rows: Row[] = [];
  await readCsv(
    file,
    shown,
    (header) => {
      for (const [k, names] of Object.entries(COLUMNS)) at[k as Column] = header.findIndex((h) => (names as readonly string[]).includes(h.trim()));
      if (at.name < 0 || at.requests < 0 || at.failures < 0) {
        throw fileError(shown, 'Locust stats CSV needs the columns Name, Request Count and Failure Count; give the PREFIX_stats.csv that locust --csv PREFIX writes', 1, 1);
      }
    },
    (f) => {
      const get = (c: Column): string | undefined => (at[c] >= 0 ? f[at[c]] : undefined);
      const samples = num(get('requests'));
      const failures = num(get('failures'));
      const figures: PerfFigures = {};
      const set = (k: keyof PerfFigures, v: number | undefined): void => {
        if (v !== undefined) figures[k] = v;
      };
      set('samples', samples);
      if (samples && failures !== undefined) figures.errorRate = (failures / samples) * 100;
      set('throughput', num(get('rate')));
      for (const p of ['p50', 'p90', 'p95', 'p99'] as const) set(p, num(get(p)));
      rows.push({ type: (get('type') ?? '').trim(), name: get('name') ?? '', figures });
    },
  );
  const total = rows.find((r) => r.name === 'Aggregated' && (r.type === '' || r.type === 'Aggregated'));
  if (!total) throw fileError(shown, 'Locust stats CSV has no Aggregated row; give the whole PREFIX_stats.csv that locust --csv PREFIX writes');
  const requests = rows.filter((r) => r !== total);
  const names = new Map<string, number>();
  for (const r of requests) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  const transactions = new Map<string, PerfFigures>();
  for (const r of requests) transactions.set((names.get(r.name) ?? 0) > 1 && r.type ? `${r.type} ${r.name}` : r.name, r.figures);
  return { format: 'locust-stats', raw: false, overall: total.figures, transactions };
}
