/**
 * The acme-payments history (examples/acme-payments/history/build-history.mjs: twelve weeks of
 * runs, verdicts, work items, deployments and incidents) through `phasegate metrics` and
 * `phasegate forecast`, on the file store and on PostgreSQL: the KPIs match the hand
 * calculations below, and both stores give byte-identical JSON.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDir } from '../helpers/cli.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const EXAMPLE = path.join(ROOT, 'examples', 'acme-payments');
const SIZE = tempDir({
  // Code size of the example as `phasegate collect --source src` measures it: 304 code lines.
  'evidence.json': JSON.stringify({ schemaVersion: 1, metrics: { 'size.kloc': 0.304 }, items: [], documents: [], sources: [] }),
});

function build(store: string): void {
  const r = spawnSync(process.execPath, [path.join(EXAMPLE, 'history', 'build-history.mjs'), '--store', store], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('recorded 75 of 75 records for acme-payments (the rest were already there)\n');
}

const kpiArgs = (store: string) => [
  'metrics', '--project', 'acme-payments', '--store', store, '--as-of', '2026-11-21', '--format', 'json',
  '--plan', path.join(EXAMPLE, '.phasegate', 'plan.yaml'), '--defects', path.join(EXAMPLE, 'defects.csv'), '--evidence', path.join(SIZE, 'evidence.json'),
];
const forecastArgs = (store: string) => ['forecast', '--project', 'acme-payments', '--store', store, '--as-of', '2026-11-21', '--seed', '7', '--format', 'json', '--plan', path.join(EXAMPLE, '.phasegate', 'plan.yaml')];

function kpis(store: string): { text: string; report: { kpis: Record<string, number>; warnings: { code: string }[] } } {
  const r = cli(kpiArgs(store), { cwd: SIZE });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { text: r.stdout, report: JSON.parse(r.stdout) };
}

/** Hand calculations as of 2026-11-21T00:00Z (the plan: BAC 100,000 CNY from 31 August). */
function expectHandCalculations(k: Record<string, number>): void {
  // EV: requirements 10,000 + design 15,000 (gates passed) + six features 6 × 7,500 + PAY-201 10,000.
  expect(k['schedule.ev']).toBe(80_000);
  // PV: 70,000 planned through 6 Nov, then testing's 20,000 over 19 days, 12 of them elapsed.
  expect(k['schedule.pv']).toBeCloseTo(70_000 + (20_000 * 12) / 19, 6);
  expect(k['schedule.spi']).toBeCloseTo(80_000 / (70_000 + (20_000 * 12) / 19), 9);
  // ES: PV reaches 80,000 9.5 days into testing (day 70 + 9.5); AT = 82 days since 31 August.
  expect(k['schedule.spiT']).toBeCloseTo(79.5 / 82, 9);
  expect(k['schedule.svT']).toBeCloseTo(-2.5, 9);
  // AC: September 28,000 + October 21,000 + November's 17,000 accrued over 20 of its 30 days.
  const ac = 49_000 + (17_000 * 20) / 30; // 60,333.33
  expect(k['cost.ac']).toBeCloseTo(ac, 6);
  expect(k['cost.cpi']).toBeCloseTo(80_000 / ac, 9);
  expect(k['cost.eac']).toBeCloseTo((100_000 * ac) / 80_000, 6); // BAC / CPI = 75,416.67
  expect(k['cost.vac']).toBeCloseTo(100_000 - (100_000 * ac) / 80_000, 6);
  expect(k['cost.overrunRate']).toBeCloseTo(((100_000 * ac) / 80_000 - 100_000) / 1000, 6); // −24.58 %
  // Defects: five confirmed (ACME-503 was rejected) over 0.304 KLOC; two still open.
  expect(k['defects.density']).toBeCloseTo(5 / 0.304, 6);
  expect(k['defects.open']).toBe(2);
  // DORA over the 30 days before asOf: 9 production deployments (23 Oct to 20 Nov).
  expect(k['dora.deploymentFrequency']).toBeCloseTo(9 / 30, 9);
  // Lead times 20, 26, 30, 44, 50, 60, 72, 96, 120 h: median 50.
  expect(k['dora.leadTime']).toBe(50);
  // Failures: the 6 Nov rollback and the 13 Nov deployment that caused INC-71: 2 of 9.
  expect(k['dora.changeFailureRate']).toBeCloseTo((2 / 9) * 100, 9);
  // Time to restore counts only failures a deployment caused, from that deployment: INC-71,
  // caused by the 13 Nov 16:00 deployment and resolved at 21:00 = 5 h. INC-72 (a network
  // outage no deployment caused) is left out.
  expect(k['dora.timeToRestore']).toBe(5);
}

