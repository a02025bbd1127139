import { describe, expect, it } from 'vitest';
import { metricInfo } from '../../src/catalog/metrics.js';
import { stableJson } from '../../src/io/json.js';
import { computeKpis } from '../../src/metrics/index.js';
import type { Defect } from '../../src/metrics/types.js';
import { PLAN, RECORDS } from './fixtures.js';
import { deploy, item, PROJECT, run, t } from './helpers.js';

const ALL_KPIS = [
  'defects.density', 'defects.newDensity', 'defects.open',
  'schedule.pv', 'schedule.ev', 'schedule.sv', 'schedule.spi', 'schedule.spiT', 'schedule.svT', 'schedule.deviationRate',
  'cost.ac', 'cost.cv', 'cost.cpi', 'cost.eac', 'cost.vac', 'cost.overrunRate',
  'tests.flakyRate', 'tests.newFailures',
  'dora.deploymentFrequency', 'dora.leadTime', 'dora.changeFailureRate', 'dora.timeToRestore',
  'forecast.onTimeProbability',
];

describe('computeKpis', () => {
  it('with nothing to go on, every KPI is absent and explained', () => {
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-09-01T00:00:00Z'), records: [] });
    expect(r.kpis).toEqual({});
    expect(r.notMeasured.map((n) => n.kpi).sort()).toEqual([...ALL_KPIS].sort());
    expect(r.notMeasured.every((n) => n.reason.length > 10)).toBe(true);
    expect(r).toMatchObject({ defects: null, evm: null, dora: null, tests: null, forecast: null, warnings: [] });
  });

  const full = () =>
    computeKpis({
      project: PROJECT,
      asOf: new Date('2026-07-29T00:00:00Z'),
      records: [...RECORDS, run('r1', '2026-07-20T00:00:00Z', { metrics: { 'size.kloc': 10 }, tests: [t('A', 'passed')] }), deploy('d1', '2026-07-28T00:00:00Z', { commitTime: '2026-07-27T00:00:00Z' })],
      plan: PLAN,
      defects: [{ id: 'D-1', opened: '2026-07-02T00:00:00Z', commits: [], files: [] }],
      evidence: { 'size.newKloc': 1 },
      options: { change: { files: ['x.ts'], since: '2026-07-01T00:00:00Z' } },
    });

  it('every KPI it sets is a catalogued metric name and a finite number; every KPI is set or explained', () => {
    const r = full();
    for (const [name, value] of Object.entries(r.kpis)) {
      expect(metricInfo(name), name).toBeDefined();
      expect(Number.isFinite(value), name).toBe(true);
    }
    for (const kpi of ALL_KPIS) expect(kpi in r.kpis || r.notMeasured.some((n) => n.kpi === kpi), kpi).toBe(true);
    for (const n of r.notMeasured) expect(r.kpis).not.toHaveProperty(n.kpi);
    expect(Object.keys(r.kpis)).toEqual(Object.keys(r.kpis).sort());
  });

  it('is deterministic: the same input gives byte-identical JSON, whatever the record order', () => {
    const a = stableJson(full());
    expect(stableJson(full())).toBe(a);
    const reversed = computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: [...RECORDS].reverse(), plan: PLAN });
    const inOrder = computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: RECORDS, plan: PLAN });
    expect(stableJson(reversed)).toBe(stableJson(inOrder));
  });

  it("reads only the project's records up to asOf", () => {
    const other = RECORDS.map((r) => ({ ...r, id: `x-${r.id}`, project: 'other' }));
    const future = item('later', '2026-07-30T00:00:00Z', 'I-2', 'done');
    const a = computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: [...RECORDS, ...other, future], plan: PLAN });
    const b = computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: RECORDS, plan: PLAN });
    expect(a).toEqual(b);
  });

  it('a plan built in code that contradicts itself is a user error', () => {
    const bad = { ...PLAN, phases: { design: { start: '2026-08-02', finish: '2026-08-01' } }, workItems: [] };
    expect(() => computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: [], plan: bad })).toThrow(
      '.phasegate/plan.yaml: phases.design.finish: finish 2026-08-01 is before start 2026-08-02 of phase design; a window ends on or after the day it starts',
    );
  });
});

