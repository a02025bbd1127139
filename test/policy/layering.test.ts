import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/index.js';
import type { MetricRule } from '../../src/policy/types.js';
import { BUILTIN, load, options, policy, problems } from './helpers.js';

const builtin = { 'builtin/strategic.yaml': BUILTIN };
const at = (file: string, line: number, layer = file) => ({ file, line, col: 7, layer });
const S = (line: number) => at('builtin/strategic.yaml', line, 'tier:strategic');
const ruleOf = (p: ReturnType<typeof load>, id: string) => p.rules.find((r) => r.id === id);

describe('a built-in tier on its own', () => {
  const p = loadPolicy({ tier: 'strategic' }, options(builtin));

  it('names its layer tier:<tier> and shows its file relative to the package', () => {
    expect(p.layers).toEqual([{ name: 'tier:strategic', file: 'builtin/strategic.yaml' }]);
    expect([p.name, p.tier, p.settings]).toEqual(['strategic', 'strategic', { waiverWarningDays: 14 }]);
  });

  it('fills defaults and points each rule at its definition', () => {
    expect(ruleOf(p, 'cov')).toEqual({
      id: 'cov', phase: 'testing', kind: 'metric', metric: 'coverage.line', operator: '>=', threshold: 80,
      severity: 'fail', scope: 'overall', onMissing: 'fail', onNothingToJudge: 'pass', locked: true, waivable: true,
      source: S(18), layers: ['tier:strategic'],
    });
    expect(ruleOf(p, 'req-doc')).toEqual({
      id: 'req-doc', phase: 'requirements', kind: 'document', docKind: 'requirements', paths: ['docs/req/**'],
      signoff: ['product-manager', 'business-owner'], newerThan: ['vision'],
      severity: 'fail', scope: 'overall', onMissing: 'fail', locked: true, waivable: true, source: S(6), layers: ['tier:strategic'],
    });
    expect(ruleOf(p, 'freeze')).toMatchObject({ kind: 'freeze', paths: ['docs/req/**'], date: '2026-10-15', approvers: ['change-board'], label: 'cr-approved' });
    expect(ruleOf(p, 'review')).toMatchObject({ kind: 'approval', minApprovals: 2, roles: ['code-owner'], teams: ['payments'] });
  });

  it('orders rules by phase, then as written', () => {
    expect(p.rules.map((r) => r.id)).toEqual(['req-doc', 'freeze', 'review', 'cov', 'soft', 'crit', 'open']);
  });
});

describe('built-in → organisation → project', () => {
  const files = {
    ...builtin,
    'org/org.yaml': policy(
      'extends: strategic\nsettings: { waiverWarningDays: 30 }\nphases:\n  testing:\n    - id: cov\n      threshold: 85\n    - id: org-flaky\n      metric: tests.flaky\n      operator: "=="\n      threshold: 0\n      severity: warn\nwaivers:\n  - { rule: open, reason: org-wide, owner: pmo, approvers: [cto], expires: 2027-01-31 }\n',
      'acme-org',
    ),
    'project.yaml': policy(
      'extends: org/org.yaml\nphases:\n  testing:\n    - id: cov\n      hint: cover the fee module\n    - id: open\n      threshold: 75\n  requirements:\n    - id: kickoff\n      document: { kind: charter }\nwaivers:\n  - rule: cov\n    finding: src/legacy.ts\n    reason: legacy\n    owner: chen\n    approvers: [wang]\n    expires: 2026-12-31\n',
      'payments',
    ),
  };
  const p = load(files);

  it('lists the layers in application order and takes name, tier and settings from the right ones', () => {
    expect(p.layers).toEqual([
      { name: 'tier:strategic', file: 'builtin/strategic.yaml' },
      { name: 'org/org.yaml', file: 'org/org.yaml' },
      { name: 'project.yaml', file: 'project.yaml' },
    ]);
    expect([p.name, p.tier, p.settings.waiverWarningDays]).toEqual(['payments', 'strategic', 30]);
  });

  it('keeps the source where the deciding value was last set, and every layer that touched the rule', () => {
    const cov = ruleOf(p, 'cov') as MetricRule;
    expect([cov.threshold, cov.hint, cov.locked]).toEqual([85, 'cover the fee module', true]);
    expect(cov.source).toEqual(at('org/org.yaml', 7));
    expect(cov.layers).toEqual(['tier:strategic', 'org/org.yaml', 'project.yaml']);
  });

  it('lets a later layer loosen a rule nobody locked', () => {
    expect(ruleOf(p, 'open')).toMatchObject({ threshold: 75, hint: 'fix the tests', source: at('project.yaml', 8), layers: ['tier:strategic', 'project.yaml'] });
  });

  it('appends new rules after the inherited ones of their phase', () => {
    expect(p.rules.map((r) => r.id)).toEqual(['req-doc', 'kickoff', 'freeze', 'review', 'cov', 'soft', 'crit', 'open', 'org-flaky']);
    expect(ruleOf(p, 'kickoff')).toMatchObject({ kind: 'document', docKind: 'charter', paths: [], signoff: [], newerThan: [] });
  });

  it('accumulates waivers of all layers, each with its source', () => {
    expect(p.waivers).toEqual([
      { rule: 'open', reason: 'org-wide', owner: 'pmo', approvers: ['cto'], expires: '2027-01-31', source: { file: 'org/org.yaml', line: 15, col: 5, layer: 'org/org.yaml' } },
      { rule: 'cov', finding: 'src/legacy.ts', reason: 'legacy', owner: 'chen', approvers: ['wang'], expires: '2026-12-31', source: { file: 'project.yaml', line: 14, col: 5, layer: 'project.yaml' } },
    ]);
  });
});

