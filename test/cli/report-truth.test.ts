/**
 * One truth in every view (issue 14, deliverable 8): the same project at the same as-of time
 * gives the same KPI values and the same health score through `gate --project` (the JSON
 * verdict's actual values), `report --format json` and `report --portfolio --format json`,
 * because all three compute through core/kpis.ts with the same inputs. A mistyped --project
 * is an error with a did-you-mean.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { HistoryRecord } from '../../src/store/records.js';
import { ROOT, cli, expectNoStack, tempDir } from '../helpers/cli.js';

const EXAMPLE = path.join(ROOT, 'examples', 'acme-payments');
const PLAN = path.join(EXAMPLE, '.phasegate', 'plan.yaml');
const DEFECTS = path.join(EXAMPLE, 'defects.csv');
const AS_OF = '2026-11-21T09:00:00Z';

/** A policy with rules on run metrics and on KPIs the history gives (all in the testing gate, so the gate reads each one). */
const POLICY = `schemaVersion: 1
name: truth
phases:
  testing:
    - { id: pass-rate, metric: tests.passRate, operator: ">=", threshold: 98 }
    - { id: coverage, metric: coverage.line, operator: ">=", threshold: 70 }
    - { id: spi, metric: schedule.spi, operator: ">=", threshold: 0.9 }
    - { id: cpi, metric: cost.cpi, operator: ">=", threshold: 0.9 }
    - { id: cfr, metric: dora.changeFailureRate, operator: "<=", threshold: 15, severity: warn }
    - { id: density, metric: defects.density, operator: "<=", threshold: 10 }
`;

/** The metrics of this run, as `phasegate collect` writes them (only metrics: a hand-made bundle). */
const EVIDENCE = {
  schemaVersion: 1,
  metrics: { 'tests.total': 40, 'tests.passed': 38, 'tests.failed': 2, 'tests.errored': 0, 'tests.skipped': 0, 'tests.passRate': 95, 'coverage.line': 75.42, 'size.kloc': 0.304 },
  items: [],
  documents: [],
  sources: [],
};

let dir = '';
let store = '';
const policy = (): string => path.join(dir, 'policy.yaml');
const evidence = (): string => path.join(dir, 'evidence.json');

function run(args: string[]) {
  const r = cli(args, { cwd: dir });
  expectNoStack(r.stderr);
  return r;
}

