import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import { BUILTIN, load, policy, problems } from './helpers.js';

const rule = (lines: string, phase = 'testing') => policy(`phases:\n  ${phase}:\n    - id: r\n${lines}`);
/** A table row's check: the policy has exactly the one expected problem. */
const onlyProblem = (_name: string, text: string | Uint8Array, expected: string) => {
  expect(problems({ 'project.yaml': text })).toEqual([expected]);
};
const metricRule = (extra = '') => rule(`      metric: coverage.line\n      operator: ">="\n      threshold: 80\n${extra}`);

describe('unknown keys get a did-you-mean from the schema', () => {
  it.each([
    ['top level', policy('phase: {}\n'), 'project.yaml:3:1: unknown key "phase" at the top level (did you mean "phases"?)'],
    ['settings', policy('settings:\n  waiverWarnDays: 3\n'), 'project.yaml:4:3: unknown key "waiverWarnDays" in settings (did you mean "waiverWarningDays"?)'],
    ['rule', metricRule('      treshold: 80\n'), 'project.yaml:9:7: unknown key "treshold" in rule "r" (did you mean "threshold"?)'],
    ['document block', rule('      document: { kind: requirements, sigoff: [pm] }\n'), 'project.yaml:6:39: unknown key "sigoff" in document of rule "r" (did you mean "signoff"?)'],
    ['freeze block', rule('      freeze:\n        paths: [a]\n        date: 2026-01-01\n        aprovers: [x]\n'), 'project.yaml:9:9: unknown key "aprovers" in freeze of rule "r" (did you mean "approvers"?)'],
    ['approval block', rule('      approval: { mni: 2 }\n'), 'project.yaml:6:19: unknown key "mni" in approval of rule "r" (did you mean "min"?)'],
    ['waiver', policy('waivers:\n  - { rule: r, reason: x, owner: o, approvers: [a], expires: 2026-01-01, finding: f, ownr: x }\n'), 'project.yaml:4:86: unknown key "ownr" in waiver for "r" (did you mean "owner"?)'],
    ['phase name', policy('phases:\n  testng: []\n'), 'project.yaml:4:3: unknown phase "testng" (did you mean "testing"?)'],
    ['no close key', metricRule('      colour: red\n'), 'project.yaml:9:7: unknown key "colour" in rule "r" (allowed: id, metric, operator, threshold, scope, severity, onMissing, onNothingToJudge, locked, waivable, enabled, description, hint, document, freeze, approval)'],
  ])('%s', onlyProblem);
});

describe('wrong types and values', () => {
  it.each([
    ['threshold text', rule('      metric: coverage.line\n      operator: ">="\n      threshold: "80%"\n'), 'project.yaml:8:18: threshold must be a number (got "80%")'],
    ['yes is not a boolean', metricRule('      locked: yes\n'), 'project.yaml:9:15: locked must be true or false (got "yes")'],
    ['min not whole', rule('      approval: { min: 1.5 }\n'), 'project.yaml:6:24: approval.min must be a whole number (got 1.5)'],
    ['min zero', rule('      approval: { min: 0 }\n'), 'project.yaml:6:24: approval.min must be at least 1 (got 0)'],
    ['rules not a list', policy('phases:\n  testing: {}\n'), 'project.yaml:4:12: phases.testing must be a list (got a mapping)'],
    ['extends number', policy('extends: 5\n'), 'project.yaml:3:10: extends must be a name or a list of names (got 5)'],
    ['name number', 'schemaVersion: 1\nname: 5\n', 'project.yaml:2:7: name must be text (got 5)'],
    ['severity', metricRule('      severity: warning\n'), 'project.yaml:9:17: severity must be "fail" or "warn" (got "warning"; did you mean "warn"?)'],
    ['reversed operator', rule('      metric: coverage.line\n      operator: "=>"\n      threshold: 80\n'), 'project.yaml:7:17: operator must be one of ">=", ">", "<=", "<", "==", "!=" (got "=>"; did you mean ">="?)'],
    ['schemaVersion', 'schemaVersion: 2\nname: x\n', 'project.yaml:1:16: schemaVersion must be 1 (got 2)'],
    ['missing name', 'schemaVersion: 1\n', 'project.yaml:1:1: missing required key "name" at the top level'],
    ['missing schemaVersion', 'name: x\n', 'project.yaml:1:1: missing required key "schemaVersion" at the top level (add schemaVersion: 1)'],
    ['missing rule id', policy('phases:\n  testing:\n    - metric: tests.failed\n'), 'project.yaml:5:7: missing required key "id" in rule #1 of testing'],
    ['id not kebab', policy('phases:\n  testing:\n    - id: Tests_Pass\n      metric: tests.failed\n      operator: "=="\n      threshold: 0\n'), 'project.yaml:5:11: id "Tests_Pass" must be kebab-case: lowercase letters and digits joined by single hyphens (e.g. "tests-pass")'],
    ['hint on two lines', metricRule('      hint: "one\\ntwo"\n'), 'project.yaml:9:13: hint must be one line'],
    ['empty signoff entry', rule('      document: { kind: design, signoff: [""] }\n'), 'project.yaml:6:43: document.signoff[0] must not be empty'],
    ['repeated role', rule('      document: { kind: design, signoff: [pm, pm] }\n'), 'project.yaml:6:47: document.signoff lists "pm" twice; remove one'],
    ['too many days', policy('settings: { waiverWarningDays: 5000 }\n'), 'project.yaml:3:32: settings.waiverWarningDays must be at most 3650 (got 5000)'],
    ['id too long', policy(`phases:\n  testing:\n    - id: ${'a'.repeat(81)}\n      metric: tests.failed\n      operator: "=="\n      threshold: 0\n`), 'project.yaml:5:11: id is longer than 80 characters'],
    ['policy is a list', '- a\n- b\n', 'project.yaml:1:1: the policy must be a mapping (key: value lines) (got a list)'],
    ['tier', policy('tier: operationl\n'), 'project.yaml:3:7: tier must be one of "strategic", "operational", "innovation" (got "operationl"; did you mean "operational"?)'],
  ])('%s', onlyProblem);
});

