import { describe, expect, it } from 'vitest';
import { policyDigest } from '../../../src/policy/index.js';
import { load, policy, problems } from '../../policy/helpers.js';

const RELEASE = `release:
  steps:
    - weight: 10
      minDuration: 10m
      minSamples: 500
    - weight: 50
      minDuration: 1h30m
      approvals: { min: 2, of: [alice, bob, carol] }
    - weight: 100
      approvals: { min: 1 }
  metrics:
    - name: http-errors
      provider: prometheus
      query: sum(rate(http_errors[5m])) / sum(rate(http_requests[5m]))
      kind: error-ratio
      limit: { max: 0.01 }
      tolerance: 0.1
      critical: true
    - name: checkout-rate
      provider: file
      query: metrics/checkout.json
      kind: business
      onNoData: pass
  score: { pass: 90 }
  limits: { failed: 1 }
  approvers:
    - { name: alice, role: release-manager }
    - { name: bob, role: release-manager }
    - { name: carol, role: release-manager }
    - { name: dave, role: developer }
`;

/** A policy whose release section is RELEASE with `from` replaced by `to`. */
const variant = (from: string, to: string) => policy(RELEASE.replace(from, to));

describe('the release section', () => {
  it('loads with defaults filled in', () => {
    const p = load({ 'project.yaml': policy(RELEASE) });
    expect(p.release?.steps).toEqual([
      { weight: 10, minDurationMs: 600_000, minSamples: 500 },
      { weight: 50, minDurationMs: 5_400_000, minSamples: 0, approvals: { min: 2, of: ['alice', 'bob', 'carol'], role: 'release-manager' } },
      { weight: 100, minDurationMs: 0, minSamples: 0, approvals: { min: 1, role: 'release-manager' } },
    ]);
    expect(p.release?.metrics[0]).toMatchObject({ harmful: 'increase', critical: true, onNoData: 'hold', limit: { max: 0.01 }, tolerance: 0.1 });
    expect(p.release?.metrics[1]).toMatchObject({ harmful: 'decrease', critical: false, onNoData: 'pass', limit: {} });
    expect(p.release?.score).toEqual({ pass: 90, marginal: 75 });
    expect(p.release?.limits).toEqual({ failed: 1, inconclusive: 2, consecutiveErrors: 3 });
  });

  it('is absent, and leaves the digest as before, when no layer has one', () => {
    const p = load({ 'project.yaml': policy() });
    expect(p.release).toBeUndefined();
    expect(Object.keys(p)).not.toContain('release');
    const withRelease = load({ 'project.yaml': policy(RELEASE) });
    expect(policyDigest(withRelease)).not.toBe(policyDigest(p));
  });

  it('keeps the digest it had before release sections were layered', () => {
    expect(policyDigest(load({ 'project.yaml': policy(RELEASE) }))).toBe('6c9ae941fa3307a278b83dadef924816e91492f7b552b5f5f8416d5ed8874f35');
  });

  it('is merged with a later layer, not replaced: steps without ids over inherited steps are refused', () => {
    const files = {
      'org.yaml': policy(RELEASE, 'org'),
      'project.yaml': policy('extends: org.yaml\nrelease:\n  steps: [{ weight: 100 }]\n  metrics: [{ name: m, provider: file, query: q, kind: count }]\n'),
      'plain.yaml': policy('extends: org.yaml\n'),
    };
    expect(problems(files)).toEqual(['project.yaml:5:11: release.steps[0] needs an id: earlier layers define the steps (without ids, so they cannot be changed here); give a new id to add a step']);
    expect(load(files, 'plain.yaml').release?.steps).toHaveLength(3);
    const merged = load({ ...files, 'project.yaml': policy('extends: org.yaml\nrelease:\n  metrics: [{ name: m, provider: file, query: q, kind: count }]\n') });
    expect(merged.release?.metrics.map((m) => m.name)).toEqual(['http-errors', 'checkout-rate', 'm']);
    expect(merged.release?.approvers).toHaveLength(4);
  });
});

describe('bad release sections are reported at FILE:LINE:COL', () => {
  it.each([
    ['a bad duration', variant('minDuration: 10m', 'minDuration: 10 minutes'), 'project.yaml:6:20: release.steps[0].minDuration "10 minutes" is not a duration; write a number with a unit (ms, s, m, h, d), e.g. 10m or 1h30m'],
    ['a zero weight', variant('weight: 10', 'weight: 0'), 'project.yaml:5:15: release.steps[0].weight must be more than 0 (got 0)'],
    ['a weight over 100', variant('weight: 100', 'weight: 101'), 'project.yaml:11:15: release.steps[2].weight must be at most 100 (got 101)'],
    ['a weight going down', variant('weight: 50', 'weight: 5'), "project.yaml:8:15: release.steps[1].weight 5 is below the previous step's 10; traffic weights never go down"],
    ['an unknown metric kind', variant('kind: error-ratio', 'kind: error-rate'), 'project.yaml:17:13: release.metrics[0].kind must be one of "error-ratio", "latency", "count", "business" (got "error-rate"; did you mean "error-ratio"?)'],
    ['a ratio limit as a percentage', variant('max: 0.01', 'max: 1.5'), 'project.yaml:18:21: release.metrics[0].limit.max 1.5 is not a ratio; an error ratio is a fraction from 0 to 1 (write 1 % as 0.01)'],
    ['an empty limit', variant('limit: { max: 0.01 }', 'limit: {}'), 'project.yaml:18:14: release.metrics[0].limit must set at least one of max, min'],
    ['onNoData', variant('onNoData: pass', 'onNoData: ignore'), 'project.yaml:25:17: release.metrics[1].onNoData must be one of "hold", "fail", "pass" (got "ignore")'],
    ['an unknown key', variant('tolerance: 0.1', 'tolerence: 0.1'), 'project.yaml:19:7: unknown key "tolerence" in release.metrics[0] (did you mean "tolerance"?)'],
    ['approvals that cannot be met', variant('min: 2, of', 'min: 4, of'), 'project.yaml:10:25: release.steps[1].approvals.min 4 is more than the 3 people in of; it could never be met'],
    ['an approver not listed', variant('of: [alice, bob, carol]', 'of: [alice, bob, carl]'), 'project.yaml:10:45: release.steps[1].approvals.of names "carl", who is not in release.approvers (did you mean "carol"?)'],
    ['a repeated metric name', variant('name: checkout-rate', 'name: http-errors'), 'project.yaml:21:13: metric name "http-errors" repeats release.metrics[0]; metric names are unique'],
    ['marginal above pass', variant('score: { pass: 90 }', 'score: { pass: 70 }'), 'project.yaml:26:18: release.score.marginal 75 is above release.score.pass 70; marginal is the lower threshold'],
    ['a negative limit count', variant('limits: { failed: 1 }', 'limits: { failed: -1 }'), 'project.yaml:27:21: release.limits.failed must be at least 0 (got -1)'],
    ['no steps', policy('release:\n  steps: []\n  metrics: [{ name: m, provider: file, query: q, kind: count }]\n'), 'project.yaml:4:10: release.steps must list at least 1 entry'],
    ['no metrics', policy('release:\n  steps: [{ weight: 5 }]\n'), 'project.yaml:4:3: missing required key "metrics" in release'],
  ])('%s', (_name, text, expected) => {
    expect(problems({ 'project.yaml': text })).toEqual([expected]);
  });
});
