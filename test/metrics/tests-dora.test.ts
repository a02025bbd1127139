import { describe, expect, it } from 'vitest';
import { changeFailureBand, computeKpis, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand } from '../../src/metrics/index.js';
import { doraKpis } from '../../src/metrics/dora.js';
import type { At } from '../../src/metrics/history.js';
import type { DeploymentRecord, IncidentRecord } from '../../src/store/records.js';
import { deploy, incident, PROJECT, run, t } from './helpers.js';

const asOf = new Date('2026-10-01T00:00:00Z');

describe('test analytics', () => {
  const runs = [
    // week of 14 Sep
    run('r1', '2026-09-14T10:00:00Z', { commit: 'aaa', metrics: { 'tests.passed': 9, 'tests.failed': 1, 'tests.total': 10 }, tests: [t('A', 'passed', 1), t('B', 'failed', 4), t('C', 'passed', 9)] }),
    run('r2', '2026-09-15T10:00:00Z', { commit: 'aaa', metrics: { 'tests.passed': 10, 'tests.total': 10 }, tests: [t('A', 'passed', 3), t('B', 'passed', 6), t('C', 'skipped')] }),
    // week of 21 Sep
    run('r3', '2026-09-22T10:00:00Z', { commit: 'bbb', branch: 'feature/x', tests: [t('A', 'failed', 2), t('B', 'passed', 5), t('D', 'flaky', 1)] }),
    run('r4', '2026-09-23T10:00:00Z', { commit: 'ccc', branch: 'feature/x', tests: [t('A', 'failed'), t('B', 'failed'), t('C', 'errored')] }),
  ];
  const r = computeKpis({ project: PROJECT, asOf, records: runs, options: { periods: 3 } });

  it('flaky tests: an outcome flip on one commit, or recorded as flaky', () => {
    // B flipped failed → passed on aaa; D was recorded flaky; A failed on bbb and ccc but never flipped on one commit
    expect(r.tests?.flaky).toEqual([
      { id: 'B', commits: ['aaa'], recordedFlaky: 0 },
      { id: 'D', commits: [], recordedFlaky: 1 },
    ]);
    // distinct tests 4 (A, B, C, D) but a run reported tests.total 10: the rate is 2 / 10
    expect(r.tests?.testsSeen).toBe(10);
    expect(r.kpis['tests.flakyRate']).toBeCloseTo(20, 10);
  });

  it('pass rate per week, from run metrics or per-test outcomes', () => {
    // 14 Sep: (9 + 10) / (10 + 10) = 95 %; 21 Sep: r3 2 of 3 (A failed; B passed, D flaky counts as passed), r4 0 of 3 → 2 / 6
    expect(r.tests?.passRate).toEqual([
      { period: '2026-09-07', runs: 0, passed: 0, executed: 0 },
      { period: '2026-09-14', runs: 2, passed: 19, executed: 20, passRate: 95 },
      { period: '2026-09-21', runs: 2, passed: 2, executed: 6, passRate: (2 / 6) * 100 },
    ]);
  });

  it('slowest tests by median duration', () => {
    // C: 9; B: median(4, 6, 5) = 5; A: median(1, 3, 2) = 2; D: 1
    expect(r.tests?.slowest).toEqual([
      { id: 'C', medianSeconds: 9, runs: 1 },
      { id: 'B', medianSeconds: 5, runs: 3 },
      { id: 'A', medianSeconds: 2, runs: 3 },
      { id: 'D', medianSeconds: 1, runs: 1 },
    ]);
  });

  it("new failures: failing in the latest run, not failing in main's last run", () => {
    // latest r4 fails A, B, C; main's last run r2 passed A and B and skipped C → all three are new
    expect(r.tests?.newFailures?.tests).toEqual(['A', 'B', 'C']);
    expect(r.tests?.newFailures?.base.id).toBe('r2');
    expect(r.kpis['tests.newFailures']).toBe(3);
  });

  it('is not measured without runs, or without per-test outcomes', () => {
    const none = computeKpis({ project: PROJECT, asOf, records: [] });
    expect(none.notMeasured).toContainEqual({ kpi: 'tests.flakyRate', reason: 'no runs recorded for this project' });
    const bare = computeKpis({ project: PROJECT, asOf, records: [run('r1', '2026-09-20T00:00:00Z')] });
    expect(bare.notMeasured).toContainEqual({ kpi: 'tests.flakyRate', reason: 'no run in the last 30 days recorded per-test outcomes' });
    expect(bare.notMeasured).toContainEqual({ kpi: 'tests.newFailures', reason: 'no run of the base branch "main" with per-test outcomes to compare the latest run with' });
  });
});

