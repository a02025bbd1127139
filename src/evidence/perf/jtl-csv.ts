/**
 * JMeter JTL in CSV (`jmeter -l result.jtl` with the default `jmeter.save.saveservice.*`
 * settings): a header line naming the columns, one sample per record. phasegate needs
 * `elapsed`, `label` and `success`; `timeStamp` (the sample's start, JMeter's default)
 * gives the throughput. Other columns are ignored, in any order.
 */
import { fileError } from '../files.js';
import { readCsv } from './csv.js';
import type { SampleSet } from './samples.js';

/** The columns a JTL must have. */
export const JTL_REQUIRED = ['elapsed', 'label', 'success'] as const;

/** Parses a JTL time stamp: epoch milliseconds, or a date JMeter wrote with `timestamp_format`. */
export function parseTimeStamp(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const t = Date.parse(value.replace(/^(\d{4}\/\d{2}\/\d{2}) /, '$1T').replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}

/** Parses an elapsed time in milliseconds; undefined when it is not a non-negative number. */
export function parseElapsed(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const n = /^(?:\d+(?:\.\d+)?|\.\d+)$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Reads the samples of a CSV JTL into `set`. */
export async function readJtlCsv(file: string, shown: string, set: SampleSet): Promise<void> {
  let col = { elapsed: -1, label: -1, success: -1, timeStamp: -1 };
  await readCsv(
    file,
    shown,
    (header) => {
      const at = (name: string): number => header.findIndex((h) => h.trim() === name);
      col = { elapsed: at('elapsed'), label: at('label'), success: at('success'), timeStamp: at('timeStamp') };
      const missing = JTL_REQUIRED.filter((c) => col[c] < 0);
      if (missing.length > 0) {
        throw fileError(shown, `JMeter JTL header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; save them (jmeter.save.saveservice.time, .label, .success = true)`, 1, 1);
      }
    },
    (fields, line) => {
      const raw = fields[col.elapsed];
      const elapsed = raw === undefined ? undefined : parseElapsed(raw);
      if (elapsed === undefined) {
        const what = raw === undefined ? 'has no elapsed column' : `has elapsed "${raw.slice(0, 40)}", not a number of milliseconds`;
        throw fileError(shown, `sample ${what}; fix or remove this line (a JTL row is timeStamp,elapsed,label,…)`, line, 1);
      }
      const ts = col.timeStamp >= 0 ? fields[col.timeStamp] : undefined;
      const start = ts === undefined || ts === '' ? undefined : parseTimeStamp(ts);
      if (ts && start === undefined) throw fileError(shown, `sample has timeStamp "${ts.slice(0, 40)}", neither epoch milliseconds nor a date; fix or remove this line`, line, 1);
      set.add(fields[col.label] ?? '', elapsed, (fields[col.success] ?? '').trim().toLowerCase() === 'true', start);
    },
  );
}
