/**
 * A small hand-built project for the report tests: a testing policy with fail and warn
 * rules, evidence with two failed tests and a finding, the five verdicts it gives, a KPI
 * report without plan or history (so most KPIs are not measured) and three earlier runs.
 */
import type { EvidenceItem } from '../../src/evidence/types.js';
import { evaluateGate } from '../../src/gate/engine.js';
import { computeKpis } from '../../src/metrics/index.js';
import { PHASES } from '../../src/policy/types.js';
import type { ReportInput } from '../../src/report/index.js';
import { evidence, metricRule, policy, waiver } from '../helpers/builders.js';
import { run } from '../metrics/helpers.js';

export const AS_OF = new Date('2026-11-27T12:00:00Z');

export const POLICY = policy(
  [
    metricRule('tests-pass-rate', 'tests.passRate', '>=', 95),
    metricRule('coverage-line', 'coverage.line', '>=', 80),
    metricRule('coverage-branch', 'coverage.branch', '>=', 70, { severity: 'warn' }),
    metricRule('no-critical', 'security.critical', '<=', 0),
    metricRule('analysis-warnings', 'analysis.warnings', '<=', 10, { severity: 'warn' }),
  ],
  [waiver('coverage-branch', '2026-12-01'), waiver('no-critical', '2027-03-01', { finding: 'semgrep/sqli@src/db.ts:9' }), waiver('tests-pass-rate', '2026-11-01')],
);

export const failedTest = (n: number, title = `FeeTest rounds case ${n}`, over: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id: `FeeTest::case${n}`, kind: 'test', title, level: 'failed', message: `expected ${n}.11 to be ${n}.12`, file: 'tests/fees.test.ts', line: 40 + n, counts: ['tests.failed'], ...over,
});

export const EVIDENCE = evidence({
  metrics: { 'tests.total': 200, 'tests.passed': 198, 'tests.failed': 2, 'tests.passRate': 99, 'coverage.line': 81, 'coverage.branch': 64, 'security.critical': 0, 'security.high': 1, 'analysis.warnings': 3 },
  items: [
    failedTest(1),
    failedTest(2),
    { id: 'RetryTest::sometimes', kind: 'test', title: 'RetryTest sometimes', level: 'flaky', counts: ['tests.flaky'] },
    { id: 'semgrep/xss@src/ui.ts:3', kind: 'finding', title: 'semgrep/xss', level: 'high', message: 'unescaped output', file: 'src/ui.ts', line: 3, counts: ['security.high'] },
  ],
});

export const HISTORY = [
  run('r1', '2026-11-20T10:00:00Z', { metrics: { 'tests.passRate': 97, 'coverage.line': 78 } }),
  run('r2', '2026-11-24T10:00:00Z', { metrics: { 'tests.passRate': 98, 'coverage.line': 79.5 } }),
  run('r3', '2026-11-26T10:00:00Z', { metrics: { 'tests.passRate': 100 } }),
  run('r4', '2026-11-28T10:00:00Z', { metrics: { 'tests.passRate': 1 } }), // after asOf: left out
  run('x1', '2026-11-25T10:00:00Z', { project: 'other', metrics: { 'tests.passRate': 2 } }),
];

/** The hand-built input; `over` replaces any field. */
export function handInput(over: Partial<ReportInput> = {}): ReportInput {
  const verdicts = PHASES.filter((p) => p !== 'release').map((phase) => evaluateGate({ policy: POLICY, evidence: EVIDENCE, phase, now: AS_OF }));
  const kpis = computeKpis({ project: 'acme-payments', asOf: AS_OF, records: HISTORY, evidence: EVIDENCE.metrics });
  return { project: 'acme-payments', tier: 'operational', asOf: AS_OF, policy: POLICY, verdicts, evidence: EVIDENCE, kpis, history: HISTORY, ...over };
}
