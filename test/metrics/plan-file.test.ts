import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, PhasegateError } from '../../src/errors.js';
import { loadPlanFile } from '../../src/metrics/index.js';
import { resolvePlan } from '../../src/metrics/plan-model.js';
import { ROOT, tempDir } from '../helpers/cli.js';

/** A plan header; line numbers in the expectations count from its first line. */
const HEADER = 'schemaVersion: 1\nproject: acme-payments\nbudget: 1000\ndue: 2026-12-18\n';

/** Every problem loading `text` as plan.yaml (with `files` beside it), as users see them. */
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

const only = (_name: string, text: string, expected: string) => expect(problems(text)).toEqual([expected]);

describe('a valid plan', () => {
  it('loads with its actuals from the plan and the cost sheet, in file order', () => {
    const dir = tempDir({
      'plan.yaml': `${HEADER}currency: CNY\nphases:\n  design: { start: 2026-08-01, finish: 2026-08-31, budget: 400 }\nworkItems:\n  - { id: D-1, phase: design, budget: 100 }\n  - { id: D-2, phase: design, weight: 3 }\n  - { id: T-1, start: 2026-09-01, finish: 2026-09-30 }\nactuals:\n  - { period: 2026-08, cost: 120, phase: design }\nactualsFile: costs.csv\n`,
      'costs.csv': 'Month;Amount;Phase\n2026-09;"¥1,250.50";\n2026-09-15;30 CNY;design\n',
    });
    const plan = loadPlanFile(path.join(dir, 'plan.yaml'), { cwd: dir });
    expect(plan.file).toBe('plan.yaml');
    expect(plan.currency).toBe('CNY');
    expect(plan.workItems?.map((w) => w.id)).toEqual(['D-1', 'D-2', 'T-1']);
    expect(plan.actuals).toEqual([
      { period: '2026-08', cost: 120, phase: 'design' },
      { period: '2026-09', cost: 1250.5 },
      { period: '2026-09-15', cost: 30, phase: 'design' },
    ]);
  });
});

describe('the example of docs/metrics.md', () => {
  it('loads, and its budgets add up to BAC as the comments say', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(readFileSync(path.join(ROOT, 'docs/metrics.md'), 'utf8'))![1]!;
    const dir = tempDir({ 'plan.yaml': example, 'costs.csv': 'period,cost\n2026-09,210000\n' });
    const plan = loadPlanFile('plan.yaml', { cwd: dir });
    const budgets = Object.fromEntries(resolvePlan(plan).elements.map((e) => [e.key, e.budget]));
    // REQ-2 takes what REQ-1 leaves of requirements' 120,000; BAC − 120,000 − 180,000 = 900,000 is shared 3:1:2:1
    expect(budgets).toEqual({ 'phase:design': 180_000, 'REQ-1': 70_000, 'REQ-2': 50_000, 'PAY-101': (900_000 * 3) / 7, 'PAY-102': 900_000 / 7, 'PAY-103': (900_000 * 2) / 7, 'REL-1': 900_000 / 7 });
    expect(plan.actuals).toHaveLength(3);
  });
});

