import { describe, expect, it } from 'vitest';
import { policyDigest } from '../../../src/policy/index.js';
import { load, policy, problems } from '../../policy/helpers.js';

/** The organisation's section; line numbers matter to the assertions (the header is lines 1-2). */
const ORG = policy(
  `release:
  locked: [score]
  steps:
    - id: canary
      weight: 5
      minDuration: 10m
      minSamples: 500
      locked: [minDuration, minSamples]
    - id: half
      weight: 50
      minDuration: 30m
      approvals: { min: 1, role: sre }
    - id: full
      weight: 100
      approvals: { min: 2, role: release-manager }
      locked: true
  metrics:
    - name: http-errors
      provider: prometheus
      query: sum(rate(http_errors[5m]))
      kind: error-ratio
      limit: { max: 0.01 }
      tolerance: 0.1
      critical: true
      locked: [limit, tolerance, critical]
    - name: p99-latency
      provider: prometheus
      query: histogram_quantile(0.99, x)
      kind: latency
      tolerance: 0.2
  score: { pass: 95, marginal: 75 }
  limits: { failed: 0 }
  approvers:
    - { name: alice, role: release-manager, locked: true }
    - { name: bob, role: release-manager }
    - { name: sam, role: sre }
    - { name: sue, role: sre }
`,
  'acme-org',
);

/** A project over ORG whose `release` section is `body` (its first line is line 5). */
const project = (body: string) => ({ 'org.yaml': ORG, 'project.yaml': policy(`extends: org.yaml\nrelease:\n${body}`, 'payments') });
const org = (line: number, col: number) => ({ file: 'org.yaml', line, col, layer: 'org.yaml' });
const proj = (line: number, col: number) => ({ file: 'project.yaml', line, col, layer: 'project.yaml' });

const TIGHTER = `  steps:
    - id: canary
      minDuration: 20m
    - id: quarter
      weight: 25
      minDuration: 15m
    - id: half
      weight: 60
  metrics:
    - name: http-errors
      query: sum(rate(http_errors{app="payments"}[5m]))
      tolerance: 0.05
    - name: checkout-rate
      provider: file
      query: metrics/checkout.json
      kind: business
  score: { pass: 97 }
  approvers:
    - { name: carol, role: developer }
`;

