/**
 * The core every edge calls (src/core): the gate sees the project's KPIs under the evidence's
 * metrics, records are built with stable ids, and the report puts given verdicts over recorded
 * ones. The project is the hand-calculated one of test/metrics/fixtures.ts (SPI 0.8 on 26 Jul).
 */
import { describe, expect, it } from 'vitest';
import { earlierRuns, exitCodeFor, gateMetrics, planRecord, projectReport, readProjectHistory, runGate, runRecords } from '../../src/core/index.js';
import type { HistoryStore } from '../../src/store/port.js';
import type { HistoryRecord } from '../../src/store/records.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { evidence, metricRule, policy } from '../helpers/builders.js';
import { PLAN, RECORDS } from '../metrics/fixtures.js';
import { PROJECT } from '../metrics/helpers.js';

const NOW = new Date('2026-07-26T00:00:00Z');
const testItem = (id: string, level: string): EvidenceItem => ({ id, kind: 'test', title: id, level, counts: [] });
const history = { project: PROJECT, records: [...RECORDS], plan: PLAN };
const spiRule = policy([metricRule('on-schedule', 'schedule.spi', '>=', 0.9)]);

describe('runGate', () => {
  it('judges a KPI of the history: SPI 0.8 fails ">= 0.9"', () => {
    const v = runGate({ policy: spiRule, evidence: evidence(), phase: 'testing', now: NOW, history });
    expect(v.status).toBe('fail');
    expect(v.rules[0]).toMatchObject({ id: 'on-schedule', actual: 0.8, threshold: 0.9 });
    expect(exitCodeFor(v.status, false)).toBe(1);
  });

  it('the evidence wins over a KPI of the same name; without history the KPI is missing', () => {
    expect(runGate({ policy: spiRule, evidence: evidence({ metrics: { 'schedule.spi': 0.95 } }), phase: 'testing', now: NOW, history }).status).toBe('pass');
    expect(gateMetrics(evidence({ metrics: { 'tests.failed': 2 } }), history, NOW)).toMatchObject({ 'tests.failed': 2, 'schedule.pv': expect.closeTo(625, 6) });
    const without = runGate({ policy: spiRule, evidence: evidence(), phase: 'testing', now: NOW });
    expect(without.rules[0]!.actual).toBeNull();
  });

  it('maps statuses to exit codes in one place', () => {
    expect([exitCodeFor('pass', true), exitCodeFor('warn', false), exitCodeFor('warn', true), exitCodeFor('fail', false)]).toEqual([0, 0, 1, 1]);
  });
});

describe('records', () => {
  const facts = { project: 'p', time: new Date('2026-07-26T10:00:00Z'), pipeline: 'ci', build: '42', commit: 'abc', branch: 'main' };

  it('a run keeps failed, errored and flaky tests and one record per verdict, with ids stable across retries', () => {
    const bundle = evidence({ metrics: { 'tests.total': 3 }, items: [testItem('a', 'failed'), testItem('b', 'passed'), testItem('c', 'flaky')] });
    const verdict = runGate({ policy: spiRule, evidence: evidence({ metrics: { 'schedule.spi': 1 } }), phase: 'testing', now: NOW });
    const [run, v] = runRecords(facts, bundle, [verdict]);
    expect(run).toMatchObject({ kind: 'run', project: 'p', time: '2026-07-26T10:00:00.000Z', pipeline: 'ci', buildId: '42', metrics: { 'tests.total': 3 }, tests: [{ id: 'a', outcome: 'failed' }, { id: 'c', outcome: 'flaky' }] });
    expect(v).toMatchObject({ kind: 'verdict', phase: 'testing', status: 'pass', rules: { 'on-schedule': 'pass' }, buildId: '42' });
    expect(runRecords(facts, bundle, [verdict]).map((r) => r.id)).toEqual([run.id, v!.id]);
    expect(runRecords({ ...facts, build: '43' })[0].id).not.toBe(run.id);
  });

  it('a plan snapshot is identified by its content', () => {
    const a = planRecord({ project: 'p', time: NOW, plan: PLAN });
    expect(planRecord({ project: 'p', time: new Date(), plan: PLAN }).id).toBe(a.id);
    expect(planRecord({ project: 'p', time: NOW, plan: { ...PLAN, budget: PLAN.budget + 1 } }).id).not.toBe(a.id);
  });
});

