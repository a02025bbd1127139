/**
 * The HistoryStore contract: one suite run against every adapter (file and PostgreSQL), so
 * both keep the same promises about order, filters, dedup, projects, prune and validation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import type { HistoryStore } from '../../src/store/port.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { deployment, ids, oneOfEach, plan, run, verdict } from './builders.js';

/** A fresh, empty store location that can be opened any number of times. */
export interface StoreLocation {
  open(): Promise<HistoryStore>;
}

type Open = (loc?: StoreLocation) => Promise<{ store: HistoryStore; loc: StoreLocation }>;

/** The contract: append, read back, order and dedup. */
function writesAndReads(open: Open): void {
  it('appends a batch, returns how many were new and reads every kind back unchanged', async () => {
    const { store, loc } = await open();
    const records = oneOfEach();
    expect(await store.append(records)).toBe(6);
    const again = (await open(loc)).store;
    expect(await again.query({})).toEqual(records);
    expect(store.warnings()).toEqual([]);
  });

  it('orders by time then id, across months and whatever the fractional precision', async () => {
    const { store } = await open();
    await store.append([
      run('b', '2026-03-01T00:00:00.000Z'),
      run('z', '2026-01-15T10:00:00.5Z'),
      run('a', '2026-03-01T00:00:00Z'),
      run('y', '2026-01-15T10:00:00.100Z'),
      run('c', '2025-12-31T23:59:59.999Z'),
    ]);
    expect(ids(await store.query({}))).toEqual(['c', 'y', 'z', 'a', 'b']);
  });

  it('skips ids already stored, also within one batch (the first wins) and across instances', async () => {
    const { store, loc } = await open();
    expect(await store.append([run('x', '2026-01-01T00:00:00Z'), run('x', '2026-02-01T00:00:00Z', 'other')])).toBe(1);
    const second = (await open(loc)).store;
    expect(await second.append([run('x', '2026-05-01T00:00:00Z'), run('y', '2026-01-02T00:00:00Z')])).toBe(1);
    expect(await store.append([run('y', '2026-01-02T00:00:00Z')])).toBe(0);
    const all = await store.query({});
    expect(all.map((r) => [r.id, r.project, r.time])).toEqual([
      ['x', 'acme', '2026-01-01T00:00:00Z'],
      ['y', 'acme', '2026-01-02T00:00:00Z'],
    ]);
    expect(await store.append([])).toBe(0);
  });
}

/** The contract: filters, projects and retention. */
function filtersAndProjects(open: Open): void {
  it('filters by project, kinds and a [from, to) time range', async () => {
    const { store } = await open();
    await store.append([...oneOfEach('acme'), run('o1', '2026-01-02T12:00:00.000Z', 'other'), verdict('o2', '2026-02-01T00:00:00.000Z', 'other')]);
    expect(ids(await store.query({ project: 'other' }))).toEqual(['o1', 'o2']);
    expect(ids(await store.query({ kinds: ['verdict'] }))).toEqual(['v1', 'o2']);
    expect(ids(await store.query({ kinds: ['run', 'plan'], project: 'acme' }))).toEqual(['r1', 'p1']);
    expect(ids(await store.query({ kinds: [] })).length).toBe(8);
    expect(ids(await store.query({ from: '2026-01-03T00:00:00.000Z', to: '2026-01-05T00:00:00Z' }))).toEqual(['v1', 'd1']);
    expect(ids(await store.query({ from: '2026-01-07', project: 'acme' }))).toEqual(['p1']);
    expect(ids(await store.query({ to: '2026-01-02T12:00:00+00:00' }))).toEqual(['r1']);
    expect(await store.query({ project: 'nobody' })).toEqual([]);
  });

  it('lists projects sorted by code point, each once', async () => {
    const { store } = await open();
    expect(await store.projects()).toEqual([]);
    await store.append([run('1', '2026-01-01T00:00:00Z', 'beta'), run('2', '2026-01-01T00:00:00Z', 'Zeta'), run('3', '2026-02-01T00:00:00Z', 'beta'), run('4', '2026-01-01T00:00:00Z', 'äpfel'), run('5', '2026-01-01T00:00:00Z', '支付')]);
    expect(await store.projects()).toEqual(['Zeta', 'beta', 'äpfel', '支付']);
  });

  it('prunes records older than a time, whole months and within a month, and counts them', async () => {
    const { store } = await open();
    await store.append([run('a', '2025-11-30T00:00:00Z'), run('b', '2025-12-10T00:00:00Z'), deployment('c', '2026-01-05T00:00:00Z'), plan('d', '2026-01-20T00:00:00Z'), run('e', '2026-02-01T00:00:00Z')]);
    expect(await store.prune('2026-01-10T00:00:00Z')).toBe(3);
    expect(ids(await store.query({}))).toEqual(['d', 'e']);
    expect(await store.prune('2026-01-10T00:00:00Z')).toBe(0);
    expect(await store.append([run('a', '2025-11-30T00:00:00Z')])).toBe(1);
    expect(await store.prune('2026-02-01T00:00:00Z')).toBe(2);
    expect(ids(await store.query({}))).toEqual(['e']);
  });
}