describe('the release section merged key by key: tier → organisation → project', () => {
  const p = load(project(TIGHTER));

  it('merges steps by id (ordered by weight), metrics and approvers by name, score and limits by key', () => {
    expect(p.release).toEqual({
      steps: [
        { id: 'canary', weight: 5, minDurationMs: 1_200_000, minSamples: 500 },
        { id: 'quarter', weight: 25, minDurationMs: 900_000, minSamples: 0 },
        { id: 'half', weight: 60, minDurationMs: 1_800_000, minSamples: 0, approvals: { min: 1, role: 'sre' } },
        { id: 'full', weight: 100, minDurationMs: 0, minSamples: 0, approvals: { min: 2, role: 'release-manager' } },
      ],
      metrics: [
        {
          name: 'http-errors', provider: 'prometheus', query: 'sum(rate(http_errors{app="payments"}[5m]))', kind: 'error-ratio', harmful: 'increase',
          limit: { max: 0.01 }, tolerance: 0.05, critical: true, onNoData: 'hold',
        },
        { name: 'p99-latency', provider: 'prometheus', query: 'histogram_quantile(0.99, x)', kind: 'latency', harmful: 'increase', limit: {}, tolerance: 0.2, critical: false, onNoData: 'hold' },
        { name: 'checkout-rate', provider: 'file', query: 'metrics/checkout.json', kind: 'business', harmful: 'decrease', limit: {}, critical: false, onNoData: 'hold' },
      ],
      score: { pass: 97, marginal: 75 },
      limits: { failed: 0, inconclusive: 2, consecutiveErrors: 3 },
      approvers: [
        { name: 'alice', role: 'release-manager' },
        { name: 'bob', role: 'release-manager' },
        { name: 'sam', role: 'sre' },
        { name: 'sue', role: 'sre' },
        { name: 'carol', role: 'developer' },
      ],
    });
  });

  it('records where each value was set, at its key, and the locks in force', () => {
    expect(p.releaseSources).toEqual({
      values: {
        'release.steps[0].weight': org(7, 7),
        'release.steps[0].minDuration': proj(7, 7),
        'release.steps[0].minSamples': org(9, 7),
        'release.steps[1].weight': proj(9, 7),
        'release.steps[1].minDuration': proj(10, 7),
        'release.steps[2].weight': proj(12, 7),
        'release.steps[2].minDuration': org(13, 7),
        'release.steps[2].approvals.min': org(14, 20),
        'release.steps[2].approvals.role': org(14, 28),
        'release.steps[3].weight': org(16, 7),
        'release.steps[3].approvals.min': org(17, 20),
        'release.steps[3].approvals.role': org(17, 28),
        'release.metrics[0].provider': org(21, 7),
        'release.metrics[0].query': proj(15, 7),
        'release.metrics[0].kind': org(23, 7),
        'release.metrics[0].limit.max': org(24, 16),
        'release.metrics[0].tolerance': proj(16, 7),
        'release.metrics[0].critical': org(26, 7),
        'release.metrics[1].provider': org(29, 7),
        'release.metrics[1].query': org(30, 7),
        'release.metrics[1].kind': org(31, 7),
        'release.metrics[1].tolerance': org(32, 7),
        'release.metrics[2].provider': proj(18, 7),
        'release.metrics[2].query': proj(19, 7),
        'release.metrics[2].kind': proj(20, 7),
        'release.score.pass': proj(21, 12),
        'release.score.marginal': org(33, 22),
        'release.limits.failed': org(34, 13),
        'release.approvers[0].role': org(36, 22),
        'release.approvers[1].role': org(37, 20),
        'release.approvers[2].role': org(38, 20),
        'release.approvers[3].role': org(39, 20),
        'release.approvers[4].role': proj(23, 22),
      },
      locks: [
        { path: 'release', fields: ['score'], source: org(4, 3) },
        { path: 'release.steps[0]', fields: ['minDuration', 'minSamples'], source: org(10, 7) },
        { path: 'release.steps[3]', fields: 'all', source: org(18, 7) },
        { path: 'release.metrics[0]', fields: ['limit', 'tolerance', 'critical'], source: org(27, 7) },
        { path: 'release.approvers[0]', fields: 'all', source: org(36, 45) },
      ],
    });
  });

  it('lets a project add a metric to a section whose metrics nobody locked', () => {
    const added = load(project('  metrics:\n    - { name: queue-depth, provider: file, query: q.json, kind: count, limit: { max: 100 } }\n'));
    expect(added.release?.metrics.map((m) => m.name)).toEqual(['http-errors', 'p99-latency', 'queue-depth']);
    expect(added.releaseSources?.values['release.metrics[2].limit.max']).toEqual(proj(6, 81));
  });

  it('lets a project remove, reshape or drop the values of what nobody locked', () => {
    const q = load(project('  steps:\n    - { id: half, enabled: false }\n  metrics:\n    - { name: p99-latency, tolerance: null, limit: { max: 800 } }\n    - { name: http-errors, onNoData: fail }\n  limits: { inconclusive: 5 }\n'));
    expect(q.release?.steps.map((s) => s.id)).toEqual(['canary', 'full']);
    expect(q.release?.metrics[1]).toMatchObject({ name: 'p99-latency', limit: { max: 800 } });
    expect(q.release?.metrics[1]).not.toHaveProperty('tolerance');
    expect([q.release?.metrics[0]?.onNoData, q.release?.limits.inconclusive]).toEqual(['fail', 5]);
  });

  it('takes the people (of) in place of the role when a later layer names them, and the reverse', () => {
    const q = load(project('  steps:\n    - id: half\n      approvals: { of: [sam, bob] }\n'));
    expect(q.release?.steps[1]?.approvals).toEqual({ min: 1, of: ['sam', 'bob'], role: 'release-manager' });
    expect(q.releaseSources?.values['release.steps[1].approvals.role']).toBeUndefined();
  });

  it('lets a layer add locks of its own, which count in the digest', () => {
    const locked = load(project('  locked: [metrics]\n  steps:\n    - { id: half, locked: [approvals] }\n'));
    expect(locked.releaseSources?.locks.filter((l) => l.source.file === 'project.yaml')).toEqual([
      { path: 'release', fields: ['metrics'], source: proj(5, 3) },
      { path: 'release.steps[1]', fields: ['approvals'], source: proj(7, 19) },
    ]);
    expect(policyDigest(locked)).not.toBe(policyDigest(load(project('  steps:\n    - { id: half }\n'))));
  });

  it('judges a lock against the earlier layers: a layer may loosen an unlocked value and lock it in the same entry', () => {
    expect(problems(project('  metrics:\n    - { name: p99-latency, tolerance: 0.5, locked: true }\n'))).toEqual([]);
  });

  it('keeps a section without locks as one layer left it', () => {
    const single = load({ 'project.yaml': ORG.replace('  locked: [score]\n', '') });
    expect(single.releaseSources?.locks).toHaveLength(4);
    expect(single.release?.steps.map((s) => s.weight)).toEqual([5, 50, 100]);
  });
});