describe('dates are real calendar dates written YYYY-MM-DD', () => {
  const waiver = (expires: string) => policy(`waivers:\n  - rule: r\n    reason: x\n    owner: o\n    approvers: [a]\n    expires: ${expires}\n`);
  it.each([
    ['2026-13-01', 'project.yaml:8:14: invalid date "2026-13-01" for expires (use YYYY-MM-DD)'],
    ['2026-02-30', 'project.yaml:8:14: invalid date "2026-02-30" for expires (use YYYY-MM-DD)'],
    ['2027-02-29', 'project.yaml:8:14: invalid date "2027-02-29" for expires (use YYYY-MM-DD)'],
    ['2026-2-3', 'project.yaml:8:14: invalid date "2026-2-3" for expires (use YYYY-MM-DD)'],
    ['20261231', 'project.yaml:8:14: invalid date 20261231 for expires (use YYYY-MM-DD)'],
    ['31.12.2026', 'project.yaml:8:14: invalid date "31.12.2026" for expires (use YYYY-MM-DD)'],
  ])('expires: %s', (date, expected) => {
    expect(problems({ 'project.yaml': waiver(date) })).toEqual([expected]);
  });

  it('checks freeze dates too', () => {
    const text = rule('      freeze: { paths: [a], date: 2026-04-31 }\n', 'requirements');
    expect(problems({ 'project.yaml': text })).toEqual(['project.yaml:6:35: invalid date "2026-04-31" for freeze.date (use YYYY-MM-DD)']);
  });

  it('accepts a leap day and keeps dates as strings', () => {
    const p = load({ 'project.yaml': rule('      freeze: { paths: [a], date: 2028-02-29 }\n', 'requirements') });
    expect(p.rules[0]).toMatchObject({ kind: 'freeze', date: '2028-02-29' });
  });
});

describe('files that are not policies', () => {
  it.each([
    ['empty', '', 'project.yaml: policy file is empty'],
    ['blank lines', '\n  \n\n', 'project.yaml: policy file is empty'],
    ['only comments', '# nothing yet\n# still nothing\n', 'project.yaml: policy file is empty'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'project.yaml: not a text file (binary content)'],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x6e, 0x00]), 'project.yaml: encoded as UTF-16; save the policy as UTF-8'],
    ['bad UTF-8', new Uint8Array([...new TextEncoder().encode('schemaVersion: 1\nname: caf'), 0xe9, 0x0a]), 'project.yaml:2:10: not valid UTF-8; save the policy as UTF-8'],
    ['YAML syntax', 'schemaVersion: 1\nname: [x\nphases: {}\n', 'project.yaml:3:1: YAML syntax error: wrong indentation, or a [ or { left open'],
    ['duplicate YAML key', 'schemaVersion: 1\nname: a\nname: b\n', 'project.yaml:3:1: duplicate key "name" in this mapping; keep one'],
    ['two documents', 'schemaVersion: 1\nname: a\n---\nname: b\n', 'project.yaml:3:1: a policy file holds one YAML document; remove this "---" and what follows or move it to its own file'],
    ['unknown tag', 'schemaVersion: 1\nname: !secret a\n', 'project.yaml:2:7: YAML syntax error: custom tags (!name) are not supported; remove the tag'],
  ])('%s', onlyProblem);

  it('says when the file itself is missing', () => {
    expect(problems({}, 'nope.yaml')).toEqual(['nope.yaml: policy file not found']);
  });
});