describe('history and report', () => {
  /** An in-memory store: the port is all the core needs. */
  const store = (records: HistoryRecord[]): HistoryStore => ({
    append: async () => 0,
    query: async (q) => records.filter((r) => !q.project || r.project === q.project),
    projects: async () => [...new Set(records.map((r) => r.project))].sort(),
    prune: async () => 0,
    warnings: () => [{ where: 'mem', message: 'a torn line' }],
    close: async () => {},
  });

  it('reads a project, with the latest recorded plan unless one is given', async () => {
    const snapshot = planRecord({ project: PROJECT, time: NOW, plan: PLAN });
    const read = await readProjectHistory(store([...RECORDS, snapshot]), PROJECT);
    expect(read.plan).toEqual(PLAN);
    expect(read.records).toHaveLength(RECORDS.length + 1);
    expect(read.warnings).toEqual([{ where: 'mem', message: 'a torn line' }]);
    const given = { ...PLAN, budget: 1 };
    expect((await readProjectHistory(store([snapshot]), PROJECT, { plan: given })).plan).toBe(given);
  });

  it('a given verdict replaces the recorded one of its phase', () => {
    // recorded: requirements fail (11 Jul) then warn (13 Jul), design pass (24 Jul)
    const gate = (over: ReturnType<typeof projectReport>) => Object.fromEntries(over.phases.map((p) => [p.phase, p.gate]));
    expect(gate(projectReport({ history, asOf: NOW }))).toMatchObject({ requirements: 'warn', design: 'pass', testing: 'not-evaluated' });
    const verdict = runGate({ policy: spiRule, evidence: evidence({ metrics: { 'schedule.spi': 1 } }), phase: 'requirements', now: NOW });
    expect(verdict.status).toBe('pass');
    const report = projectReport({ history, asOf: NOW, verdicts: [verdict] });
    expect(gate(report)).toMatchObject({ requirements: 'pass', design: 'pass', testing: 'not-evaluated' });
    expect(report.tier).toBe('operational');
  });
});

describe('this run in its own history', () => {
  const at = (day: number) => new Date(Date.UTC(2026, 6, day));
  const bundle = (passRate: number, failing: string[] = []) => evidence({ metrics: { 'tests.total': 4, 'tests.passRate': passRate }, items: failing.map((id) => testItem(id, 'failed')) });
  const recorded = (build: string, day: number, branch: string, b: ReturnType<typeof bundle>) => runRecords({ project: 'p', time: at(day), pipeline: 'ci', build, commit: build, branch }, b);
  // main passes everything at 75 % (build 1: one failure then), then 100 %; build 3 on a branch fails t2.
  const THIS = bundle(75, ['t2']);
  const records = [...recorded('1', 1, 'main', bundle(75, ['t1'])), ...recorded('2', 2, 'main', bundle(100)), ...recorded('3', 3, 'feature', THIS)];
  const history = { project: 'p', records };
  const passRate = (r: ReturnType<typeof projectReport>) => r.kpis.find((k) => k.name === 'tests.passRate');

  it('the recorded run given again as evidence counts once: it is the current value, not also the last earlier one', () => {
    const twice = projectReport({ history, asOf: at(4), evidence: THIS });
    expect(passRate(twice)).toMatchObject({ value: 75, previous: 75, trend: [75, 100, 75, 75] });
    const once = projectReport({ history, asOf: at(4), evidence: THIS, run: { pipeline: 'ci', build: '3' } });
    expect(passRate(once)).toMatchObject({ value: 75, previous: 100, trend: [75, 100, 75] });
  });

  it('the KPIs computed from the history still see it as the latest run: its new failure against main', () => {
    const report = projectReport({ history, asOf: at(4), evidence: THIS, run: { pipeline: 'ci', build: '3' } });
    expect(report.tests.newFailures).toEqual(['t2']);
    expect(report.kpis.find((k) => k.name === 'tests.newFailures')).toMatchObject({ value: 1 });
  });

  it('leaves out only the record of this project, pipeline and build with evidence; without evidence, the latest run (it is the evidence)', () => {
    const thisRun = records[2]!;
    expect(earlierRuns({ history, evidence: THIS, run: { pipeline: 'ci', build: '3' } })).toEqual({ records: records.slice(0, 2), thisRun });
    expect(earlierRuns({ history, run: { pipeline: 'ci', build: '3' } })).toEqual({ records: records.slice(0, 2), thisRun });
    expect(earlierRuns({ history, asOf: new Date(Date.parse(records[1]!.time)) })).toEqual({ records: [records[0], records[2]], thisRun: records[1] });
    expect(earlierRuns({ history, evidence: THIS })).toEqual({ records });
    for (const run of [{ pipeline: 'ci', build: '4' }, { pipeline: 'nightly', build: '3' }]) expect(earlierRuns({ history, evidence: THIS, run })).toEqual({ records });
    expect(earlierRuns({ history: { project: 'q', records }, evidence: THIS, run: { pipeline: 'ci', build: '3' } })).toEqual({ records });
  });
});
