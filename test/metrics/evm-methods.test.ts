/**
 * Earned-value methods per work item (issue 14): 0/100, 50/50, percent complete (from work-item
 * records) and weighted milestones, and the bad input around them. Hand-made plan, arithmetic
 * in the comments: BAC 1,000 over 2–11 March 2026 (10 days, PV 100 a day), four items of 250.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, PhasegateError } from '../../src/errors.js';
import { computeKpis, loadPlanFile } from '../../src/metrics/index.js';
import type { Plan } from '../../src/metrics/types.js';
import { cli, tempDir } from '../helpers/cli.js';
import { item, PROJECT } from './helpers.js';

const win = { start: '2026-03-02', finish: '2026-03-11', budget: 250 };
const PLAN: Plan = {
  project: PROJECT,
  budget: 1000,
  due: '2026-03-20',
  workItems: [
    { id: 'A', ...win },
    { id: 'B', ...win, ev: '50/50' },
    { id: 'C', ...win, ev: 'percent' },
    { id: 'D', ...win, milestones: [{ id: 'D-design', weight: 1 }, { id: 'D-build', weight: 3 }] },
  ],
};
const RECORDS = [
  item('a1', '2026-03-03T09:00:00Z', 'A', 'in-progress'),
  item('b1', '2026-03-03T09:00:00Z', 'B', 'in-progress'),
  item('c1', '2026-03-03T09:00:00Z', 'C', 'in-progress'),
  item('c2', '2026-03-05T09:00:00Z', 'C', 'in-progress', { percentComplete: 40 }),
  item('m1', '2026-03-06T09:00:00Z', 'D-design', 'done'),
  item('a2', '2026-03-10T09:00:00Z', 'A', 'done'),
  item('b2', '2026-03-11T09:00:00Z', 'B', 'done'),
  item('c3', '2026-03-11T10:00:00Z', 'C', 'in-progress', { percentComplete: 100 }),
  item('m2', '2026-03-11T11:00:00Z', 'D-build', 'done'),
];
const at = (iso: string, records = RECORDS, plan = PLAN) => computeKpis({ project: PROJECT, asOf: new Date(iso), records, plan });

describe('earned value by method', () => {
  it('mid-way: each item earns by its own rule', () => {
    const r = at('2026-03-07T00:00:00Z');
    // PV = 1,000 × 5 / 10 = 500. EV: A (0/100, in progress) 0; B (50/50, started) 125;
    // C (percent, latest 40 %) 100; D (milestones 1 of weight 1 + 3 reached) 250 × 1/4 = 62.5.
    expect(r.kpis['schedule.pv']).toBeCloseTo(500, 9);
    expect(r.kpis['schedule.ev']).toBeCloseTo(287.5, 9);
    expect(r.kpis['schedule.spi']).toBeCloseTo(0.575, 9);
    // ES: PV 100 a day, EV 287.5 → 2.875 days; AT = 5 days → SPI(t) 0.575, SV(t) −2.125 days.
    expect(r.evm!.status.es).toBeCloseTo(2.875, 9);
    expect(r.kpis['schedule.svT']).toBeCloseTo(-2.125, 9);
  });

  it('before any work: nothing earned by any method', () => {
    expect(at('2026-03-03T00:00:00Z').kpis['schedule.ev']).toBe(0);
  });

  it('at the end: done, 100 % and every milestone give the whole budget', () => {
    expect(at('2026-03-12T00:00:00Z').kpis['schedule.ev']).toBeCloseTo(1000, 9);
  });

  it('the report names the method behind EV', () => {
    expect(at('2026-03-07T00:00:00Z').evm!.methods.ev).toMatch(/0\/100.*50\/50.*percent complete.*weighted milestones/);
  });

  it('a percent-complete record outside 0–100 (written around the CLI) is refused with how to fix it', () => {
    const bad = [...RECORDS, item('c9', '2026-03-06T09:00:00Z', 'C', 'in-progress', { percentComplete: 130 })];
    expect(() => at('2026-03-07T00:00:00Z', bad)).toThrow('work item record c9 of C: percentComplete 130 is outside 0 to 100; record the item again with --percent between 0 and 100');
  });
});

/** Every problem loading `text` as plan.yaml, as users see them. */
function problems(text: string, files: Record<string, string> = {}): string[] {
  const dir = tempDir({ 'plan.yaml': text, ...files });
  try {
    loadPlanFile('plan.yaml', { cwd: dir });
  } catch (err) {
    if (err instanceof PhasegateError) return err.diagnostics.map(formatDiagnostic);
    throw err;
  }
  return [];
}