describe('several parents', () => {
  const parent = (name: string, threshold: number) => policy(`extends: strategic\nphases:\n  testing:\n    - id: open\n      threshold: ${threshold}\n`, name);
  const files = { ...builtin, 'a.yaml': parent('a', 95), 'b.yaml': parent('b', 97), 'project.yaml': policy('extends: [a.yaml, b.yaml]\n') };

  it('applies a list in order and a shared ancestor once', () => {
    const p = load(files);
    expect(p.layers.map((l) => l.name)).toEqual(['tier:strategic', 'a.yaml', 'b.yaml', 'project.yaml']);
    expect(ruleOf(p, 'open')).toMatchObject({ threshold: 97, source: at('b.yaml', 6), layers: ['tier:strategic', 'a.yaml', 'b.yaml'] });
  });

  it('resolves paths relative to the extending file and names a built-in reached by path as its tier', () => {
    const nested = { ...builtin, 'teams/x/project.yaml': policy('extends: ../../builtin/strategic.yaml\n') };
    expect(load(nested, 'teams/x/project.yaml').layers).toEqual([
      { name: 'tier:strategic', file: 'builtin/strategic.yaml' },
      { name: 'teams/x/project.yaml', file: 'teams/x/project.yaml' },
    ]);
  });
});

describe('enabled', () => {
  it('drops a rule with enabled: false and brings it back with enabled: true', () => {
    const off = policy('extends: strategic\nphases:\n  testing:\n    - id: open\n      enabled: false\n', 'off');
    const p = load({ ...builtin, 'off.yaml': off, 'project.yaml': policy('extends: off.yaml\nphases:\n  testing:\n    - id: open\n      enabled: true\n') });
    expect(load({ ...builtin, 'project.yaml': off }).rules.map((r) => r.id)).not.toContain('open');
    expect(ruleOf(p, 'open')).toMatchObject({ threshold: 90, source: at('project.yaml', 6), layers: ['tier:strategic', 'off.yaml', 'project.yaml'] });
  });
});

const override = (phase: string, lines: string) => ({ ...builtin, 'project.yaml': policy(`extends: strategic\nphases:\n  ${phase}:\n${lines}`) });
const lockedAt = (line: number) => `(locked by tier:strategic at builtin/strategic.yaml:${line}:7); only tightening is allowed`;