describe('bad plans are reported at file:line:col', () => {
  it.each([
    ['unknown top-level key', `${HEADER}budgett: 5\n`, 'plan.yaml:5:1: unknown key "budgett" at the top level (did you mean "budget"?)'],
    ['unknown phase', `${HEADER}phases:\n  testng: { start: 2026-09-01, finish: 2026-09-30 }\n`, 'plan.yaml:6:3: unknown phase "testng" (did you mean "testing"?)'],
    ['unknown key in a work item', `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, weigth: 2 }\n`, 'plan.yaml:6:53: unknown key "weigth" in work item "A" (did you mean "weight"?)'],
    ['unknown key in an actual', `${HEADER}actuals:\n  - { period: 2026-07, cost: 90, phaze: design }\n`, 'plan.yaml:6:34: unknown key "phaze" in actuals entry #1 (did you mean "phase"?)'],
    ['no close key', `${HEADER}colour: red\n`, 'plan.yaml:5:1: unknown key "colour" at the top level (allowed: schemaVersion, project, currency, budget, start, due, freeze, phases, workItems, actuals, actualsFile)'],
    ['not a calendar date', `${HEADER}freeze: 2026-02-30\n`, 'plan.yaml:5:9: invalid date "2026-02-30" for freeze (use YYYY-MM-DD)'],
    ['a date written otherwise', `${HEADER}start: 01/07/2026\n`, 'plan.yaml:5:8: invalid date "01/07/2026" for start (use YYYY-MM-DD)'],
    ['a date as a number', `${HEADER}start: 20260701\n`, 'plan.yaml:5:8: invalid date 20260701 for start (use YYYY-MM-DD)'],
    ['bad work-item date', `${HEADER}workItems:\n  - id: A\n    start: 2026-09-31\n    finish: 2026-10-01\n`, 'plan.yaml:7:12: invalid date "2026-09-31" for start of work item "A" (use YYYY-MM-DD)'],
    ['negative budget', 'schemaVersion: 1\nproject: p\nbudget: -1000\ndue: 2026-12-18\n', 'plan.yaml:3:9: budget must not be negative (got -1000)'],
    ['negative phase budget', `${HEADER}phases:\n  design: { start: 2026-08-01, finish: 2026-08-31, budget: -5 }\n`, 'plan.yaml:6:60: budget of phase design must not be negative (got -5)'],
    ['negative cost', `${HEADER}actuals:\n  - { period: 2026-07, cost: -90 }\n`, 'plan.yaml:6:30: cost of actuals entry #1 must not be negative (got -90)'],
    ['zero weight', `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, weight: 0 }\n`, 'plan.yaml:6:61: weight of work item "A" must be more than 0 (got 0)'],
    ['budget as text', 'schemaVersion: 1\nproject: p\nbudget: 12k\ndue: 2026-12-18\n', 'plan.yaml:3:9: budget must be a number (got "12k")'],
    ['bad period', `${HEADER}actuals:\n  - { period: 2026/07, cost: 90 }\n`, 'plan.yaml:6:15: invalid period "2026/07" for period of actuals entry #1 (use YYYY-MM or YYYY-MM-DD)'],
    ['bad phase name in a work item', `${HEADER}workItems:\n  - { id: A, phase: desgin }\n`, 'plan.yaml:6:21: phase of work item "A" must be one of "requirements", "design", "implementation", "testing", "release" (got "desgin"; did you mean "design"?)'],
    ['currency', `${HEADER}currency: rmb\n`, 'plan.yaml:5:11: currency must be a three-letter currency code such as CNY or USD (got "rmb")'],
    ['missing due', 'schemaVersion: 1\nproject: p\nbudget: 1\n', 'plan.yaml:1:1: missing required key "due" at the top level'],
    ['missing finish', `${HEADER}phases:\n  design: { start: 2026-08-01 }\n`, 'plan.yaml:6:11: missing required key "finish" in phase design'],
    ['schemaVersion', 'schemaVersion: 2\nproject: p\nbudget: 1\ndue: 2026-12-18\n', 'plan.yaml:1:16: schemaVersion must be 1 (got 2)'],
  ])('%s', only);

  it.each([
    ['phase finish before start', `${HEADER}phases:\n  design:\n    start: 2026-08-01\n    finish: 2026-07-31\n`, 'plan.yaml:8:13: finish 2026-07-31 is before start 2026-08-01 of phase design; a window ends on or after the day it starts'],
    ['work-item finish before start', `${HEADER}workItems:\n  - { id: A, start: 2026-09-02, finish: 2026-09-01 }\n`, 'plan.yaml:6:41: finish 2026-09-01 is before start 2026-09-02 of work item "A"; a window ends on or after the day it starts'],
    ['due before start', 'schemaVersion: 1\nproject: p\nbudget: 1\nstart: 2026-07-01\ndue: 2026-06-30\nworkItems:\n  - { id: A, start: 2026-07-01, finish: 2026-07-02 }\n', 'plan.yaml:5:6: due 2026-06-30 is before the plan starts (2026-07-01)'],
    ['start after planned work', 'schemaVersion: 1\nproject: p\nbudget: 1\nstart: 2026-07-02\ndue: 2026-12-01\nworkItems:\n  - { id: A, start: 2026-07-01, finish: 2026-07-02 }\n', 'plan.yaml:4:8: start 2026-07-02 is after work planned from 2026-07-01; move start to that day or earlier'],
    ['item budgets above the phase budget', 'schemaVersion: 1\nproject: p\nbudget: 100\ndue: 2026-12-18\nphases:\n  design: { start: 2026-08-01, finish: 2026-08-31, budget: 100 }\nworkItems:\n  - { id: A, phase: design, budget: 150 }\n', 'plan.yaml:6:60: the budget of phase design (100) is 50 less than its work items\' budgets; raise it or lower theirs'],
    ['BAC not fully planned', `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30, budget: 600 }\n`, 'plan.yaml:3:9: budget (BAC) 1000 leaves 400 unplanned beyond the phase and work-item budgets under it; give the rest to a work item with a weight instead of a budget, or lower it'],
    ['an item planned twice', `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\n`, 'plan.yaml:7:11: work item "A" is planned twice; keep one'],
    ['an item with no window', `${HEADER}workItems:\n  - { id: A, phase: testing }\n`, 'plan.yaml:6:5: work item "A" needs start and finish: its phase "testing" is not planned under phases'],
    ['an impossible day as a period', `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\nactuals:\n  - { period: 2026-02-30, cost: 9 }\n`, 'plan.yaml:8:15: invalid period "2026-02-30" (use YYYY-MM or YYYY-MM-DD)'],
  ])('%s', only);

  it('reports every problem of the file at once, in line order', () => {
    const text = `${HEADER}phases:\n  design: { start: 2026-08-01, finsh: 2026-08-31 }\nworkItems:\n  - { id: A, budget: -1 }\n`;
    expect(problems(text)).toEqual([
      'plan.yaml:6:11: missing required key "finish" in phase design',
      'plan.yaml:6:32: unknown key "finsh" in phase design (did you mean "finish"?)',
      'plan.yaml:8:22: budget of work item "A" must not be negative (got -1)',
    ]);
  });

  it.each([
    ['a bad row of the cost sheet', 'Period,Cost\n2026-07,10\n2026-13,5\n', 'costs.csv:3:1: invalid period "2026-13" (use YYYY-MM or YYYY-MM-DD)'],
    ['a cost that is not a number', 'Period,Cost\n2026-07,12k\n', 'costs.csv:2:1: cost "12k" is not a number'],
    ['a negative cost', 'period,cost\n2026-07,-3\n', 'costs.csv:2:1: cost must not be negative (got -3)'],
    ['a sheet without a cost column', 'period,total\n2026-07,3\n', 'costs.csv:1:1: no cost column (found: period, total)'],
  ])('%s is located in the sheet', (_n, csv, expected) => {
    const plan = `${HEADER}workItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\nactualsFile: costs.csv\n`;
    expect(problems(plan, { 'costs.csv': csv })).toEqual([expected]);
  });

  it.each([
    ['empty file', '', 'plan.yaml: plan file is empty'],
    ['YAML syntax', `${HEADER}phases: [\n`, expect.stringMatching(/^plan\.yaml:6:\d+: YAML syntax error/)],
    ['duplicate key', `${HEADER}due: 2026-12-19\n`, 'plan.yaml:5:1: duplicate key "due" in this mapping; keep one'],
  ])('%s', (_n, text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('a missing file is one line naming it', () => {
    const dir = tempDir();
    expect(() => loadPlanFile('nope.yaml', { cwd: dir })).toThrow('nope.yaml: file not found');
    writeFileSync(path.join(dir, 'p.yaml'), `${HEADER}actualsFile: missing.csv\nworkItems:\n  - { id: A, start: 2026-09-01, finish: 2026-09-30 }\n`);
    expect(() => loadPlanFile('p.yaml', { cwd: dir })).toThrow('missing.csv: file not found');
  });
});