describe('locks across three layers and named approvers', () => {
  const team = policy('extends: org.yaml\nrelease:\n  metrics:\n    - { name: http-errors, tolerance: 0.05 }\n  steps:\n    - { id: half, approvals: { min: 1, of: [sam, sue] }, locked: [approvals] }\n', 'team');
  const files = (body: string) => ({ 'org.yaml': ORG, 'team.yaml': team, 'project.yaml': policy(`extends: team.yaml\nrelease:\n${body}`, 'payments') });

  it('judges a layer against the value the layers before it left, not the first one', () => {
    expect(problems(files('  metrics:\n    - { name: http-errors, tolerance: 0.08 }\n'))).toEqual([
      'project.yaml:6:28: cannot loosen locked release metric "http-errors": tolerance 0.05 -> 0.08 (locked by org.yaml at org.yaml:27:7); only tightening is allowed',
    ]);
  });

  it('takes people out of a locked of, more approvals, and refuses anyone added', () => {
    expect(load(files('  steps:\n    - { id: half, approvals: { of: [sue] } }\n')).release?.steps[1]?.approvals).toEqual({ min: 1, of: ['sue'], role: 'release-manager' });
    expect(problems(files('  steps:\n    - { id: half, approvals: { of: [sam, sue, bob] } }\n'))).toEqual([
      'project.yaml:6:32: cannot loosen locked release step "half": approvals 1 of ["sam", "sue"] -> 1 of ["sam", "sue", "bob"] (locked by team.yaml at team.yaml:8:58); only tightening is allowed',
    ]);
  });

  it('fixes no role for approvals by named people: anyone may be given the role', () => {
    expect(problems(files('  approvers:\n    - { name: carol, role: sre }\n'))).toEqual([]);
  });
});