const HEADER = 'schemaVersion: 1\nproject: p\nbudget: 400\ndue: 2026-12-18\n';

describe('bad plans around earning methods', () => {
  it.each([
    [
      'work items whose weights and budgets disagree',
      `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, budget: 100, weight: 1 }\n  - { id: B, start: 2026-09-01, finish: 2026-09-30, budget: 300, weight: 1 }\n`,
      'plan.yaml:7:61: work item "B" has budget 300 for weight 1, but "A" has 100 for weight 1: budgets and weights disagree; make the budget 100 or drop one of budget and weight',
    ],
    [
      'a phase without work items earning 50/50',
      `${HEADER}phases:\n  design: { start: 2026-08-01, finish: 2026-08-31, budget: 400, ev: 50/50 }\n`,
      'plan.yaml:6:69: phase design has no work items, so it cannot earn by 50/50; it earns on its gate (0/100) or by milestones — list its work items or change ev',
    ],
    [
      'milestones named but not listed',
      `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, ev: milestones }\n`,
      'plan.yaml:6:57: work item "A" earns by milestones but lists none; add milestones: [{ id, weight }] or choose 0/100, 50/50 or percent',
    ],
  ])('%s', (_n, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('weights and budgets in proportion are fine', () => {
    const text = `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, budget: 100, weight: 1 }\n  - { id: B, start: 2026-09-01, finish: 2026-09-30, budget: 300, weight: 3 }\n`;
    expect(problems(text)).toEqual([]);
  });
});

describe('bad input on the command line: one line naming the file and line (or the flag) and the fix, exit 2', () => {
  it('a plan whose work items weights and budgets disagree', () => {
    const dir = tempDir({ 'plan.yaml': `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, budget: 100, weight: 1 }\n  - { id: B, start: 2026-09-01, finish: 2026-09-30, budget: 300, weight: 1 }\n` });
    const r = cli(['metrics', '--project', 'p', '--store', 'file:h', '--plan', 'plan.yaml', '--as-of', '2026-09-15'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('phasegate: plan.yaml:7:61: work item "B" has budget 300 for weight 1, but "A" has 100 for weight 1: budgets and weights disagree; make the budget 100 or drop one of budget and weight\n');
  });

  it('a booking period that does not parse, in the cost sheet', () => {
    const dir = tempDir({
      'plan.yaml': `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\nactualsFile: costs.csv\n`,
      'costs.csv': 'period,cost\n2026-09,100\nSept 2026,50\n',
    });
    const r = cli(['metrics', '--project', 'p', '--store', 'file:h', '--plan', 'plan.yaml', '--as-of', '2026-09-15'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('phasegate: costs.csv:3:1: invalid period "Sept 2026" (use YYYY-MM or YYYY-MM-DD)\n');
  });

  it('a percent-complete record outside 0–100', () => {
    const dir = tempDir();
    const r = cli(['record', 'workitem', '--project', 'p', '--store', 'file:h', '--item', 'C', '--state', 'in-progress', '--percent', '120'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([2, '']);
    // The CLI's usual usage-error form: the one line, then the pointer to --help.
    expect(r.stderr.split('\n')[0]).toBe("phasegate: option '--percent <n>' argument '120' is invalid. expected a percent from 0 to 100 (got 120); give the share of the work done, e.g. --percent 40");
    expect(r.stderr).not.toMatch(/\bat \S+:\d+:\d+/); // no stack trace
  });

  it('a percent-complete record in range is stored and earns', () => {
    const dir = tempDir({ 'plan.yaml': `${HEADER}workItems:\n  - { id: C, start: 2026-09-01, finish: 2026-09-30, ev: percent }\n` });
    const rec = cli(['record', 'workitem', '--project', 'p', '--store', 'file:h', '--item', 'C', '--state', 'in-progress', '--percent', '25', '--time', '2026-09-10T00:00:00Z'], { cwd: dir });
    expect(rec.code).toBe(0);
    const r = cli(['metrics', '--project', 'p', '--store', 'file:h', '--plan', 'plan.yaml', '--as-of', '2026-09-15', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { kpis: Record<string, number> }).kpis['schedule.ev']).toBe(100); // 400 × 25 %
  });
});
