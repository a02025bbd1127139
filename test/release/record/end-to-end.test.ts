import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { policyDigest } from '../../../src/policy/index.js';
import { decideStep, type StepDecision } from '../../../src/release/decision/index.js';
import { appendDecision, buildDecisionRecord, readDecisions, verifyChain, type DecisionRecord } from '../../../src/release/record/index.js';
import { openStore } from '../../../src/store/open.js';
import { load, policy } from '../../policy/helpers.js';
import { approval, metrics, MIN, T0 } from '../decision/fixtures.js';

const YAML = policy(`release:
  steps:
    - { weight: 10, minDuration: 10m, minSamples: 100 }
    - { weight: 100, approvals: { min: 1 } }
  metrics:
    - { name: errors, provider: prometheus, query: q1, kind: error-ratio, limit: { max: 0.01 }, tolerance: 0.2, critical: true }
    - { name: latency, provider: prometheus, query: q2, kind: latency, limit: { max: 500 }, tolerance: 0.2 }
  approvers:
    - { name: alice, role: release-manager }
`, 'payments');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('policy file → decisions → records in a file store → verify', () => {
  it('promotes through both steps, records each decision with the policy digest and data digests, and verifies', async () => {
    const effective = load({ 'project.yaml': YAML });
    const release = effective.release!;
    dir = mkdtempSync(path.join(tmpdir(), 'phasegate-e2e-'));
    const store = await openStore(`file:${dir}`);
    const ctx = { project: 'payments', rollout: 'v3', policy: { name: effective.name, digest: policyDigest(effective) }, commit: 'abc' };
    const history: StepDecision[] = [];
    const records: DecisionRecord[] = [];
    const step = async (minute: number, approvals = [approval('alice', 16)]) => {
      const d = decideStep({ policy: release, step: history.filter((h) => h.decision === 'promote').length, metrics: metrics(), approvals, now: T0 + minute * MIN, startedAt: T0, history, commit: 'abc' });
      const r = buildDecisionRecord({ ...ctx, weight: release.steps[d.step]!.weight }, d, records.at(-1));
      await appendDecision(store, r);
      history.push(d);
      records.push(r);
      return d;
    };
    expect((await step(5)).decision).toBe('hold');
    expect((await step(12)).decision).toBe('promote');
    expect((await step(20, [])).reasons.map((r) => r.code)).toContain('approval-missing');
    const last = await step(21);
    expect([last.decision, last.nextStep]).toEqual(['promote', null]);
    const stored = await readDecisions(store, 'payments', 'v3');
    expect(stored.map((r) => [r.seq, r.step, r.decision])).toEqual([[1, 0, 'hold'], [2, 0, 'promote'], [3, 1, 'hold'], [4, 1, 'promote']]);
    expect(stored[0]!.policy.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.metrics[0]!.data).toEqual({ canary: 'sha256:0.002:200', baseline: 'sha256:0.002:200' });
    expect(verifyChain(stored, [{ project: 'payments', rollout: 'v3', hash: records.at(-1)!.hash }])).toMatchObject({ ok: true, heads: { 'payments/v3': { seq: 4 } } });
    await store.close();
  });

  it('the store refuses a decision history record without its record', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'phasegate-e2e-'));
    const store = await openStore(`file:${dir}`);
    const bad = { schemaVersion: 1, id: 'x', project: 'p', time: '2026-11-27T10:00:00.000Z', kind: 'decision' } as never;
    await expect(store.append([bad])).rejects.toThrow(/record/);
    await store.close();
  });
});