describe('DORA', () => {
  // 30-day window 1 Sep – 1 Oct; 6 production deployments reach production, one failed deploy never did
  const records = [
    deploy('d0', '2026-08-20T00:00:00Z', { commitTime: '2026-08-19T00:00:00Z' }), // before the window
    deploy('d1', '2026-09-02T12:00:00Z', { commitTime: '2026-09-02T00:00:00Z' }), // lead 12 h
    deploy('d2', '2026-09-05T00:00:00Z', { commitTime: '2026-09-03T00:00:00Z' }), // 48 h
    deploy('d3', '2026-09-10T00:00:00Z', { commitTime: '2026-09-09T18:00:00Z', status: 'rolled_back' }), // 6 h
    deploy('d4', '2026-09-15T00:00:00Z', { commitTime: '2026-09-14T00:00:00Z' }), // 24 h
    deploy('d5', '2026-09-20T00:00:00Z', { commitTime: '2026-09-21T00:00:00Z' }), // commit after the deploy: not a lead time
    deploy('d6', '2026-09-25T00:00:00Z', { commitTime: '2026-09-21T00:00:00Z' }), // 96 h
    deploy('dx', '2026-09-26T00:00:00Z', { status: 'failed' }),
    deploy('s1', '2026-09-26T00:00:00Z', { environment: 'staging' }),
    incident('i1', '2026-09-05T02:00:00Z', { deployment: 'd2', resolved: '2026-09-05T05:00:00Z' }), // 3 h
    incident('i2', '2026-09-21T00:00:00Z', { resolved: '2026-09-21T00:30:00Z' }), // 0.5 h
    incident('i3', '2026-09-28T00:00:00Z', { deployment: 'd6' }), // unresolved
  ];
  const r = computeKpis({ project: PROJECT, asOf, records });

  it('the four keys', () => {
    expect(r.dora?.deployments).toBe(6);
    expect(r.kpis['dora.deploymentFrequency']).toBeCloseTo(6 / 30, 10); // 0.2 a day
    expect(r.kpis['dora.leadTime']).toBe(24); // median of 6, 12, 24, 48, 96 hours
    // failed: d2 and d6 caused incidents, d3 rolled back → 3 of 6
    expect(r.dora?.changeFailureRate?.failed).toEqual(['d2', 'd3', 'd6']);
    expect(r.kpis['dora.changeFailureRate']).toBeCloseTo(50, 10);
    // only i1 was caused by a deployment: from d2's deployment (5 Sep 00:00) to the restore (05:00) = 5 h;
    // i2 named no deployment and is left out, i3 is unresolved
    expect(r.kpis['dora.timeToRestore']).toBe(5);
    expect(r.dora?.timeToRestore).toMatchObject({ incidents: 1, unresolved: 1, notCaused: 1 });
  });

  it("deployment frequency as a rate and as Four Keys' deploy-days per week", () => {
    // 4 whole weeks back from 1 Oct: (24 Sep, 1 Oct] d6; (17, 24] d5; (10, 17] d4; (3, 10] d2 and d3 on two days
    expect(r.dora?.deploymentFrequency).toEqual({ value: 0.2, perWeek: 1.4, band: 'high', deployDaysPerWeek: 1, weeks: 4, fourKeys: 'weekly' });
  });

  it('bands from the 2023 report', () => {
    expect(r.dora).toMatchObject({
      deploymentFrequency: { band: 'high' }, // 0.2 a day: between weekly and daily
      leadTime: { band: 'high' }, // 24 h: between a day and a week
      changeFailureRate: { band: 'low' },
      timeToRestore: { band: 'high' }, // under a day
    });
  });

  it.each([
    [deploymentFrequencyBand, [[3, 'elite'], [1, 'elite'], [0.99, 'high'], [1 / 7, 'high'], [0.1, 'medium'], [12 / 365, 'medium'], [0.01, 'low']]],
    [leadTimeBand, [[0.5, 'elite'], [23.9, 'elite'], [24, 'high'], [168, 'high'], [169, 'medium'], [720, 'medium'], [721, 'low']]],
    // nearest 2023 cluster value (5, 10, 15, 64 %): boundaries at 7.5, 12.5 and 39.5 %
    [changeFailureBand, [[0, 'elite'], [5, 'elite'], [7.5, 'elite'], [7.6, 'high'], [10, 'high'], [12.5, 'high'], [12.6, 'medium'], [15, 'medium'], [16, 'medium'], [39.5, 'medium'], [39.6, 'low'], [64, 'low']]],
    [timeToRestoreBand, [[0.9, 'elite'], [1, 'high'], [23.9, 'high'], [24, 'medium'], [168, 'medium'], [169, 'low']]],
  ] as const)('%o bands', (band, cases) => {
    for (const [value, expected] of cases) expect([value, band(value)]).toEqual([value, expected]);
  });

  it('another environment, and nothing deployed', () => {
    expect(computeKpis({ project: PROJECT, asOf, records, options: { environment: 'staging' } }).dora?.deployments).toBe(1);
    const none = computeKpis({ project: PROJECT, asOf, records: [] });
    expect(none.dora).toBeNull();
    expect(none.notMeasured.filter((n) => n.kpi.startsWith('dora.'))).toEqual([
      { kpi: 'dora.changeFailureRate', reason: 'no deployment to production recorded' },
      { kpi: 'dora.deploymentFrequency', reason: 'no deployment to production recorded' },
      { kpi: 'dora.leadTime', reason: 'no deployment to production recorded' },
      { kpi: 'dora.timeToRestore', reason: 'no deployment to production recorded' },
    ]);
  });
});

