// The file provider: JSON and CSV samples, windows, NaN, and bad files at file:line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PhasegateError } from '../../../src/errors.js';
import { fileProvider } from '../../../src/release/providers/file.js';
import type { MetricQuery } from '../../../src/release/providers/types.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}
const T = Date.parse('2024-03-01T00:00:00Z') / 1000;
const win = { start: new Date(T * 1000), end: new Date((T + 600) * 1000) };
const q = (query: string, variant: MetricQuery['variant'] = 'canary', extra: Partial<MetricQuery> = {}): MetricQuery => ({ query, variant, ...win, ...extra });

const single = write('single.json', JSON.stringify({
  canary: [
    { t: '2024-03-01T00:02:00Z', v: 0.3 },
    { t: T, v: 0.1 },
    { t: (T + 60) * 1000, v: 0.2 },
    { t: T + 180, v: null },
    { t: T + 240, v: 'NaN' },
    { t: T + 300, v: '+Inf' },
    { t: T + 900, v: 9 },
  ],
  baseline: [],
}, null, 2));
const keyed = write('keyed.json', JSON.stringify({ latency: { canary: [{ t: T, v: 1 }], baseline: [{ t: T, v: 2 }] }, errors: { canary: [{ t: T, v: 'NaN' }] } }));
const csv = write('samples.csv', [
  '# exported from the load test',
  'time,variant,metric,value',
  `${T},canary,latency,0.25`,
  `2024-03-01T00:01:00Z,canary,latency,0.26`,
  `${T},baseline,latency,0.2`,
  `${T},canary,errors,NaN`,
  '',
].join('\n'));

describe('file provider', () => {
  it('JSON: ISO, seconds and milliseconds, sorted, NaN and null dropped, ±Inf kept, window applied', async () => {
    const r = await fileProvider({ file: single }).fetch(q('anything'));
    expect(r).toMatchObject({ ok: true, times: [T, T + 60, T + 120, T + 300], samples: [0.1, 0.2, 0.3, Infinity], droppedNaN: 2, source: single });
  });

  it('a variant without samples is no-data; all NaN is nan', async () => {
    expect(await fileProvider({ file: single }).fetch(q('x', 'baseline'))).toMatchObject({ ok: false, reason: 'no-data' });
    expect(await fileProvider({ file: keyed }).fetch(q('errors'))).toMatchObject({ ok: false, reason: 'nan' });
    expect(await fileProvider({ file: keyed }).fetch(q('errors', 'baseline'))).toMatchObject({ ok: false, reason: 'no-data' });
  });

  it('JSON keyed by metric: the query picks one; an unknown metric is no-data naming the known ones', async () => {
    expect(await fileProvider({ file: keyed }).fetch(q('latency', 'baseline'))).toMatchObject({ ok: true, samples: [2], source: `${keyed}#latency` });
    const r = await fileProvider({ file: keyed }).fetch(q('latncy'));
    expect(r).toMatchObject({ ok: false, reason: 'no-data', message: expect.stringContaining('latency, errors') });
  });

  it('CSV: rows per metric and variant; a folder with FILE#METRIC queries', async () => {
    const r = await fileProvider({ dir }).fetch(q('samples.csv#latency'));
    expect(r).toMatchObject({ ok: true, times: [T, T + 60], samples: [0.25, 0.26] });
    expect(await fileProvider({ file: csv }).fetch(q('latency', 'baseline'))).toMatchObject({ ok: true, samples: [0.2] });
  });

  it('the same data gives the same digest from JSON and CSV', async () => {
    const a = await fileProvider({ dir }).fetch(q('samples.csv#latency', 'baseline'));
    const b = await fileProvider({ file: keyed }).fetch(q('latency'));
    const c = write('same.csv', `time,variant,metric,value\n${T},canary,latency,1\n`);
    const d = await fileProvider({ file: c }).fetch(q('latency'));
    expect(a.ok && b.ok && d.ok && b.digest === d.digest && a.digest !== b.digest).toBe(true);
  });

  it('instant: the last sample within 5 minutes before the end', async () => {
    const r = await fileProvider({ file: single }).fetch(q('x', 'canary', { kind: 'instant', end: new Date((T + 170) * 1000) }));
    expect(r).toMatchObject({ ok: true, times: [T + 120], samples: [0.3] });
  });

  it('reads through an injected readText, each file once per provider (one evaluation sees one version of it)', async () => {
    let value = 1;
    const readText = async (file: string) => `time,variant,metric,value\n${T},canary,${path.basename(file)},${value++}\n${T},baseline,${path.basename(file)},7\n`;
    const provider = fileProvider({ file: '/virtual/m.csv', readText });
    expect(await provider.fetch(q('m.csv'))).toMatchObject({ ok: true, samples: [1], source: '/virtual/m.csv#m.csv' });
    expect(await provider.fetch(q('m.csv'))).toMatchObject({ ok: true, samples: [1] });
    expect(await provider.fetch(q('m.csv', 'baseline'))).toMatchObject({ ok: true, samples: [7] });
    expect(value).toBe(2);
    expect(await fileProvider({ file: '/virtual/m.csv', readText }).fetch(q('m.csv'))).toMatchObject({ ok: true, samples: [2] });
  });

  it('a query leaving the folder is a configuration error', async () => {
    await expect(fileProvider({ dir }).fetch(q('../etc/passwd.csv'))).rejects.toThrow(PhasegateError);
  });
});

describe('file provider: bad files are PhasegateErrors at file:line', () => {
  it.each([
    ['syntax.json', '{\n  "canary": [\n    {"t": 1, "v": 2},,\n  ]\n}', /syntax\.json:3:\d+: not valid JSON/],
    ['badtime.json', '{\n  "canary": [\n    {"t": 1, "v": 2},\n    {"t": "yesterday", "v": 2}\n  ]\n}', /badtime\.json:4:5: canary\.1: "t" must be/],
    ['badvalue.json', '{\n  "latency": {\n    "baseline": [{"t": 1, "v": "fast"}]\n  }\n}', /badvalue\.json:3:18: latency\.baseline\.0: "v" must be/],
    ['badkey.json', '{\n  "latency": {\n    "canry": []\n  }\n}', /badkey\.json:3:\d+: latency\.canry: unknown key/],
    ['top.json', '[1, 2]', /top\.json:1:1: \(top level\): expected an object/],
    ['header.csv', 'when,variant,metric,value\n', /header\.csv:1:1: expected the header "time,variant,metric,value"/],
    ['fields.csv', 'time,variant,metric,value\n1,canary,latency\n', /fields\.csv:2:1: expected 4 fields/],
    ['value.csv', 'time,variant,metric,value\n1,canary,latency,1\n\n2,canary,latency,\n', /value\.csv:4:1: value must be a number/],
    ['variant.csv', 'time,variant,metric,value\n1,green,latency,1\n', /variant\.csv:2:1: variant must be canary or baseline/],
    ['time.csv', 'time,variant,metric,value\nnoon,canary,latency,1\n', /time\.csv:2:1: time must be/],
    ['empty.csv', '# nothing\n', /empty\.csv:1:1: empty CSV/],
    ['samples.txt', 'x', /samples\.txt: sample files must end in \.json or \.csv/],
  ])('%s', async (name, text, error) => {
    const file = write(name, text);
    const err = await fileProvider({ file }).fetch(q('latency')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as Error).message).toMatch(error);
  });

  it('a missing file', async () => {
    await expect(fileProvider({ file: path.join(dir, 'missing.json') }).fetch(q('x'))).rejects.toThrow(/missing\.json: file not found/);
  });
});