describe('locked rules may be tightened', () => {
  it.each([
    ['a higher minimum', 'testing', '    - id: cov\n      threshold: 90\n', 'cov', { threshold: 90 }],
    ['> instead of >=', 'testing', '    - id: cov\n      operator: ">"\n', 'cov', { operator: '>', threshold: 80 }],
    ['== a passing value', 'testing', '    - id: cov\n      operator: "=="\n      threshold: 100\n', 'cov', { operator: '==', threshold: 100 }],
    ['a lower maximum', 'testing', '    - id: soft\n      threshold: 1\n', 'soft', { threshold: 1 }],
    ['< at the same bound', 'testing', '    - id: soft\n      operator: "<"\n', 'soft', { operator: '<' }],
    ['warn -> fail', 'testing', '    - id: soft\n      severity: fail\n', 'soft', { severity: 'fail' }],
    ['onMissing pass -> warn', 'testing', '    - id: soft\n      onMissing: warn\n', 'soft', { onMissing: 'warn' }],
    ['waivable true -> false', 'testing', '    - id: cov\n      waivable: false\n', 'cov', { waivable: false }],
    ['the same values again', 'testing', '    - id: crit\n      metric: security.critical\n      operator: "=="\n      threshold: 0\n      locked: true\n', 'crit', { threshold: 0 }],
    ['only a hint', 'testing', '    - id: crit\n      hint: run the scanner locally\n', 'crit', { hint: 'run the scanner locally', source: S(30) }],
    ['another sign-off role', 'requirements', '    - id: req-doc\n      document: { signoff: [product-manager, business-owner, compliance] }\n', 'req-doc', { signoff: ['product-manager', 'business-owner', 'compliance'] }],
    ['another newer-than kind', 'requirements', '    - id: req-doc\n      document: { newerThan: [vision, charter] }\n', 'req-doc', { newerThan: ['vision', 'charter'] }],
    ['an earlier freeze', 'design', '    - id: freeze\n      freeze: { date: 2026-09-01 }\n', 'freeze', { date: '2026-09-01' }],
    ['more frozen paths', 'design', '    - id: freeze\n      freeze: { paths: ["docs/req/**", "docs/design/**"] }\n', 'freeze', { paths: ['docs/req/**', 'docs/design/**'] }],
    ['more approvals', 'implementation', '    - id: review\n      approval: { min: 3, roles: [code-owner, architect] }\n', 'review', { minApprovals: 3, roles: ['code-owner', 'architect'] }],
  ])('%s', (_name, phase, lines, id, expected) => {
    const files = override(phase, lines);
    expect(problems(files)).toEqual([]);
    expect(ruleOf(load(files), id)).toMatchObject(expected);
  });
});