describe('rules', () => {
  it.each([
    ['unknown metric with a suggestion', rule('      metric: coverage.lines\n      operator: ">="\n      threshold: 80\n'), 'project.yaml:6:15: unknown metric "coverage.lines" (did you mean "coverage.line"?)'],
    ['unknown metric without one', rule('      metric: zzz.qqq\n      operator: ">="\n      threshold: 80\n'), 'project.yaml:6:15: unknown metric "zzz.qqq" (see the metric names in the README)'],
    ['not a metric name', rule('      metric: coverage\n      operator: ">="\n      threshold: 80\n'), 'project.yaml:6:15: metric "coverage" is not a metric name; use a dotted name such as coverage.line'],
    ['scope new without counterpart', rule('      metric: tests.failed\n      scope: new\n      operator: "=="\n      threshold: 0\n'), 'project.yaml:7:7: scope: new needs a metric with a new-code counterpart and tests.failed has none; use scope: overall or one of coverage.line, coverage.branch, security.critical, security.high, security.medium, security.low, analysis.errors, analysis.warnings, analysis.notes, size.kloc, defects.density'],
    ['two kinds', rule('      metric: tests.failed\n      approval: { min: 1 }\n'), 'project.yaml:7:7: rule "r" has metric and approval; a rule has exactly one kind, so split it into separate rules'],
    ['no kind', rule('      threshold: 3\n'), 'project.yaml:5:7: new rule "r" needs one of metric, document, freeze or approval (no earlier layer has a rule "r" to override)'],
    ['incomplete metric rule', rule('      metric: tests.failed\n'), 'project.yaml:5:7: metric rule "r" needs operator and threshold'],
    ['incomplete freeze rule', rule('      freeze: { paths: [a] }\n'), 'project.yaml:5:7: freeze rule "r" needs freeze.date'],
    ['incomplete document rule', rule('      document: { signoff: [pm] }\n'), 'project.yaml:5:7: document rule "r" needs document.kind'],
    ['metric field on an approval rule', rule('      approval: { min: 2 }\n      threshold: 3\n'), 'project.yaml:7:7: threshold applies only to metric rules; "r" is an approval rule (remove threshold)'],
  ])('%s', onlyProblem);

  it('names the first definition in the file even when its phase comes later', () => {
    const text = policy('phases:\n  testing:\n    - id: cov\n      metric: coverage.line\n      operator: ">="\n      threshold: 80\n  design:\n    - id: cov\n      document: { kind: design }\n');
    expect(problems({ 'project.yaml': text })).toEqual(['project.yaml:10:7: duplicate rule id "cov" (first defined at line 5); rule ids are unique across the whole file']);
  });

  it('reports a duplicate id at the repeat, naming the first line, across phases too', () => {
    const text = policy(
      'phases:\n  design:\n    - id: cov\n      metric: coverage.line\n      operator: ">="\n      threshold: 80\n  testing:\n    - id: cov\n      metric: coverage.line\n      operator: ">="\n      threshold: 90\n',
    );
    expect(problems({ 'project.yaml': text })).toEqual(['project.yaml:10:7: duplicate rule id "cov" (first defined at line 5); rule ids are unique across the whole file']);
  });
});

describe('extends', () => {
  it.each([
    ['a file extending itself', { 'project.yaml': policy('extends: project.yaml\n') }, ['project.yaml:3:10: extends cycle: project.yaml -> project.yaml']],
    [
      'a two-file cycle',
      { 'project.yaml': policy('extends: org.yaml\n'), 'org.yaml': policy('extends: project.yaml\n', 'org') },
      ['org.yaml:3:10: extends cycle: project.yaml -> org.yaml -> project.yaml'],
    ],
    [
      'a longer cycle in a subfolder',
      { 'project.yaml': policy('extends: org/a.yaml\n'), 'org/a.yaml': policy('extends: b.yaml\n', 'a'), 'org/b.yaml': policy('extends: [../project.yaml]\n', 'b') },
      ['org/b.yaml:3:11: extends cycle: project.yaml -> org/a.yaml -> org/b.yaml -> project.yaml'],
    ],
    ['a missing file', { 'project.yaml': policy('extends: org.yaml\n') }, ['project.yaml:3:10: extends "org.yaml": file not found']],
    ['a misspelt tier', { 'project.yaml': policy('extends: [strategc]\n') }, ['project.yaml:3:11: extends "strategc": file not found (did you mean "strategic"?)']],
  ])('%s', (_name, files, expected) => {
    expect(problems(files as Record<string, string>)).toEqual(expected);
  });
});