/** The contract: what every store refuses. */
function refusals(open: Open): void {
  it('refuses invalid records with every problem listed and writes none of the batch', async () => {
    const { store } = await open();
    const bad = [
      run('ok', '2026-01-01T00:00:00Z'),
      { ...run('t', '2026-01-01T00:00:00+02:00'), extra: 1 },
      { ...verdict('v', '2026-01-01T00:00:00Z'), status: 'maybe' },
      { schemaVersion: 1, kind: 'run' },
    ] as unknown as HistoryRecord[];
    const err = await store.append(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    const lines = (err as PhasegateError).diagnostics.map((d) => d.message);
    expect(lines).toEqual(expect.arrayContaining([
      'history record 2 (id "t"): /time: must be an ISO-8601 UTC time such as 2026-11-21T09:00:00.000Z',
      'history record 2 (id "t"): /: unknown property "extra"',
      'history record 3 (id "v"): /status: must be one of "pass", "warn", "fail"',
      "history record 4: /: must have required property 'id'",
    ]));
    expect(lines.some((l) => l.startsWith('history record 1'))).toBe(false);
    expect(await store.query({})).toEqual([]);
  });

  it('refuses strings no store can keep, ids with spaces and bad query bounds', async () => {
    const { store } = await open();
    await expect(store.append([run('n', '2026-01-01T00:00:00Z', 'acme', { commit: 'a\u0000b' })])).rejects.toThrow(/NUL character/);
    await expect(store.append([run('has space', '2026-01-01T00:00:00Z')])).rejects.toThrow(/printable ASCII/);
    await expect(store.append([run('feb', '2026-02-30T00:00:00Z')])).rejects.toThrow(/ISO-8601 UTC/);
    await expect(store.append([run('y0', '0000-01-01T00:00:00Z')])).rejects.toThrow(/ISO-8601 UTC/);
    await expect(store.query({ from: 'yesterday' })).rejects.toThrow(PhasegateError);
    await expect(store.query({ to: '2026-01-01T00:00:00' })).rejects.toThrow(/with a zone/);
    await expect(store.prune('soon')).rejects.toThrow(/prune before "soon"/);
    expect(await store.query({})).toEqual([]);
  });
}

/** Defines the contract suite for an adapter; `fresh` makes a new empty location per test. */
export function storeContract(name: string, fresh: () => Promise<StoreLocation>): void {
  describe(`HistoryStore contract: ${name}`, () => {
    const opened: HistoryStore[] = [];
    const open: Open = async (loc) => {
      const l = loc ?? (await fresh());
      const store = await l.open();
      opened.push(store);
      return { store, loc: l };
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    writesAndReads(open);
    filtersAndProjects(open);
    refusals(open);
  });
}
