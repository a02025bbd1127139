/** Hand-built verdicts for the renderer tests: every rule status, a waiver and both notice levels. */
import type { RuleResult, Verdict } from '../../../src/gate/types.js';

const at = (line: number, file = 'policies/strategic.yaml', layer = 'tier:strategic'): RuleResult['source'] => ({ file, line, col: 7, layer });

const metricRule = (over: Partial<RuleResult> & Pick<RuleResult, 'id' | 'status'>): RuleResult => ({
  kind: 'metric',
  severity: 'fail',
  metric: 'coverage.line',
  actual: 80,
  operator: '>=',
  threshold: 80,
  source: at(10),
  waiver: null,
  message: 'ok',
  hint: null,
  evidence: [],
  evidenceCount: 0,
  ...over,
});

/** One rule per status (two errors: one blocking, one on a warn-severity rule; n/a last), in policy order. */
export function mixedVerdict(): Verdict {
  const rules: RuleResult[] = [
    metricRule({ id: 'tests-pass-rate', status: 'pass', metric: 'tests.passRate', actual: 100, threshold: 100, message: 'tests.passRate is 100 %' }),
    metricRule({
      id: 'coverage-line',
      status: 'fail',
      actual: 71.25,
      source: at(12),
      message: 'coverage.line is 71.25 %, required >= 80 %',
      hint: 'raise coverage.line to >= 80 %',
    }),
    metricRule({
      id: 'flaky-tests',
      status: 'warn',
      severity: 'warn',
      metric: 'tests.flaky',
      actual: 3,
      operator: '<=',
      threshold: 0,
      source: at(20),
      message: 'tests.flaky is 3, required <= 0',
      hint: 'fix or quarantine the flaky tests',
      evidence: [{ id: 'FeeTest::rounds', title: 'FeeTest rounds', level: 'flaky', file: 'src/fees.test.ts', line: 42, message: 'expected 67.11 to be 67.12' }],
      evidenceCount: 3,
    }),
    metricRule({
      id: 'security-high',
      status: 'error',
      metric: 'security.high',
      actual: null,
      operator: '<=',
      threshold: 0,
      source: at(30),
      message: 'security.high was not measured (missing evidence fails this rule)',
      hint: 'collect the evidence that provides security.high',
    }),
    {
      id: 'design-doc',
      kind: 'document',
      status: 'error',
      severity: 'warn',
      metric: null,
      actual: null,
      operator: null,
      threshold: 'present',
      source: at(4, 'phasegate.yaml', 'phasegate.yaml'),
      waiver: null,
      message: 'documents were not collected',
      hint: 'pass --docs so the design documents are read',
      evidence: [],
      evidenceCount: 0,
    },
    {
      id: 'requirements-signed',
      kind: 'document',
      status: 'waived',
      severity: 'fail',
      metric: null,
      actual: '1 document, unsigned',
      operator: null,
      threshold: 'signed by product-manager',
      source: at(40),
      waiver: { rule: 'requirements-signed', reason: 'PM on leave', owner: 'chen.jie', approvers: ['wang.fang'], expires: '2026-12-31', source: 'phasegate.yaml:90:5' },
      message: 'not signed by product-manager — waived: PM on leave',
      hint: 'have the product-manager sign off the current version',
      evidence: [],
      evidenceCount: 0,
    },
    metricRule({
      id: 'coverage-new',
      status: 'n/a',
      metric: 'coverage.newLine',
      actual: null,
      source: at(14),
      message: 'coverage.newLine has nothing to judge: no added line is instrumented (3 lines added, none in covered files)',
    }),
  ];
  return {
    schemaVersion: 1,
    phase: 'testing',
    tier: 'strategic',
    policy: 'acme-payments',
    now: '2026-11-27T12:00:00.000Z',
    status: 'fail',
    summary: { pass: 1, warn: 1, fail: 1, waived: 1, error: 2, 'n/a': 1 },
    rules,
    notices: [
      { level: 'warn', rule: 'requirements-signed', state: 'expiring', expires: '2026-12-31', message: 'waiver for requirements-signed expires in 4 days (2026-12-31); owner chen.jie', source: 'phasegate.yaml:90:5' },
      { level: 'info', rule: 'tests-pass-rate', state: 'unused', expires: '2027-01-31', message: 'waiver for tests-pass-rate was not needed: the rule passes without it', source: 'phasegate.yaml:96:5' },
    ],
  };
}

/** A passing verdict with a single rule and no notices. */
export function passingVerdict(): Verdict {
  const v = mixedVerdict();
  return { ...v, status: 'pass', summary: { pass: 1, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 0 }, rules: [v.rules[0]!], notices: [] };
}

/** Text that tries to break out of every format: XML, Markdown tables, terminals. */
export const HOSTILE = 'x</failure></testcase><script>alert(1)</script> | `code` *b* [l](http://e) $m$ \u001b[31mred\u0007\u0000\ufffe\nnext & "q" \'a\'';

/** The mixed verdict with hostile text in the failing rule's message and hint. */
export function hostileVerdict(): Verdict {
  const v = mixedVerdict();
  const rules = v.rules.map((r) => (r.id === 'coverage-line' ? { ...r, message: HOSTILE, hint: HOSTILE } : r));
  return { ...v, policy: `acme ${HOSTILE}`, rules };
}