describe('locked rules may not be loosened', () => {
  it.each([
    ['a lower minimum', 'testing', '    - id: cov\n      threshold: 79.5\n', `7:7: cannot loosen locked rule "cov": condition ">= 80" -> ">= 79.5" ${lockedAt(22)}`],
    ['> a lower bound', 'testing', '    - id: cov\n      operator: ">"\n      threshold: 79\n', `7:7: cannot loosen locked rule "cov": condition ">= 80" -> "> 79" ${lockedAt(22)}`],
    ['the other direction', 'testing', '    - id: cov\n      operator: "<="\n', `7:7: cannot loosen locked rule "cov": condition ">= 80" -> "<= 80" ${lockedAt(22)}`],
    ['another metric', 'testing', '    - id: cov\n      metric: coverage.branch\n', `7:7: cannot loosen locked rule "cov": metric coverage.line -> coverage.branch ${lockedAt(22)}`],
    ['another scope', 'testing', '    - id: cov\n      scope: new\n', `7:7: cannot loosen locked rule "cov": scope overall -> new ${lockedAt(22)}`],
    ['fail -> warn', 'testing', '    - id: cov\n      severity: warn\n', `7:7: cannot loosen locked rule "cov": severity fail -> warn ${lockedAt(22)}`],
    ['onMissing fail -> warn', 'testing', '    - id: cov\n      onMissing: warn\n', `7:7: cannot loosen locked rule "cov": onMissing fail -> warn ${lockedAt(22)}`],
    ['unlocking', 'testing', '    - id: cov\n      locked: false\n', `7:7: cannot loosen locked rule "cov": locked true -> false ${lockedAt(22)}`],
    ['disabling', 'testing', '    - id: cov\n      enabled: false\n', `7:7: cannot loosen locked rule "cov": enabled true -> false ${lockedAt(22)}`],
    ['a higher maximum', 'testing', '    - id: soft\n      threshold: 2.5\n', `7:7: cannot loosen locked rule "soft": condition "<= 2" -> "<= 2.5" ${lockedAt(29)}`],
    ['== another value', 'testing', '    - id: crit\n      threshold: 1\n', `7:7: cannot loosen locked rule "crit": condition "== 0" -> "== 1" ${lockedAt(34)}`],
    ['making it waivable', 'testing', '    - id: crit\n      waivable: true\n', `7:7: cannot loosen locked rule "crit": waivable false -> true ${lockedAt(34)}`],
    ['dropping a sign-off role', 'requirements', '    - id: req-doc\n      document: { signoff: [product-manager] }\n', `7:19: cannot loosen locked rule "req-doc": document.signoff [product-manager, business-owner] -> [product-manager] ${lockedAt(8)}`],
    ['dropping newerThan', 'requirements', '    - id: req-doc\n      document: { newerThan: [] }\n', `7:19: cannot loosen locked rule "req-doc": document.newerThan [vision] -> [] ${lockedAt(8)}`],
    ['other document paths', 'requirements', '    - id: req-doc\n      document: { paths: ["**"] }\n', `7:19: cannot loosen locked rule "req-doc": document.paths [docs/req/**] -> [**] ${lockedAt(8)}`],
    ['another document kind', 'requirements', '    - id: req-doc\n      document: { kind: notes }\n', `7:19: cannot loosen locked rule "req-doc": document.kind requirements -> notes ${lockedAt(8)}`],
    ['a later freeze', 'design', '    - id: freeze\n      freeze: { date: 2026-11-01 }\n', `7:17: cannot loosen locked rule "freeze": freeze.date 2026-10-15 -> 2026-11-01 ${lockedAt(12)}`],
    ['more approvers', 'design', '    - id: freeze\n      freeze: { approvers: [change-board, team-lead] }\n', `7:17: cannot loosen locked rule "freeze": freeze.approvers [change-board] -> [change-board, team-lead] ${lockedAt(12)}`],
    ['any approver', 'design', '    - id: freeze\n      freeze: { approvers: [] }\n', `7:17: cannot loosen locked rule "freeze": freeze.approvers [change-board] -> [] ${lockedAt(12)}`],
    ['another label', 'design', '    - id: freeze\n      freeze: { label: skip-freeze }\n', `7:17: cannot loosen locked rule "freeze": freeze.label cr-approved -> skip-freeze ${lockedAt(12)}`],
    ['fewer frozen paths', 'design', '    - id: freeze\n      freeze: { paths: ["docs/req/a.md"] }\n', `7:17: cannot loosen locked rule "freeze": freeze.paths [docs/req/**] -> [docs/req/a.md] ${lockedAt(12)}`],
    ['fewer approvals', 'implementation', '    - id: review\n      approval: { min: 1 }\n', `7:19: cannot loosen locked rule "review": approval.min 2 -> 1 ${lockedAt(16)}`],
    ['dropping a role', 'implementation', '    - id: review\n      approval: { roles: [] }\n', `7:19: cannot loosen locked rule "review": approval.roles [code-owner] -> [] ${lockedAt(16)}`],
    ['dropping a team', 'implementation', '    - id: review\n      approval: { teams: [] }\n', `7:19: cannot loosen locked rule "review": approval.teams [payments] -> [] ${lockedAt(16)}`],
  ])('%s', (_name, phase, lines, expected) => {
    expect(problems(override(phase, lines))).toEqual([`project.yaml:${expected}`]);
  });

  it('names the layer that locked the rule when it is not the one that defined it', () => {
    const files = {
      ...builtin,
      'org.yaml': policy('extends: strategic\nphases:\n  testing:\n    - id: open\n      locked: true\n', 'org'),
      'project.yaml': policy('extends: org.yaml\nphases:\n  testing:\n    - id: open\n      threshold: 50\n'),
    };
    expect(problems(files)).toEqual(['project.yaml:7:7: cannot loosen locked rule "open": condition ">= 90" -> ">= 50" (locked by org.yaml at org.yaml:7:7); only tightening is allowed']);
  });

  it('allows loosening in the same layer that locks, and any change to unlocked rules', () => {
    const files = override('testing', '    - id: open\n      threshold: 50\n      severity: warn\n      onMissing: pass\n      locked: true\n');
    expect(problems(files)).toEqual([]);
    expect(ruleOf(load(files), 'open')).toMatchObject({ threshold: 50, severity: 'warn', onMissing: 'pass', locked: true });
  });
});

describe('overrides that cannot apply', () => {
  it.each([
    ['a different kind', 'testing', '    - id: cov\n      approval: { min: 1 }\n', 'project.yaml:7:7: rule "cov" is a metric rule (defined at builtin/strategic.yaml:18:7); an override cannot change its kind, so give the approval rule its own id'],
    ['another phase', 'release', '    - id: cov\n      threshold: 90\n', 'project.yaml:6:7: rule "cov" belongs to phase testing (defined at builtin/strategic.yaml:18:7); override it under phases.testing'],
    ['a field of another kind', 'implementation', '    - id: review\n      threshold: 3\n', 'project.yaml:7:7: threshold applies only to metric rules; "review" is an approval rule (remove threshold)'],
    ['a misspelt id', 'testing', '    - id: covv\n      threshold: 90\n', 'project.yaml:6:7: new rule "covv" needs one of metric, document, freeze or approval (no earlier layer has a rule "covv" to override; did you mean "cov"?)'],
  ])('%s', (_name, phase, lines, expected) => {
    expect(problems(override(phase, lines))).toEqual([expected]);
  });
});