const H = 3_600_000;
const at = <T extends { time: string }>(r: T): At<T> => ({ r, ms: Date.parse(r.time) });

describe('DORA lead time per commit (DORA, Four Keys)', () => {
  // The case: 16 deployments, each bringing three commits. Earliest commits 90 h (8
  // deployments) and 115 h (8) before their deployment; a second commit 65.5 h before; a third
  // 2, 3, …, 17 h before. Once per deployment from its earliest commit: median(8 × 90, 8 × 115)
  // = 102.5 h. Per commit (Four Keys' lead_time_for_changes.sql, one row per deployment ×
  // change): 48 lead times, 16 below 65.5, 16 at 65.5, 16 above → median 65.5 h
  // (R: median(c(rep(90,8), rep(115,8), rep(65.5,16), 2:17)) = 65.5).
  const end = Date.parse('2026-10-01T00:00:00Z');
  const deployments = Array.from({ length: 16 }, (_, i) => {
    const ms = end - (i + 1) * 36 * H;
    const ago = (h: number) => new Date(ms - h * H).toISOString();
    const earliest = i < 8 ? 90 : 115;
    return at(deploy(`p${i}`, new Date(ms).toISOString(), {
      commitTime: ago(earliest),
      commits: [{ sha: `a${i}`, time: ago(earliest) }, { sha: `b${i}`, time: ago(65.5) }, { sha: `c${i}`, time: ago(2 + i) }],
    }));
  });
  const input = { incidents: [] as At<IncidentRecord>[], asOf: end, windowDays: 30, environment: 'production' };

  it('is the median over every commit: 65.5 h, not 102.5 h', () => {
    const r = doraKpis({ ...input, deployments }).report;
    expect(r?.leadTime).toEqual({ value: 65.5, band: 'high', deployments: 16, commits: 48 });
  });

  it('falls back to commitTime for deployments recorded without commits (older records)', () => {
    const old = deployments.map((d) => at({ ...d.r, commits: undefined } as DeploymentRecord));
    expect(doraKpis({ ...input, deployments: old }).report?.leadTime).toEqual({ value: 102.5, band: 'high', deployments: 16, commits: 16 });
  });
});

