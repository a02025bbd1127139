import { describe, expect, it } from 'vitest';
import { formatDiagnostic, PhasegateError } from '../../src/errors.js';
import { computeKpis, loadDefectsFile } from '../../src/metrics/index.js';
import type { Defect } from '../../src/metrics/types.js';
import { tempDir } from '../helpers/cli.js';
import { PROJECT, run } from './helpers.js';

function load(name: string, content: string): Defect[] {
  return loadDefectsFile(name, { cwd: tempDir({ [name]: content }) });
}

function problems(name: string, content: string): string[] {
  try {
    load(name, content);
  } catch (err) {
    if (err instanceof PhasegateError) return err.diagnostics.map(formatDiagnostic);
    throw err;
  }
  return [];
}

const JIRA = [
  'Issue key,Summary,Priority,Status,Resolution,Created,Resolved,Linked commit,Files',
  'PAY-1,Rounding,Blocker,Closed,Fixed,2026-09-01 10:22,2026-09-03 08:00,a1b2c3d4e5,src/pay/round.ts',
  'PAY-2,"Comma, in ""title""",Major,Open,,2026-09-02,,,"src/pay/a.ts;src/pay/b.ts"',
  'PAY-3,Dup,Minor,Closed,Duplicate,2026-09-02,2026-09-02,,',
  'PAY-4,Later,P2,In Progress,,2026-09-20T08:00:00+08:00,,,',
].join('\r\n');

describe('reading tracker exports', () => {
  it('a Jira-style CSV: column names, severities, dates and lists', () => {
    expect(load('defects.csv', JIRA)).toEqual([
      { id: 'PAY-1', severity: 'critical', opened: '2026-09-01T10:22:00.000Z', closed: '2026-09-03T08:00:00.000Z', status: 'closed', resolution: 'fixed', commits: ['a1b2c3d4e5'], files: ['src/pay/round.ts'] },
      { id: 'PAY-2', severity: 'high', opened: '2026-09-02T00:00:00.000Z', status: 'open', commits: [], files: ['src/pay/a.ts', 'src/pay/b.ts'] },
      { id: 'PAY-3', severity: 'low', opened: '2026-09-02T00:00:00.000Z', closed: '2026-09-02T00:00:00.000Z', status: 'closed', resolution: 'duplicate', commits: [], files: [] },
      { id: 'PAY-4', severity: 'medium', opened: '2026-09-20T00:00:00.000Z', status: 'in progress', commits: [], files: [] },
    ]);
  });

  it('a GitHub-style JSON array with nested names and lists', () => {
    const json = JSON.stringify([{ number: 7, labels: 'bug', severity: { name: 'S1' }, created_at: '2026-09-01T00:00:00Z', closed_at: null, commits: ['abc1234'], files: ['./src\\x.ts'] }]);
    expect(load('d.json', json)).toEqual([{ id: '7', severity: 'critical', opened: '2026-09-01T00:00:00.000Z', commits: ['abc1234'], files: ['src/x.ts'] }]);
  });

  it('semicolon-separated exports and { "defects": [...] }', () => {
    expect(load('d.csv', 'ID;Severity\nB-1;high\n').map((d) => d.severity)).toEqual(['high']);
    expect(load('d.json', '{"defects":[{"key":"B-2"}]}').map((d) => d.id)).toEqual(['B-2']);
  });

  it.each([
    ['no id column', 'd.csv', 'Title,Severity\nx,high\n', ['d.csv:1:1: no id column in the header (expected an id, key or number column; the header has 2 columns)']],
    ['an unknown severity', 'd.csv', 'id,severity\nB-1,hgih\n', ['d.csv:2:1: defect B-1: unknown severity "hgih" (use critical, high, medium or low, or blocker/major/minor/trivial, P0-P4, S1-S4; did you mean "high"?)']],
    ['a bad date', 'd.csv', 'id,created\nB-1,\n"B-2","01/09/2026"\n', ['d.csv:3:1: defect B-2: opened "01/09/2026" is not a date; use ISO-8601 such as 2026-09-01 or 2026-09-01T10:22:00Z']],
    ['closed before opened', 'd.csv', 'id,created,resolved\nB-1,2026-09-02,2026-09-01\n', ['d.csv:2:1: defect B-1: closed 2026-09-01T00:00:00.000Z is before opened 2026-09-02T00:00:00.000Z']],
    ['a row without id, a quoted cell over two lines before it', 'd.csv', 'id,summary\nB-1,"two\nlines"\n,empty id\n', ['d.csv:4:1: the defect has no id (an id, key or number column)']],
    ['an id twice', 'd.csv', 'id\nB-1\nB-1\n', ['d.csv:3:1: defect B-1 is listed twice (first at line 2); keep one']],
    ['an unclosed quote', 'd.csv', 'id,summary\nB-1,"open\n', ['d.csv:2:1: a quoted field is never closed; close it with "']],
    ['a JSON row that is not an object', 'd.json', '[\n  {"id": "B-1"},\n  42\n]', ['d.json:3:3: defect #2 must be an object']],
    ['a bad JSON row', 'd.json', '[\n  {"id": "B-1"},\n  {"id": "B-2", "severity": "meh"}\n]', ['d.json:3:3: defect B-2: unknown severity "meh" (use critical, high, medium or low, or blocker/major/minor/trivial, P0-P4, S1-S4)']],
    ['a JSON syntax error', 'd.json', '[\n  {"id": "B-1",}\n]', [expect.stringMatching(/^d\.json:2:\d+: invalid JSON/)]],
  ])('%s', (_n, name, content, expected) => {
    expect(problems(name, content)).toEqual(expected);
  });
});