describe('waivers', () => {
  const files = (waiverRule: string) => ({
    'builtin/strategic.yaml': BUILTIN,
    'project.yaml': policy(`extends: strategic\nwaivers:\n  - rule: ${waiverRule}\n    reason: legacy\n    owner: o\n    approvers: [a]\n    expires: 2026-12-31\n`),
  });

  it.each([
    ['an unknown rule with a suggestion', 'coverage', 'project.yaml:5:11: waiver for unknown rule "coverage" (did you mean "cov"?)'],
    ['an unknown rule', 'zzzzzz', 'project.yaml:5:11: waiver for unknown rule "zzzzzz"; waive a rule id of the effective policy (see phasegate policy explain)'],
    ['a rule that is not waivable', 'crit', 'project.yaml:5:11: rule "crit" is not waivable (waivable: false set by tier:strategic at builtin/strategic.yaml:35:7); remove the waiver and fix the finding instead'],
  ])('rejects a waiver for %s', (_name, waiverRule, expected) => {
    expect(problems(files(waiverRule))).toEqual([expected]);
  });

  it('rejects a finding waiver for a rule that counts no findings', () => {
    const text = policy('extends: strategic\nwaivers:\n  - { rule: review, finding: PR-7, reason: r, owner: o, approvers: [a], expires: 2026-12-31 }\n');
    expect(problems({ 'builtin/strategic.yaml': BUILTIN, 'project.yaml': text })).toEqual([
      'project.yaml:5:13: finding waivers apply to metric rules and "review" is an approval rule; remove finding to waive the whole rule',
    ]);
  });

  it('rejects a waiver for a rule a layer disabled', () => {
    const text = policy('extends: strategic\nphases:\n  testing:\n    - id: open\n      enabled: false\nwaivers:\n  - { rule: open, reason: r, owner: o, approvers: [a], expires: 2026-12-31 }\n');
    expect(problems({ 'builtin/strategic.yaml': BUILTIN, 'project.yaml': text })).toEqual([
      'project.yaml:9:13: waiver for rule "open", which is disabled (enabled: false at project.yaml:7:7); remove the waiver',
    ]);
  });
});

describe('all problems at once', () => {
  const text = `schemaVersion: 1
name: everything-wrong
extends: strategic
tier: innovation
settings: { waiverWarningDays: "soon" }
phases:
  testing:
    - id: cov
      threshold: 70
    - id: flaky
      metric: tests.flakey
      operator: "<="
      treshold: 0
    - id: flaky
      metric: tests.flaky
      operator: "<="
      threshold: 0
  release:
    - id: rollout
      approval: { min: 1, roles: [release-manager] }
      freeze: { paths: [x], date: 2026-01-01 }
waivers:
  - { rule: crit, reason: r, owner: o, approvers: [a], expires: 2026-06-31 }
  - { rule: crit, reason: r, owner: o, approvers: [a], expires: 2026-06-30 }
`;
  const expected = [
    'project.yaml:4:7: tier "innovation" contradicts tier "strategic" set by tier:strategic at builtin/strategic.yaml:3:7; remove tier here (it is inherited) or extend the innovation policy instead',
    'project.yaml:5:32: settings.waiverWarningDays must be a whole number (got "soon")',
    'project.yaml:9:7: cannot loosen locked rule "cov": condition ">= 80" -> ">= 70" (locked by tier:strategic at builtin/strategic.yaml:22:7); only tightening is allowed',
    'project.yaml:11:15: unknown metric "tests.flakey" (did you mean "tests.flaky"?)',
    'project.yaml:13:7: unknown key "treshold" in rule "flaky" (did you mean "threshold"?)',
    'project.yaml:14:7: duplicate rule id "flaky" (first defined at line 10); rule ids are unique across the whole file',
    'project.yaml:20:7: rule "rollout" has freeze and approval; a rule has exactly one kind, so split it into separate rules',
    'project.yaml:23:65: invalid date "2026-06-31" for expires (use YYYY-MM-DD)',
    'project.yaml:24:13: rule "crit" is not waivable (waivable: false set by tier:strategic at builtin/strategic.yaml:35:7); remove the waiver and fix the finding instead',
  ];

  it('validatePolicyFiles lists every problem, sorted by line', () => {
    expect(problems({ 'builtin/strategic.yaml': BUILTIN, 'project.yaml': text })).toEqual(expected);
  });

  it('loadPolicy throws one PhasegateError carrying them all', () => {
    let caught: unknown;
    try {
      load({ 'builtin/strategic.yaml': BUILTIN, 'project.yaml': text });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PhasegateError);
    expect((caught as PhasegateError).message.split('\n')).toEqual(expected);
    expect((caught as PhasegateError).diagnostics).toHaveLength(expected.length);
  });
});
