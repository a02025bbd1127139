import { describe, expect, it } from 'vitest';
import { buildReport, HEADLINE_KPIS, type ReportKpi } from '../../src/report/index.js';
import { assertValidReport } from '../../src/report/validate.js';
import { AS_OF, handInput } from './fixtures.js';

const kpi = (kpis: ReportKpi[], name: string): ReportKpi => {
  const found = kpis.find((k) => k.name === name);
  if (!found) throw new Error(`no KPI ${name}`);
  return found;
};

describe('buildReport', () => {
  const report = buildReport(handInput());

  it('lists the five phases with their latest gate state', () => {
    expect(report.phases.map((p) => [p.phase, p.gate, p.failing])).toEqual([
      ['requirements', 'pass', []],
      ['design', 'pass', []],
      ['implementation', 'pass', []],
      ['testing', 'pass', []],
      ['release', 'not-evaluated', []],
    ]);
    expect(report.phases[3]!.summary).toEqual({ pass: 4, warn: 0, fail: 0, waived: 1, error: 0, 'n/a': 0 });
  });

  it('rates KPIs against the policy, with previous values and trends from earlier runs of the project', () => {
    const rows = report.kpis.map((k) => [k.name, k.value, k.previous, k.trend, k.status, k.rules]);
    expect(rows.slice(0, 1)).toEqual([['tests.passRate', 99, 100, [97, 98, 100, 99], 'green', ['tests-pass-rate']]]);
    expect(kpi(report.kpis, 'coverage.line')).toMatchObject({ value: 81, previous: 79.5, trend: [78, 79.5, 81], status: 'amber' });
    expect(kpi(report.kpis, 'coverage.branch')).toMatchObject({ value: 64, status: 'amber', rules: ['coverage-branch'] });
    expect(kpi(report.kpis, 'security.critical').status).toBe('green');
    expect(kpi(report.kpis, 'security.high').status).toBe('unrated');
    expect(report.kpis.map((k) => k.name)).toEqual([...HEADLINE_KPIS, 'analysis.warnings', 'coverage.branch']);
  });

  it('gives a not-measured KPI no value and the reason, never 0', () => {
    expect(kpi(report.kpis, 'schedule.spi')).toEqual({
      name: 'schedule.spi', unit: 'ratio', better: 'higher', value: null, previous: null, trend: [], status: 'not-measured', rules: [], notMeasured: 'no plan given (.phasegate/plan.yaml)',
    });
    expect(kpi(report.kpis, 'coverage.newLine').notMeasured).toBe('no input gives coverage.newLine: give coverage reports (--coverage; --base for new code)');
    expect(report.schedule).toBeNull();
    expect(report.defects).toEqual({ density: null, newDensity: null, open: null, confirmed: null });
  });

  it('lists failures with message and location, flaky tests and findings', () => {
    expect(report.tests).toMatchObject({ total: 200, passed: 198, failed: 2, passRate: 99, flaky: ['RetryTest::sometimes'], newFailures: [] });
    expect(report.tests.failures[0]).toEqual({ id: 'FeeTest::case1', title: 'FeeTest rounds case 1', level: 'failed', message: 'expected 1.11 to be 1.12', file: 'tests/fees.test.ts', line: 41 });
    expect(report.security).toMatchObject({ critical: 0, high: 1, medium: null, findings: [{ id: 'semgrep/xss@src/ui.ts:3', file: 'src/ui.ts', line: 3 }] });
    expect(report.coverage).toEqual({ line: 81, branch: 64, newLine: null, newBranch: null });
  });

  it('keeps waivers in force (expired ones out) and flags those about to expire', () => {
    expect(report.waivers.inForce.map((w) => [w.rule, w.finding, w.daysLeft])).toEqual([
      ['coverage-branch', null, 4],
      ['no-critical', 'semgrep/sqli@src/db.ts:9', 94],
    ]);
    expect(report.waivers.expiring.map((w) => w.rule)).toEqual(['coverage-branch']);
  });

  it('scores health 40 % gates, 60 % KPIs', () => {
    // gates 4 × pass = 1; KPIs: green, amber, green, green, amber = 0.8 → 0.4 + 0.48
    expect(report.health).toEqual({ score: 88, status: 'healthy', gates: 1, kpis: 0.8 });
    expect(report.releaseDecisions).toEqual([]);
  });

  it('gives a null score when nothing is scored, and validates against the schema', () => {
    const empty = buildReport({ project: 'p', tier: null, asOf: AS_OF, verdicts: [] });
    expect(empty.health).toEqual({ score: null, status: null, gates: null, kpis: null });
    expect(empty.kpis.every((k) => k.status === 'not-measured' && k.value === null && k.notMeasured)).toBe(true);
    expect(() => assertValidReport(empty)).not.toThrow();
    expect(() => assertValidReport(report)).not.toThrow();
  });

  it('is pure: equal inputs give equal reports', () => {
    expect(buildReport(handInput())).toEqual(report);
  });
});