describe('defect density', () => {
  const defects = load('defects.csv', JIRA);
  const asOf = new Date('2026-09-10T00:00:00Z');
  const evidence = { 'size.kloc': 12.5, 'size.newKloc': 0.8, 'tests.failed': 2, 'security.high': 1, 'security.newHigh': 1 };

  it('confirmed defects per KLOC: rejected ones and ones opened after asOf are left out, closed ones count', () => {
    const r = computeKpis({ project: PROJECT, asOf, records: [], defects, evidence });
    // confirmed by 10 Sep: PAY-1 (closed, fixed) and PAY-2; PAY-3 duplicate, PAY-4 opened 20 Sep → 2 / 12.5 = 0.16
    expect(r.kpis['defects.density']).toBeCloseTo(0.16, 10);
    expect(r.kpis['defects.open']).toBe(1); // PAY-2
    expect(r.kpis['defects.high']).toBe(1);
    expect(r.kpis['defects.critical']).toBe(0);
    expect(r.kpis['defects.density.critical']).toBeCloseTo(0.08, 10); // PAY-1: 1 / 12.5
    expect(r.defects).toMatchObject({ confirmed: 2, rejected: 2, open: 1 });
    expect(r.notMeasured).toContainEqual({ kpi: 'defects.newDensity', reason: 'the change is unknown: give the evidence of the change, collected with --base REF (its changed files tie defects to the change)' });
  });

  it('defects tied to the change per changed KLOC, by linked commit prefix or file', () => {
    const change = { commits: ['a1b2c3d4e5f6a7b8'], files: ['src/pay/b.ts'], since: '2026-09-01T12:00:00Z' };
    const r = computeKpis({ project: PROJECT, asOf, records: [], defects, evidence, options: { change } });
    // PAY-1 (commit a1b2c3d4e5 is a prefix) and PAY-2 (file src/pay/b.ts): 2 / 0.8 = 2.5
    expect(r.defects?.change).toEqual(['PAY-1', 'PAY-2']);
    expect(r.kpis['defects.newDensity']).toBeCloseTo(2.5, 10);
  });

  it('adds the evidence counts chosen with countEvidence (new code: their new counterparts)', () => {
    const r = computeKpis({ project: PROJECT, asOf, records: [], defects, evidence, options: { countEvidence: ['tests.failed', 'security.high'], change: { files: ['src/pay/b.ts'], since: '2026-09-01T00:00:00Z' } } });
    // overall: (2 defects + 2 failed tests + 1 high finding) / 12.5 = 0.4; new: (PAY-2 + 1 new high) / 0.8 = 2.5
    expect(r.kpis['defects.density']).toBeCloseTo(0.4, 10);
    expect(r.kpis['defects.newDensity']).toBeCloseTo(2.5, 10);
    expect(r.defects?.fromEvidence).toEqual({ 'tests.failed': 2, 'security.high': 1 });
  });

  it("ties a defect by file only when opened at or after the change's first commit; by commit whatever its date", () => {
    const on = (since: string, extra: { commits?: string[] } = {}) =>
      computeKpis({ project: PROJECT, asOf, records: [], defects, evidence, options: { change: { files: ['src/pay/round.ts', 'src/pay/b.ts'], since, ...extra } } });
    // PAY-1 (opened 1 Sep 10:22) touches round.ts, PAY-2 (opened 2 Sep 00:00) b.ts.
    // The change began 1 Sep 12:00: PAY-1 is older than the change, a defect of the old code → 1 / 0.8 = 1.25.
    expect(on('2026-09-01T12:00:00Z').defects?.change).toEqual(['PAY-2']);
    expect(on('2026-09-01T12:00:00Z').kpis['defects.newDensity']).toBeCloseTo(1.25, 10);
    // Opened exactly at the first commit counts; a change begun after both ties neither → 0 / 0.8.
    expect(on('2026-09-02T00:00:00Z').defects?.change).toEqual(['PAY-2']);
    expect(on('2026-09-05T00:00:00Z').defects?.change).toEqual([]);
    expect(on('2026-09-05T00:00:00Z').kpis['defects.newDensity']).toBe(0);
    // A linked commit of the change ties PAY-1 whatever its date.
    expect(on('2026-09-05T00:00:00Z', { commits: ['a1b2c3d4e5'] }).defects?.change).toEqual(['PAY-1']);
  });

  it('a defect with no opened date is not tied by file; changed files without a first-commit time tie nothing', () => {
    const undated = [{ id: 'X-1', commits: [], files: ['src/pay/b.ts'] }];
    const r = computeKpis({ project: PROJECT, asOf, records: [], defects: undated, evidence, options: { change: { files: ['src/pay/b.ts'], since: '2026-09-01T00:00:00Z' } } });
    expect(r.defects?.change).toEqual([]);
    const unknown = computeKpis({ project: PROJECT, asOf, records: [], defects, evidence, options: { change: { files: ['src/pay/b.ts'] } } });
    expect(unknown.kpis).not.toHaveProperty('defects.newDensity');
    expect(unknown.notMeasured).toContainEqual({
      kpi: 'defects.newDensity',
      reason: "the change's first commit time is unknown, so no defect can be tied to it by file: collect the evidence with --base (it records changes.since) or give change.since",
    });
  });

  it('takes size.kloc from the latest run when the evidence lacks it, and explains when it is nowhere', () => {
    const runs = [run('r1', '2026-09-01T00:00:00Z', { metrics: { 'size.kloc': 10 } }), run('r2', '2026-09-05T00:00:00Z', { metrics: { 'size.kloc': 20 } })];
    expect(computeKpis({ project: PROJECT, asOf, records: runs, defects }).kpis['defects.density']).toBeCloseTo(0.1, 10); // 2 / 20
    const none = computeKpis({ project: PROJECT, asOf, records: [], defects });
    expect(none.kpis).not.toHaveProperty('defects.density');
    expect(none.notMeasured).toContainEqual({ kpi: 'defects.density', reason: 'size.kloc is in neither the evidence nor the run history; collect with --source' });
  });

  it('the trend: defects found per KLOC in each complete week, with the KLOC of that time', () => {
    const runs = [run('r1', '2026-08-20T00:00:00Z', { metrics: { 'size.kloc': 10 } }), run('r2', '2026-09-03T00:00:00Z', { metrics: { 'size.kloc': 20 } })];
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-09-15T00:00:00Z'), records: runs, defects, options: { periods: 2 } });
    // weeks of 31 Aug (PAY-1 on 1 Sep, PAY-2 on 2 Sep; KLOC 20 from 3 Sep) and 7 Sep (none)
    expect(r.defects?.trend).toEqual([
      { period: '2026-08-31', found: 2, kloc: 20, density: 0.1 },
      { period: '2026-09-07', found: 0, kloc: 20, density: 0 },
    ]);
  });

  it('without a defects file nothing defect-related is measured', () => {
    const r = computeKpis({ project: PROJECT, asOf, records: [] });
    expect(r.defects).toBeNull();
    expect(r.notMeasured.filter((n) => n.kpi.startsWith('defects.')).map((n) => n.kpi)).toEqual(['defects.density', 'defects.newDensity', 'defects.open']);
  });
});