describe('DORA window length', () => {
  // A library releasing every few months: 2 releases in the last 180 days, none in the last 30.
  const deployments = [at(deploy('v1', '2026-06-01T00:00:00Z')), at(deploy('v2', '2026-08-15T00:00:00Z'))];
  const base = { deployments, incidents: [] as At<IncidentRecord>[], asOf: Date.parse('2026-10-01T00:00:00Z'), environment: 'production' };

  it('30 days shows none; 180 days shows 2 / 180 a day, 0.078 a week, band low, Four Keys yearly', () => {
    expect(doraKpis({ ...base, windowDays: 30 }).report?.deploymentFrequency?.value).toBe(0);
    const long = doraKpis({ ...base, windowDays: 180 }).report!;
    expect(long.window.days).toBe(180);
    expect(long.deploymentFrequency?.value).toBeCloseTo(2 / 180, 12);
    expect(long.deploymentFrequency?.perWeek).toBeCloseTo(14 / 180, 12);
    // 2 / 180 = 0.0111 a day < 12 / 365 = 0.0329 (monthly): low
    expect(long.deploymentFrequency?.band).toBe('low');
    // 25 whole weeks, 2 with a deployment; 4-week blocks: 7 blocks, 2 with one → median 0 → yearly
    expect(long.deploymentFrequency).toMatchObject({ weeks: 25, deployDaysPerWeek: 0, fourKeys: 'yearly' });
  });

  it('a window under a week gives the rate but no deploy-days per week', () => {
    const r = doraKpis({ ...base, deployments: [at(deploy('v3', '2026-09-30T00:00:00Z'))], windowDays: 3 }).report!;
    expect(r.deploymentFrequency).toEqual({ value: 1 / 3, perWeek: 7 / 3, band: 'high' });
  });
});

describe('DORA time to restore: only failures a deployment caused, from that deployment', () => {
  const deployments = [at(deploy('d1', '2026-09-10T00:00:00Z')), at(deploy('d2', '2026-09-20T00:00:00Z', { version: '2.0.0' }))];
  const incidents = [
    at(incident('i1', '2026-09-10T06:00:00Z', { deployment: 'd1', resolved: '2026-09-10T08:00:00Z' })), // 8 h from d1
    at(incident('i2', '2026-09-21T00:00:00Z', { deployment: '2.0.0', resolved: '2026-09-21T12:00:00Z' })), // by version: 36 h from d2
    at(incident('i3', '2026-09-22T00:00:00Z', { resolved: '2026-09-22T00:10:00Z' })), // no deployment named: left out
    at(incident('i4', '2026-09-23T00:00:00Z', { deployment: 'unknown', resolved: '2026-09-23T01:00:00Z' })), // not recorded: left out
  ];
  const r = doraKpis({ deployments, incidents, asOf: Date.parse('2026-10-01T00:00:00Z'), windowDays: 30, environment: 'production' }).report!;

  it('median of 8 h and 36 h = 22 h (band high: under a day)', () => {
    expect(r.timeToRestore).toEqual({ value: 22, band: 'high', incidents: 2, unresolved: 0, notCaused: 2 });
  });

  it('is not measured when no incident names a deployment', () => {
    const t = doraKpis({ deployments, incidents: [incidents[2]!], asOf: Date.parse('2026-10-01T00:00:00Z'), windowDays: 30, environment: 'production' });
    expect(t.report?.timeToRestore).toBeUndefined();
    expect(t.tally.notMeasured).toContainEqual({ kpi: 'dora.timeToRestore', reason: 'no incident started in the last 30 days, named the deployment that caused it (record incident --deployment) and was resolved' });
  });
});