describe('a project that breaks a lock gets one line per attempt, FILE:LINE:COL, and nothing of it is applied', () => {
  it.each([
    [
      'loosening a locked tolerance',
      '  metrics:\n    - name: http-errors\n      tolerance: 0.2\n',
      'project.yaml:7:7: cannot loosen locked release metric "http-errors": tolerance 0.1 -> 0.2 (locked by org.yaml at org.yaml:27:7); only tightening is allowed',
    ],
    [
      'removing a locked tolerance',
      '  metrics:\n    - { name: http-errors, tolerance: null }\n',
      'project.yaml:6:28: cannot loosen locked release metric "http-errors": tolerance 0.1 -> none (locked by org.yaml at org.yaml:27:7); only tightening is allowed',
    ],
    [
      'raising a locked limit',
      '  metrics:\n    - { name: http-errors, limit: { max: 0.02 } }\n',
      'project.yaml:6:37: cannot loosen locked release metric "http-errors": limit.max 0.01 -> 0.02 (locked by org.yaml at org.yaml:27:7); only tightening is allowed',
    ],
    [
      'removing a locked metric',
      '  metrics:\n    - name: http-errors\n      enabled: false\n',
      'project.yaml:7:7: cannot remove locked release metric "http-errors" (locked by org.yaml at org.yaml:27:7); remove enabled: false',
    ],
    [
      'unlocking a locked metric',
      '  metrics:\n    - { name: http-errors, locked: false }\n',
      'project.yaml:6:28: cannot unlock release metric "http-errors" (locked by org.yaml at org.yaml:27:7); remove locked: false',
    ],
    [
      'dropping required approvals',
      '  steps:\n    - id: full\n      approvals: null\n',
      'project.yaml:7:7: cannot loosen locked release step "full": approvals 2 by role "release-manager" -> none (locked by org.yaml at org.yaml:18:7); only tightening is allowed',
    ],
    [
      'lowering required approvals',
      '  steps:\n    - id: full\n      approvals: { min: 1 }\n',
      'project.yaml:7:20: cannot loosen locked release step "full": approvals 2 by role "release-manager" -> 1 by role "release-manager" (locked by org.yaml at org.yaml:18:7); only tightening is allowed',
    ],
    [
      'changing who approves a locked step',
      '  steps:\n    - id: full\n      approvals: { of: [alice, bob] }\n',
      'project.yaml:7:20: cannot loosen locked release step "full": approvals 2 by role "release-manager" -> 2 of ["alice", "bob"] (locked by org.yaml at org.yaml:18:7); only tightening is allowed',
    ],
    [
      'changing the weight of a locked step',
      '  steps:\n    - id: full\n      weight: 90\n',
      'project.yaml:7:7: cannot change locked release step "full": weight 100 -> 90 (locked by org.yaml at org.yaml:18:7); a locked weight stays as it is, so remove it here',
    ],
    [
      'removing a locked step',
      '  steps:\n    - { id: full, enabled: false }\n',
      'project.yaml:6:19: cannot remove locked release step "full" (locked by org.yaml at org.yaml:18:7); remove enabled: false',
    ],
    [
      'shortening a locked duration',
      '  steps:\n    - { id: canary, minDuration: 5m }\n',
      'project.yaml:6:21: cannot loosen locked release step "canary": minDuration "10m" -> "5m" (locked by org.yaml at org.yaml:10:7); only tightening is allowed',
    ],
    [
      'loosening the locked score',
      '  score: { pass: 90 }\n',
      'project.yaml:5:12: cannot loosen locked release.score: pass 95 -> 90 (locked by org.yaml at org.yaml:4:3); only tightening is allowed',
    ],
    [
      'giving the role of a locked step to someone new',
      '  approvers:\n    - { name: mallory, role: release-manager }\n',
      'project.yaml:6:24: cannot add approver "mallory" with role "release-manager": its holders approve release step "full", whose approvals are locked (locked by org.yaml at org.yaml:18:7); only the people who hold it already may approve',
    ],
    [
      'giving that role to someone listed',
      '  approvers:\n    - { name: sam, role: release-manager }\n',
      'project.yaml:6:20: cannot give role "release-manager" to approver "sam": its holders approve release step "full", whose approvals are locked (locked by org.yaml at org.yaml:18:7); only the people who hold it already may approve',
    ],
    [
      'changing a locked approver',
      '  approvers:\n    - { name: alice, role: developer }\n',
      'project.yaml:6:22: cannot change locked release approver "alice": role "release-manager" -> "developer" (locked by org.yaml at org.yaml:36:45); a locked role stays as it is, so remove it here',
    ],
    [
      'a step without an id',
      '  steps:\n    - { weight: 75 }\n',
      'project.yaml:6:7: release.steps[0] needs an id: earlier layers define the steps: give the id of the step to change ("canary", "half", "full"), or a new id to add a step',
    ],
    [
      'a misspelt metric name',
      '  metrics:\n    - { name: http-error, tolerance: 0.05 }\n',
      'project.yaml:6:7: new release metric "http-error" needs provider, query and kind (no earlier layer has a metric "http-error" to change; did you mean "http-errors"?)',
    ],
    [
      'removing an approver a step names',
      '  steps:\n    - { id: half, approvals: { of: [sam, sue] } }\n  approvers:\n    - { name: sue, enabled: false }\n',
      'project.yaml:8:29: approver "sue" is removed here, but release.steps[0].approvals.of names "sue" (at project.yaml:6:42); keep them, or take them out of that step\'s of',
    ],
  ])('%s', (_name, body, expected) => {
    expect(problems(project(body))).toEqual([expected]);
  });

  it('applies none of a refused change', () => {
    const files = project('  metrics:\n    - name: http-errors\n      tolerance: 0.2\n');
    expect(() => load(files)).toThrow(/cannot loosen/);
  });
});