describe('early warnings name their evidence', () => {
  it('SPI under 0.9 at the end of the last two weeks', () => {
    // end of week 13–19 Jul: PV 200 + 9 × 30 = 470, EV 200 → 0.426; end of 20–26 Jul: PV 650, EV 500 → 0.769
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-07-29T00:00:00Z'), records: RECORDS, plan: PLAN });
    const w = r.warnings.find((x) => x.code === 'spi-low');
    expect(w?.message).toBe('SPI below 0.9 at the end of two periods in a row (0.43 in 2026-07-13, 0.77 in 2026-07-20): the project is falling behind its plan');
    expect(w?.evidence).toEqual([
      { kind: 'kpi', ref: 'schedule.spi', time: '2026-07-13', value: 200 / 470 },
      { kind: 'kpi', ref: 'schedule.spi', time: '2026-07-20', value: 500 / 650 },
      { kind: 'plan', ref: '.phasegate/plan.yaml' },
    ]);
  });

  it('requirement churn after the freeze: opened, retitled, reopened; progress is not churn', () => {
    const req = { type: 'requirement' as const };
    const records = [
      item('q1', '2026-07-05T00:00:00Z', 'REQ-9', 'open', { ...req, title: 'Login' }),
      item('q2', '2026-07-10T12:00:00Z', 'REQ-9', 'open', { ...req, title: 'Login!' }), // on the freeze day: allowed
      item('q3', '2026-07-15T00:00:00Z', 'REQ-9', 'in-progress', { ...req, title: 'Login with SSO' }),
      item('q4', '2026-07-16T00:00:00Z', 'REQ-10', 'open', req),
      item('q5', '2026-07-17T00:00:00Z', 'REQ-9', 'done', req),
      item('q6', '2026-07-18T00:00:00Z', 'REQ-9', 'in-progress', req),
    ];
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-07-20T00:00:00Z'), records, plan: { ...PLAN, freeze: '2026-07-10' } });
    const w = r.warnings.find((x) => x.code === 'requirement-churn');
    expect(w?.message).toBe('3 requirement change(s) after the freeze on 2026-07-10 (REQ-9 retitled, REQ-10 opened, REQ-9 reopened): frequent requirement change is the main cause of delay');
    expect(w?.evidence.map((e) => e.ref)).toEqual(['q3', 'q4', 'q6', '.phasegate/plan.yaml']);
  });

  it('defects found per KLOC rising three weeks in a row', () => {
    // found 1, 2, 3, 4 in the four weeks before 28 Sep, KLOC 10 → 0.1 → 0.2 → 0.3 → 0.4
    const weeks = ['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21'];
    const defects: Defect[] = weeks.flatMap((w, i) => Array.from({ length: i + 1 }, (_, j) => ({ id: `D-${i}-${j}`, opened: `${w}T12:00:00Z`, commits: [], files: [] })));
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-09-28T00:00:00Z'), records: [], defects, evidence: { 'size.kloc': 10 }, options: { periods: 4 } });
    const w = r.warnings.find((x) => x.code === 'defect-density-rising');
    expect(w?.message).toBe('Defects found per KLOC rose 3 periods in a row (0.1 in 2026-08-31 → 0.2 in 2026-09-07 → 0.3 in 2026-09-14 → 0.4 in 2026-09-21)');
    expect(w?.evidence).toHaveLength(4);
  });

  it('the flaky rate rising three weeks in a row', () => {
    // each week one run on one commit per test outcome pair; week i has i flaky tests of 4
    const weeks = ['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21'];
    const records = weeks.map((w, i) => run(`r${i}`, `${w}T12:00:00Z`, { tests: ['A', 'B', 'C', 'D'].map((id, k) => t(id, k < i ? 'flaky' : 'passed')) }));
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-09-28T00:00:00Z'), records, options: { periods: 4 } });
    expect(r.tests?.flakyTrend.map((p) => p.rate)).toEqual([0, 25, 50, 75]);
    expect(r.warnings.find((x) => x.code === 'flaky-rate-rising')?.message).toBe('The flaky-test rate (%) rose 3 periods in a row (0 in 2026-08-31 → 25 in 2026-09-07 → 50 in 2026-09-14 → 75 in 2026-09-21)');
  });

  it('a forecast unlikely to meet the due date', () => {
    // one item done a week for four weeks, 10 left, due in 3 weeks: no trial makes it
    const records = [
      ...Array.from({ length: 14 }, (_, i) => item(`o${i}`, '2026-08-03T00:00:00Z', `F-${i}`, 'open')),
      ...[0, 1, 2, 3].map((i) => item(`d${i}`, new Date(Date.parse('2026-08-31T00:00:00Z') - (7 * i + 1) * 86_400_000).toISOString(), `F-${i}`, 'done')),
    ];
    const r = computeKpis({ project: PROJECT, asOf: new Date('2026-08-31T00:00:00Z'), records, plan: { project: PROJECT, budget: 0, due: '2026-09-20' } });
    expect(r.kpis['forecast.onTimeProbability']).toBe(0);
    expect(r.warnings.find((x) => x.code === 'forecast-late')?.message).toBe('Only 0% of 10000 forecast trials finish by the due date 2026-09-20; P50 2026-11-09, P85 2026-11-09');
  });
});