describe('KPIs of the example history on the file store', () => {
  const store = `file:${path.join(tempDir(), 'history')}`;
  build(store);

  it('match the hand calculations', () => {
    const { report } = kpis(store);
    expectHandCalculations(report.kpis);
    expect(report.warnings.map((w) => w.code)).toEqual(['requirement-churn']);
  });

  it('recording the history again adds nothing', () => {
    const r = spawnSync(process.execPath, [path.join(EXAMPLE, 'history', 'build-history.mjs'), '--store', store], { encoding: 'utf8' });
    expect(r.stdout).toBe('recorded 0 of 75 records for acme-payments (the rest were already there)\n');
  });

  it('forecasts reproducibly, with ordered percentiles', () => {
    const a = cli(forecastArgs(store)).stdout;
    expect(cli(forecastArgs(store)).stdout).toBe(a);
    const f = JSON.parse(a).forecast;
    expect(f).toMatchObject({ trials: 10_000, seed: 7, remaining: 3, due: '2026-12-18' });
    expect(f.p50 <= f.p85 && f.p85 <= f.p95).toBe(true);
  });

  it('ties defects to the change and counts chosen evidence as defects', () => {
    const dir = tempDir({
      'evidence.json': JSON.stringify({
        schemaVersion: 1,
        metrics: { 'size.kloc': 0.304, 'size.newKloc': 0.05, 'security.high': 1 },
        items: [],
        documents: [],
        sources: [],
        changes: { base: 'origin/main', since: '2026-10-15T09:00:00.000Z', files: [{ path: 'src/fx.ts', status: 'modified' }] },
      }),
    });
    const args = ['metrics', '--project', 'acme-payments', '--store', store, '--as-of', '2026-11-21', '--format', 'json', '--defects', path.join(EXAMPLE, 'defects.csv')];
    const r = cli([...args, '--evidence', 'evidence.json', '--count-as-defects', 'security.high'], { cwd: dir });
    const k = JSON.parse(r.stdout).kpis;
    // Five confirmed defects plus one high security finding, over 0.304 KLOC.
    expect(k['defects.density']).toBeCloseTo(6 / 0.304, 9);
    // ACME-502 (opened 12 Oct) and ACME-504 (opened 3 Nov) touch src/fx.ts, the changed file;
    // the change's first commit is of 15 Oct, so ACME-502 is a defect of the old code and only
    // ACME-504 is tied to the change: 1 over 0.05 changed KLOC (without the date filter: 2).
    expect(k['defects.newDensity']).toBeCloseTo(1 / 0.05, 9);
  });

  it('a policy gates on the KPIs with phasegate gate --project', () => {
    const dir = tempDir({
      'policy.yaml': 'schemaVersion: 1\nname: kpis\nphases:\n  release:\n    - id: cfr\n      metric: dora.changeFailureRate\n      operator: "<="\n      threshold: 15\n    - id: spi\n      metric: schedule.spi\n      operator: ">="\n      threshold: 0.9\n',
      'evidence.json': JSON.stringify({ schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [] }),
    });
    const args = ['gate', '--phase', 'release', '--policy', 'policy.yaml', '--evidence', 'evidence.json', '--project', 'acme-payments', '--store', store];
    const r = cli([...args, '--plan', path.join(EXAMPLE, '.phasegate', 'plan.yaml'), '--now', '2026-11-21', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.stdout).rules;
    expect(rules[0]).toMatchObject({ id: 'cfr', status: 'fail', metric: 'dora.changeFailureRate' });
    expect(rules[0].actual).toBeCloseTo(22.222, 3);
    expect(rules[1]).toMatchObject({ id: 'spi', status: 'pass' });
  });

  it('a bad plan file is exit 2 with its file:line:col', () => {
    const dir = tempDir({ 'plan.yaml': 'schemaVersion: 1\nproject: x\nbudget: -5\nphases:\n  design: { start: 2026-10-01, finsh: 2026-10-20 }\n' });
    const r = cli(['metrics', '--project', 'x', '--store', 'file:h', '--plan', 'plan.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plan.yaml:3:9: ');
    expect(r.stderr).toContain('plan.yaml:5:32: unknown key "finsh"');
  });
});

describe.skipIf(postgresSkipReason() !== undefined)('the same commands on PostgreSQL', () => {
  const pg = usePostgres();
  it('give byte-identical KPIs and forecasts to the file store', async () => {
    const url = await pg().newDatabase();
    const file = `file:${path.join(tempDir(), 'history')}`;
    build(url);
    build(file);
    const onPg = kpis(url);
    expectHandCalculations(onPg.report.kpis);
    expect(onPg.text).toBe(kpis(file).text);
    expect(cli(forecastArgs(url)).stdout).toBe(cli(forecastArgs(file)).stdout);
  });
});
