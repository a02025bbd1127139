import { describe, expect, it } from 'vitest';
import { renderExplain } from '../../src/cli/explain.js';
import { load, policy } from '../policy/helpers.js';

const ORG = policy(
  `release:
  locked: [score]
  steps:
    - id: canary
      weight: 5
      minDuration: 10m
      locked: [minDuration]
    - id: full
      weight: 100
      approvals: { min: 2, of: [alice, bob, carol] }
      locked: true
  metrics:
    - name: http-errors
      provider: prometheus
      query: sum(rate(http_errors[5m]))
      kind: error-ratio
      limit: { max: 0.01 }
      tolerance: 0.1
      locked: [limit, tolerance]
  score: { pass: 95 }
  approvers:
    - { name: alice, role: release-manager, locked: true }
    - { name: bob, role: release-manager }
    - { name: carol, role: release-manager }
`,
  'acme-org',
);

const PROJECT = policy(
  `extends: org.yaml
release:
  steps:
    - id: canary
      minDuration: 1h30m
      minSamples: 200
  metrics:
    - name: http-errors
      query: sum(rate(http_errors{app="payments"}[5m]))
      tolerance: 0.05
    - name: checkout-rate
      provider: file
      query: metrics/checkout.json
      kind: business
  limits: { inconclusive: 1 }
`,
  'payments',
);

describe('policy explain: the release section', () => {
  const p = load({ 'org.yaml': ORG, 'project.yaml': PROJECT });

  it('shows every setting with the file, line and layer that set it, or default, and every lock', () => {
    expect(renderExplain(p, 'release', 'text')).toBe(`policy payments (tier none)
layers: org.yaml → project.yaml

release (0 rules)

release rollout (2 steps, 2 metrics, 3 approvers)
  locked: score, set at org.yaml:4:3 (org.yaml)
  step 0 canary
    weight 5, set at org.yaml:7:7 (org.yaml)
    minDuration 1h30m, set at project.yaml:7:7 (project.yaml)
    minSamples 200, set at project.yaml:8:7 (project.yaml)
    locked: minDuration, set at org.yaml:9:7 (org.yaml)
  step 1 full
    weight 100, set at org.yaml:11:7 (org.yaml)
    minDuration 0s, default
    minSamples 0, default
    approvals.min 2, set at org.yaml:12:20 (org.yaml)
    approvals.of [alice, bob, carol], set at org.yaml:12:28 (org.yaml)
    locked: all, set at org.yaml:13:7 (org.yaml)
  metric http-errors
    provider prometheus, set at org.yaml:16:7 (org.yaml)
    query "sum(rate(http_errors{app=\\"payments\\"}[5m]))", set at project.yaml:11:7 (project.yaml)
    kind error-ratio, set at org.yaml:18:7 (org.yaml)
    harmful increase, default
    limit.max 0.01, set at org.yaml:19:16 (org.yaml)
    tolerance 0.05, set at project.yaml:12:7 (project.yaml)
    critical false, default
    onNoData hold, default
    locked: limit, tolerance, set at org.yaml:21:7 (org.yaml)
  metric checkout-rate
    provider file, set at project.yaml:14:7 (project.yaml)
    query "metrics/checkout.json", set at project.yaml:15:7 (project.yaml)
    kind business, set at project.yaml:16:7 (project.yaml)
    harmful decrease, default
    critical false, default
    onNoData hold, default
  score
    pass 95, set at org.yaml:22:12 (org.yaml)
    marginal 75, default
  limits
    failed 0, default
    inconclusive 1, set at project.yaml:17:13 (project.yaml)
    consecutiveErrors 3, default
  approver alice
    role release-manager, set at org.yaml:24:22 (org.yaml)
    locked: all, set at org.yaml:24:45 (org.yaml)
  approver bob
    role release-manager, set at org.yaml:25:20 (org.yaml)
  approver carol
    role release-manager, set at org.yaml:26:22 (org.yaml)
`);
  });

  it('shows a step by its place when it has no id, and its role approvals with the default role', () => {
    const q = load({ 'project.yaml': policy('release:\n  steps:\n    - { weight: 100, approvals: { min: 1 } }\n  metrics: [{ name: m, provider: file, query: q, kind: count }]\n') });
    const text = renderExplain(q, undefined, 'text');
    expect(text).toContain('\n  step 0\n    weight 100, set at project.yaml:5:9 (project.yaml)\n');
    expect(text).toContain('\n    approvals.min 1, set at project.yaml:5:35 (project.yaml)\n    approvals.role release-manager, default\n');
  });

  it('leaves the section out for another phase', () => {
    expect(renderExplain(p, 'testing', 'text')).not.toContain('release rollout');
    expect(JSON.parse(renderExplain(p, 'testing', 'json'))).not.toHaveProperty('release');
  });

  it('gives the effective section, the source of each setting and the locks in JSON', () => {
    const doc = JSON.parse(renderExplain(p, undefined, 'json'));
    expect(doc.release).toEqual(JSON.parse(JSON.stringify(p.release)));
    expect(doc.releaseSources.values['release.steps[0].minDuration']).toEqual({ file: 'project.yaml', line: 7, col: 7, layer: 'project.yaml' });
    expect(doc.releaseSources.locks[0]).toEqual({ path: 'release', fields: ['score'], source: { file: 'org.yaml', line: 4, col: 3, layer: 'org.yaml' } });
  });
});
