import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../src/report/index.js';
import { assertValidReport } from '../../src/report/validate.js';
import { acmeInput } from './acme.js';

describe('the acme-payments health report', () => {
  let report: Report;
  beforeAll(async () => {
    report = buildReport(await acmeInput());
  });

  it('shows the failing testing and release gates', () => {
    expect(report.phases.map((p) => `${p.phase}:${p.gate}`)).toEqual(['requirements:pass', 'design:pass', 'implementation:pass', 'testing:fail', 'release:fail']);
    expect(report.phases[4]!.failing).toEqual(['rollback-plan', 'release-approval']);
    expect(report.phases[0]).toMatchObject({ plannedStart: '2026-08-31', plannedFinish: '2026-09-11' });
  });

  it('rates the KPIs the policy reads and carries the plan, DORA and forecast', () => {
    const status = Object.fromEntries(report.kpis.map((k) => [k.name, k.status]));
    expect(status).toMatchObject({ 'tests.passRate': 'red', 'coverage.line': 'amber', 'security.critical': 'green', 'defects.density': 'red', 'coverage.newLine': 'not-measured' });
    expect(report.schedule?.table.map((r) => r.phase)).toEqual(['requirements', 'design', 'implementation', 'testing', 'release', 'project']);
    expect(report.dora?.changeFailureRate?.band).toBeDefined();
    expect(report.forecast?.due).toBe('2026-12-18');
    expect(report.warnings.every((w) => w.action.length > 0)).toBe(true);
  });

  it('validates against schemas/report.schema.json', () => {
    expect(() => assertValidReport(report)).not.toThrow();
  });
});
