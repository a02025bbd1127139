/**
 * `phasegate release` as a process against a real Prometheus holding a healthy canary, a
 * degraded canary and a canary without data (test/helpers/prometheus.ts), then the decision
 * chain: approvals that do not count, status, and tampering caught by `release verify`.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';
import { prometheusSkipReason, startPrometheus, type TestPrometheus } from '../helpers/prometheus.js';

/** The release policy of a scenario; the error-ratio metric is constant in the test data, so it is opt-in. */
function policy(app: string, errors = false): string {
  const errorRatio = `    - name: error-ratio
      provider: prometheus
      query: sum(rate(http_requests_total{app="${app}",variant="{{variant}}",code=~"5.."}[5m])) / sum(rate(http_requests_total{app="${app}",variant="{{variant}}"}[5m]))
      kind: error-ratio
      limit: { max: 0.02 }
      tolerance: 0.2
`;
  return `schemaVersion: 1
name: payments-release
phases: {}
release:
  steps:
    - { weight: 10, minDuration: 30m, minSamples: 30 }
    - { weight: 100, approvals: { min: 2, role: release-manager } }
  metrics:
    - name: p99-latency
      provider: prometheus
      query: http_request_duration_p99_seconds{app="${app}",variant="{{variant}}"}
      kind: latency
      limit: { max: 0.45 }
      tolerance: 0.1
      critical: true
${errors ? errorRatio : ''}  approvers:
    - { name: alice, role: release-manager }
    - { name: bob, role: release-manager }
    - { name: dave, role: developer }
`;
}

const AT = ['--now', '2024-03-01T01:00:00Z', '--started-at', '2024-03-01T00:00:00Z', '--window', '60m'];

describe.skipIf(prometheusSkipReason() !== undefined)('phasegate release against a real Prometheus', () => {
  let prom: TestPrometheus;
  beforeAll(async () => {
    prom = await startPrometheus();
  });
  afterAll(async () => {
    await prom?.stop();
  });

  function evaluate(app: string, dir: string, extra: string[] = [], errors = false) {
    writeFileSync(path.join(dir, `${app}.yaml`), policy(app, errors));
    const args = ['release', 'evaluate', '--project', 'payments', '--rollout', `v2-${app}`, '--store', 'file:h', '--policy', `${app}.yaml`, '--step', '0', '--prometheus', prom.url, '--format', 'json', ...AT, ...extra];
    return cli(args, { cwd: dir });
  }

  it('promotes a healthy canary (exit 0)', () => {
    const r = evaluate('healthy', tempDir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.decision).toBe('promote');
    expect(d.metrics.map((m: { metric: string; classification: string }) => [m.metric, m.classification])).toEqual([['p99-latency', 'pass']]);
  });

  it('holds on a constant series (exit 3): the healthy error ratio is exactly 1 % every minute on both sides', () => {
    const r = evaluate('healthy', tempDir(), [], true);
    expect(r.code).toBe(3);
    const d = JSON.parse(r.stdout);
    expect(d.decision).toBe('hold');
    const errors = d.metrics.find((m: { metric: string }) => m.metric === 'error-ratio');
    expect(errors.classification).toBe('inconclusive');
    expect(errors.reason).toContain('all values are tied');
  });

  it('rolls back a degraded canary (exit 1) and says why', () => {
    const r = evaluate('degraded', tempDir());
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout);
    expect(d.decision).toBe('rollback');
    const latency = d.metrics.find((m: { metric: string }) => m.metric === 'p99-latency');
    // Degraded p99 is 0.50…0.54 against a baseline of 0.20…0.24: above the 0.45 limit.
    expect(latency).toMatchObject({ classification: 'fail', critical: true });
    expect(latency.canary).toBeCloseTo(0.52, 2);
    expect(d.reasons.map((x: { code: string }) => x.code)).toContain('critical-metric-failed');
  });

  it('holds a canary without data (exit 3), never promotes it', () => {
    const r = evaluate('nodata', tempDir());
    expect(r.code).toBe(3);
    const d = JSON.parse(r.stdout);
    expect(d.decision).toBe('hold');
    expect(d.reasons.map((x: { code: string }) => x.code)).toContain('no-data');
  });

  it('holds (exit 3) when Prometheus is down, naming the reason', () => {
    const dir = tempDir({ 'healthy.yaml': policy('healthy') });
    const args = ['release', 'evaluate', '--project', 'payments', '--rollout', 'down', '--store', 'file:h', '--policy', 'healthy.yaml', '--step', '0', '--prometheus', 'http://127.0.0.1:1', '--format', 'json', ...AT];
    const r = cli(args, { cwd: dir });
    expect(r.code).toBe(3);
    const d = JSON.parse(r.stdout);
    expect(d.decision).toBe('hold');
    expect(d.metrics[0]).toMatchObject({ metric: 'p99-latency', classification: 'error' });
    expect(JSON.stringify(d.reasons)).toContain('unreachable');
  });

  it('records a hash chain that release verify checks, and catches an edited record', () => {
    const dir = tempDir();
    expect(evaluate('healthy', dir).code).toBe(0);
    const approve = (by: string, role: string) =>
      cli(['release', 'approve', '--project', 'payments', '--rollout', 'v2-healthy', '--store', 'file:h', '--by', by, '--role', role, '--step', '1', '--commit', 'abc123', '--time', '2024-03-01T01:05:00Z'], { cwd: dir });
    expect(approve('alice', 'release-manager').code).toBe(0);
    expect(approve('alice', 'release-manager').stdout).toContain('a second approval by the same person does not count');
    expect(approve('dave', 'release-manager').code).toBe(0);
    const step1 = cli(['release', 'evaluate', '--project', 'payments', '--rollout', 'v2-healthy', '--store', 'file:h', '--policy', 'healthy.yaml', '--step', '1', '--prometheus', prom.url, '--commit', 'abc123', '--format', 'json', '--now', '2024-03-01T01:10:00Z', '--window', '60m'], { cwd: dir });
    expect(step1.code).toBe(3);
    const held = JSON.parse(step1.stdout);
    const codes = held.reasons.map((x: { code: string }) => x.code);
    expect(codes).toContain('approval-missing');
    expect(codes).toContain('approval-not-release-manager');

    const verify = () => cli(['release', 'verify', '--project', 'payments', '--store', 'file:h'], { cwd: dir });
    expect(verify()).toMatchObject({ code: 0, stdout: '2 decision records in 1 chain verified: intact\n' });
    const file = path.join(dir, 'h', readdirSync(path.join(dir, 'h')).find((f) => f.endsWith('.ndjson'))!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"decision":"promote"', '"decision":"rollback"'));
    const tampered = verify();
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/^phasegate: edited: /);
    expectNoStack(tampered.stderr);
  });
});
