import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const EVIDENCE = JSON.stringify({
  schemaVersion: 1,
  metrics: { 'tests.total': 3, 'tests.failed': 1, 'coverage.line': 80 },
  items: [{ id: 's::c::t', kind: 'test', title: 't', level: 'failed', counts: ['tests.failed'] }],
  documents: [],
  sources: [],
});

/** Records one of each fact through the CLI into `store`, twice for the run (a retried step). */
function recordAll(store: string, cwd: string): void {
  const common = ['--store', store, '--project', 'acme'];
  const steps = [
    ['record', 'run', ...common, '--pipeline', 'ci', '--build', '41', '--commit', 'c41', '--branch', 'main', '--evidence', 'evidence.json', '--time', '2026-11-02T09:00:00Z'],
    ['record', 'run', ...common, '--pipeline', 'ci', '--build', '41', '--commit', 'c41', '--branch', 'main', '--evidence', 'evidence.json', '--time', '2026-11-02T09:00:00Z'],
    ['record', 'deployment', ...common, '--version', '1.4.0', '--commit', 'c41', '--commit-time', '2026-11-01T15:00:00Z', '--id', 'dep-1', '--time', '2026-11-02T10:00:00Z'],
    ['record', 'incident', ...common, '--severity', 'major', '--deployment', 'dep-1', '--resolved', '2026-11-02T13:30:00Z', '--time', '2026-11-02T11:00:00Z'],
    ['record', 'workitem', ...common, '--item', 'PAY-7', '--type', 'feature', '--state', 'done', '--weight', '3', '--time', '2026-11-02T12:00:00Z'],
  ];
  for (const args of steps) {
    const r = cli(args, { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
}

async function stored(url: string, cwd: string) {
  const store = await openStore(url.startsWith('file:') ? `file:${path.join(cwd, url.slice(5))}` : url);
  try {
    return (await store.query({ project: 'acme' })).map((r) => ({ kind: r.kind, time: r.time }));
  } finally {
    await store.close();
  }
}

const EXPECTED = [
  { kind: 'run', time: '2026-11-02T09:00:00.000Z' },
  { kind: 'deployment', time: '2026-11-02T10:00:00.000Z' },
  { kind: 'incident', time: '2026-11-02T11:00:00.000Z' },
  { kind: 'workitem', time: '2026-11-02T12:00:00.000Z' },
];

describe('phasegate record', () => {
  it('appends each fact once to the file store, a retried run included', async () => {
    const dir = tempDir({ 'evidence.json': EVIDENCE });
    recordAll('file:history', dir);
    expect(await stored('file:history', dir)).toEqual(EXPECTED);
  });

  it('says so when a run was already recorded', () => {
    const dir = tempDir({ 'evidence.json': EVIDENCE });
    const args = ['record', 'run', '--store', 'file:h', '--project', 'acme', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'main'];
    expect(cli(args, { cwd: dir }).stdout).toBe('recorded run ci#1 for acme\n');
    expect(cli(args, { cwd: dir }).stdout).toBe('recorded run ci#1 for acme (1 already recorded)\n');
  });

  it.each([
    [['record', 'workitem', '--project', 'a', '--item', 'X', '--state', 'finished'], "argument 'finished' is invalid. Allowed choices are open, in-progress, done."],
    [['record', 'run', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c'], "required option '--branch <name>' not specified"],
    [['record', 'incident', '--project', 'a', '--severity', 'major', '--time', 'noon'], 'expected an ISO-8601 date'],
    [['record', 'run', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'b', '--store', 'mysql://x'], 'mysql://x'],
    [['record', 'run', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'b', '--store', 'postgres://u:hunter2@127.0.0.1:1/db'], 'cannot connect to PostgreSQL at 127.0.0.1:1'],
  ])('bad input %j: exit 2 with one clear line', (args, message) => {
    const r = cli(args, { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('hunter2');
    expectNoStack(r.stderr);
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('phasegate record into PostgreSQL', () => {
  const pg = usePostgres();
  it('stores the same facts as the file store', async () => {
    const url = await pg().newDatabase();
    const dir = tempDir({ 'evidence.json': EVIDENCE });
    recordAll(url, dir);
    expect(await stored(url, dir)).toEqual(EXPECTED);
  });
});