describe('a locked list', () => {
  const locked = (body: string) => ({ 'org.yaml': ORG.replace('locked: [score]', 'locked: true'), 'project.yaml': policy(`extends: org.yaml\nrelease:\n${body}`, 'payments') });

  it.each([
    ['a metric', '  metrics:\n    - { name: queue-depth, provider: file, query: q.json, kind: count }\n', 'project.yaml:6:7: cannot add release metric "queue-depth": release.metrics is locked (locked by org.yaml at org.yaml:4:3); only the inherited metrics may be tightened'],
    ['a step', '  steps:\n    - { id: soak, weight: 75 }\n', 'project.yaml:6:7: cannot add release step "soak": release.steps is locked (locked by org.yaml at org.yaml:4:3); only the inherited steps may be tightened'],
    ['an approver', '  approvers:\n    - { name: carol, role: developer }\n', 'project.yaml:6:7: cannot add release approver "carol": release.approvers is locked (locked by org.yaml at org.yaml:4:3); only the inherited approvers may be tightened'],
    ['removing an unlocked metric', '  metrics:\n    - { name: p99-latency, enabled: false }\n', 'project.yaml:6:28: cannot remove release metric "p99-latency": release.metrics is locked (locked by org.yaml at org.yaml:4:3); remove enabled: false'],
    ['changing a query', '  metrics:\n    - { name: p99-latency, query: "1" }\n', 'project.yaml:6:28: cannot change locked release metric "p99-latency": query "histogram_quantile(0.99, x)" -> "1" (locked by org.yaml at org.yaml:4:3); a locked query stays as it is, so remove it here'],
    ['raising a limit count', '  limits: { failed: 1 }\n', 'project.yaml:5:13: cannot loosen locked release.limits: failed 0 -> 1 (locked by org.yaml at org.yaml:4:3); only tightening is allowed'],
    ['unlocking the section', '  locked: false\n', 'project.yaml:5:3: cannot unlock the release section (locked by org.yaml at org.yaml:4:3); remove locked: false'],
  ])('refuses %s', (_name, body, expected) => {
    expect(problems(locked(body))).toEqual([expected]);
  });

  it('still takes every tightening', () => {
    const body = '  steps:\n    - { id: half, minSamples: 1000, approvals: { min: 2 } }\n  metrics:\n    - { name: p99-latency, tolerance: 0.1, critical: true, onNoData: fail, limit: { max: 900 } }\n  score: { pass: 99, marginal: 80 }\n  limits: { failed: 0, inconclusive: 1 }\n';
    const p = load(locked(body));
    expect(p.release?.steps[1]).toEqual({ id: 'half', weight: 50, minDurationMs: 1_800_000, minSamples: 1000, approvals: { min: 2, role: 'sre' } });
    expect(p.release?.metrics[1]).toMatchObject({ tolerance: 0.1, critical: true, onNoData: 'fail', limit: { max: 900 } });
    expect([p.release?.score, p.release?.limits]).toEqual([{ pass: 99, marginal: 80 }, { failed: 0, inconclusive: 1, consecutiveErrors: 3 }]);
  });
});