function json(args: string[]): Record<string, unknown> {
  const r = run(args);
  expect(r.stderr).toBe('');
  expect(r.code === 0 || r.code === 1).toBe(true);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

interface Kpi { name: string; value: number | null; status: string }
interface Rule { metric: string | null; actual: number | string | null }

const kpiValues = (report: Record<string, unknown>, names: readonly string[]): Record<string, number | null> =>
  Object.fromEntries(names.map((n) => [n, (report.kpis as Kpi[]).find((k) => k.name === n)!.value]));

const RULE_METRICS = ['tests.passRate', 'coverage.line', 'schedule.spi', 'cost.cpi', 'dora.changeFailureRate', 'defects.density'];

beforeAll(async () => {
  dir = tempDir({ 'policy.yaml': POLICY, 'evidence.json': JSON.stringify(EVIDENCE) });
  store = `file:${path.join(dir, 'history')}`;
  const { history } = (await import(pathToFileURL(path.join(EXAMPLE, 'history', 'build-history.mjs')).href)) as { history: () => HistoryRecord[] };
  const s = await openStore(store);
  try {
    await s.append(history());
  } finally {
    await s.close();
  }
  expect(run(['record', 'plan', '--project', 'acme-payments', '--store', store, '--plan', PLAN, '--time', '2026-08-28T00:00:00Z']).code).toBe(0);
  // This run, recorded an hour before the as-of time: the latest run, so the views without --evidence read it.
  expect(run(['record', 'run', '--project', 'acme-payments', '--store', store, '--pipeline', 'ci', '--build', '99', '--commit', 'abc123', '--branch', 'main', '--evidence', evidence(), '--time', '2026-11-21T08:00:00Z']).code).toBe(0);
}, 60_000);

describe('one truth: gate --project, report and portfolio', () => {
  it('give identical KPI values and the same health score for the same project and as-of time', () => {
    const verdict = json(['gate', '--phase', 'testing', '--policy', policy(), '--evidence', evidence(), '--project', 'acme-payments', '--store', store, '--now', AS_OF, '--format', 'json']);
    const withEvidence = json(['report', '--project', 'acme-payments', '--policy', policy(), '--evidence', evidence(), '--pipeline', 'ci', '--build', '99', '--store', store, '--as-of', AS_OF, '--format', 'json']);
    const storeAlone = json(['report', '--project', 'acme-payments', '--policy', policy(), '--store', store, '--as-of', AS_OF, '--format', 'json']);
    const rows = json(['report', '--portfolio', '--policy', policy(), '--store', store, '--as-of', AS_OF, '--format', 'json']).projects as Array<Record<string, unknown>>;

    const actual = Object.fromEntries((verdict.rules as Rule[]).filter((r) => r.metric).map((r) => [r.metric, r.actual]));
    const fromReport = kpiValues(withEvidence, RULE_METRICS);
    // The gate reads the same values as the report: the run's metrics and the history's KPIs
    // (SPI 0.96…, CPI 1.21…, change failure rate 22.2 %), not "not measured".
    expect(actual).toEqual(fromReport);
    expect(fromReport['tests.passRate']).toBe(95);
    expect(fromReport['schedule.spi']).toBeCloseTo(0.9635, 3);
    expect(kpiValues(storeAlone, RULE_METRICS)).toEqual(fromReport);
    // Without the defects export, defect density is not measured in any view alike.
    expect(fromReport['defects.density']).toBeNull();

    expect(storeAlone.health).toEqual(withEvidence.health);
    expect(withEvidence.kpis).toEqual(storeAlone.kpis);
    const row = rows.find((r) => r.project === 'acme-payments')!;
    const health = withEvidence.health as { score: number; status: string };
    expect(row).toMatchObject({ health: health.score, healthStatus: health.status, spi: fromReport['schedule.spi'], cpi: fromReport['cost.cpi'], defectDensity: null });
  });

  it('with the defects export: the gate and the report both show defect density, red at 16.45 per KLOC', () => {
    const verdict = json(['gate', '--phase', 'testing', '--policy', policy(), '--evidence', evidence(), '--project', 'acme-payments', '--store', store, '--defects', DEFECTS, '--now', AS_OF, '--format', 'json']);
    const report = json(['report', '--project', 'acme-payments', '--policy', policy(), '--store', store, '--defects', DEFECTS, '--as-of', AS_OF, '--format', 'json']);
    const rule = (verdict.rules as Array<Rule & { id: string; status: string }>).find((r) => r.id === 'density')!;
    const kpi = (report.kpis as Kpi[]).find((k) => k.name === 'defects.density')!;
    // 5 confirmed defects over 0.304 KLOC = 16.447… per KLOC (the example's defects.csv, the demo's size.kloc): the 16.45.
    expect(rule.actual).toBe(kpi.value);
    expect(kpi.value).toBeCloseTo(5 / 0.304, 9);
    expect([rule.status, kpi.status]).toEqual(['fail', 'red']);
  });

  it('the portfolio refuses one project\'s inputs instead of ignoring them', () => {
    const r = run(['report', '--portfolio', '--defects', DEFECTS, '--store', store, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: --defects names one project's input: give it with --project NAME/);
  });
});

describe('a --project with no records', () => {
  for (const [what, args] of [
    ['report', ['report', '--format', 'json']],
    ['metrics', ['metrics']],
    ['forecast', ['forecast']],
    ['gate', ['gate', '--phase', 'testing', '--tier', 'operational', '--evidence', 'evidence.json']],
  ] as const) {
    it(`${what}: exit 2 with a did-you-mean, nothing written`, () => {
      const r = run([...args, '--project', 'acme-paymnts', '--store', store, '--as-of', AS_OF].filter((a, i, all) => !(what === 'gate' && (a === '--as-of' || all[i - 1] === '--as-of'))));
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`phasegate: --project "acme-paymnts" has no records in the store ${store} (did you mean "acme-payments"?) (run with --help for usage)\n`);
    });
  }

  it('names what the store holds when nothing is close, and says when it is empty', () => {
    const far = run(['metrics', '--project', 'zzz', '--store', store]);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('has no records in the store');
    expect(far.stderr).toContain('holds "acme-payments"');
    const emptyStore = `file:${path.join(dir, 'empty')}`;
    const empty = run(['report', '--project', 'acme-payments', '--store', emptyStore, '--format', 'md']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`the store ${emptyStore} holds no records yet: record a run first`);
  });
});

describe('--dora-window and --base-branch', () => {
  it('widen the DORA window (policy settings.doraWindowDays, overridden by the flag)', () => {
    const value = (extra: string[]) => (json(['metrics', '--project', 'acme-payments', '--store', store, '--as-of', AS_OF, '--format', 'json', ...extra]) as { dora: { window: { days: number }; kpis?: unknown } }).dora;
    const d30 = value([]);
    const d90 = value(['--dora-window', '90']);
    expect(d30.window.days).toBe(30);
    expect(d90.window.days).toBe(90);
    writeFileSync(path.join(dir, 'window.yaml'), `${POLICY}settings:\n  doraWindowDays: 90\n  baseBranch: develop\n`);
    const viaPolicy = json(['report', '--project', 'acme-payments', '--policy', path.join(dir, 'window.yaml'), '--store', store, '--as-of', AS_OF, '--format', 'json']);
    const viaFlag = json(['report', '--project', 'acme-payments', '--policy', policy(), '--dora-window', '90', '--base-branch', 'develop', '--store', store, '--as-of', AS_OF, '--format', 'json']);
    expect(kpiValues(viaPolicy, ['dora.deploymentFrequency', 'dora.changeFailureRate'])).toEqual(kpiValues(viaFlag, ['dora.deploymentFrequency', 'dora.changeFailureRate']));
  });

  it('refuse a window that is not a whole number of days', () => {
    const r = run(['metrics', '--project', 'acme-payments', '--store', store, '--dora-window', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dora-window');
    expectNoStack(r.stderr);
  });
});

describe('recorded release decisions in the report', () => {
  const RELEASE_POLICY = `schemaVersion: 1
name: shop-release
phases: {}
release:
  steps:
    - { weight: 10, minDuration: 10m }
    - { weight: 100 }
  metrics:
    - { name: latency, provider: file, query: latency, kind: latency, tolerance: 0.1, critical: true }
`;

  it('lists each rollout with its last decision, step and chain head, in JSON and Markdown', () => {
    const rdir = tempDir({ 'p.yaml': RELEASE_POLICY });
    copyFileSync(path.join(ROOT, 'test/fixtures/release/canary/plus30.json'), path.join(rdir, 's.json'));
    const evaluate = cli(['release', 'evaluate', '--project', 'shop', '--rollout', 'v2', '--store', 'file:h', '--policy', 'p.yaml', '--step', '0', '--samples', 's.json', '--started-at', '2024-05-01T10:00:00Z', '--now', '2024-05-01T10:40:00Z', '--format', 'json'], { cwd: rdir });
    expect(evaluate.code).toBe(1);
    const decision = JSON.parse(evaluate.stdout) as { decision: string };
    expect(decision.decision).toBe('rollback');
    const r = cli(['report', '--project', 'shop', '--store', 'file:h', '--as-of', '2024-05-02T00:00:00Z', '--format', 'json'], { cwd: rdir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { releaseDecisions: Array<Record<string, unknown>> };
    expect(report.releaseDecisions).toEqual([
      { rollout: 'v2', decisions: 1, decision: 'rollback', step: 0, weight: 10, nextStep: null, time: '2024-05-01T10:40:00.000Z', seq: 1, head: expect.stringMatching(/^[0-9a-f]{64}$/), policy: 'shop-release' },
    ]);
    const md = cli(['report', '--project', 'shop', '--store', 'file:h', '--as-of', '2024-05-02T00:00:00Z', '--format', 'md'], { cwd: rdir });
    expect(md.stdout).toContain('#### Release decisions');
    expect(md.stdout).toMatch(/\| v2 \| rollback \(2024-05-01\) \| 0 \(weight 10\) \| 1 \| #1 `[0-9a-f]{12}` \|/);
    // Before the decision was taken, there is none to list.
    const before = cli(['report', '--project', 'shop', '--store', 'file:h', '--as-of', '2024-05-01T10:00:00Z', '--format', 'json'], { cwd: rdir });
    expect((JSON.parse(before.stdout) as { releaseDecisions: unknown[] }).releaseDecisions).toEqual([]);
  });
});

describe('messages speak the user\'s words', () => {
  it('a KPI not measured names the flag to give, never an internal option name', () => {
    const report = json(['report', '--project', 'acme-payments', '--store', store, '--as-of', AS_OF, '--format', 'json']);
    const hints = (report.kpis as Array<Kpi & { notMeasured: string | null }>).map((k) => k.notMeasured ?? '');
    const density = (report.kpis as Array<Kpi & { notMeasured: string | null }>).find((k) => k.name === 'defects.density')!;
    expect(density.notMeasured).toBe('no defects file given: give the defects export (--defects FILE), or count evidence findings as defects (--count-as-defects METRIC)');
    for (const h of hints) expect(h).not.toMatch(/options\.|countEvidence|windowDays|throughputWeeks/);
  });
});

describe('the demo (npm start): one truth', () => {
  it('its gates, its report and the report from its store agree: defect density 16.45 per KLOC, one health score', () => {
    const ddir = tempDir();
    expect(cli(['demo'], { cwd: ddir }).code).toBe(0);
    const out = path.join(ddir, '.phasegate', 'demo');
    const read = (f: string) => JSON.parse(readFileSync(path.join(out, f), 'utf8')) as Record<string, unknown>;
    const demoReport = read('report.json');
    const density = (demoReport.kpis as Kpi[]).find((k) => k.name === 'defects.density')!;
    expect(density).toMatchObject({ value: 5 / 0.304, status: 'red' });
    // The gate judged the same value (it used to say "not measured" here).
    const testing = (read('testing.verdict.json').rules as Array<Rule & { id: string }>).find((r) => r.id === 'defect-density')!;
    expect(testing.actual).toBe(density.value);
    // The demo recorded its run, verdicts and plan: the report from the store (with the defects file, which no store keeps) is the demo's.
    const args = ['--store', `file:${path.join(out, 'history')}`, '--policy', path.join(EXAMPLE, 'phasegate.yaml'), '--as-of', AS_OF, '--format', 'json'];
    const fromStore = JSON.parse(cli(['report', '--project', 'acme-payments', '--defects', DEFECTS, ...args], { cwd: ddir }).stdout) as Record<string, unknown>;
    expect(fromStore.health).toEqual(demoReport.health);
    // Same values, statuses, previous values and trends (only a not-measured reason may differ: the store keeps no changed files).
    const shown = (r: Record<string, unknown>) => (r.kpis as Array<Record<string, unknown>>).map(({ notMeasured: _, ...k }) => k);
    expect(shown(fromStore)).toEqual(shown(demoReport));
    // The portfolio and the report from the store alone agree with each other (no defects file: density not measured in both).
    const alone = JSON.parse(cli(['report', '--project', 'acme-payments', ...args], { cwd: ddir }).stdout) as { health: { score: number } };
    const row = (JSON.parse(cli(['report', '--portfolio', ...args], { cwd: ddir }).stdout) as { projects: Array<{ health: number }> }).projects[0]!;
    expect(row.health).toBe(alone.health.score);
  }, 60_000);
});
