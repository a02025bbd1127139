import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadPolicy, policyDigest } from '../../src/policy/index.js';
import { BUILTIN, load, policy } from './helpers.js';

const project = (body: string) => ({ 'builtin/strategic.yaml': BUILTIN, 'project.yaml': policy(`extends: strategic\n${body}`, 'payments') });
const digest = (body: string) => policyDigest(load(project(body)));
const WAIVER = 'waivers:\n  - { rule: cov, reason: legacy, owner: o, approvers: [a], expires: 2026-12-31 }\n';

describe('policyDigest', () => {
  it('is a sha256 in hex and the same on every load', () => {
    expect(digest('')).toMatch(/^[0-9a-f]{64}$/);
    expect(digest('')).toBe(digest(''));
  });

  it('ignores where things were written: comments, blank lines, flow or block style', () => {
    const moved = project('# a comment that shifts every line\n\n');
    moved['builtin/strategic.yaml'] = `# header\n${BUILTIN.replace('approval: { min: 2, roles: [code-owner], teams: [payments] }', 'approval:\n        min: 2\n        roles: [code-owner]\n        teams:\n          - payments')}`;
    expect(policyDigest(load(moved))).toBe(digest(''));
  });

  it.each([
    ['a threshold', 'phases:\n  testing:\n    - id: cov\n      threshold: 81\n'],
    ['a hint', 'phases:\n  testing:\n    - id: cov\n      hint: more tests\n'],
    ['a waiver', WAIVER],
    ['a setting', 'settings: { waiverWarningDays: 3 }\n'],
    ['a new rule', 'phases:\n  testing:\n    - id: extra\n      metric: tests.failed\n      operator: "=="\n      threshold: 0\n'],
  ])('changes with %s', (_name, body) => {
    expect(digest(body)).not.toBe(digest(''));
  });

  it('hashes the canonical JSON written out here (sorted keys, no sources): decision records depend on it', () => {
    const tiny = policy('phases:\n  testing:\n    - id: r\n      metric: tests.failed\n      operator: "=="\n      threshold: 0\n', 'tiny');
    const canonical =
      '{"name":"tiny","rules":[{"id":"r","kind":"metric","locked":false,"metric":"tests.failed","onMissing":"fail","operator":"==","phase":"testing",' +
      '"scope":"overall","severity":"fail","threshold":0,"waivable":true}],"settings":{"waiverWarningDays":14},"tier":null,"waivers":[]}';
    expect(policyDigest(load({ 'project.yaml': tiny }))).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  // Pinned: decision records name the digest, so it may change only with the policy's meaning.
  it.each([
    ['strategic', 'b8e2503781dd95c35360e764d7da9e1a169f8e7215d77772ee197af15e69447c'],
    ['operational', '1f155c5970e7feba261ff1aa8145c65b8cbae7292d52f2488965272164aed2dc'],
    ['innovation', '353f16cddfbb102f646ca33a0b54e0a6b75636064f3ab6d0514452e03409cb57'],
  ] as const)('of the built-in %s policy (no release section) stays as it was', (tier, expected) => {
    expect(policyDigest(loadPolicy({ tier }))).toBe(expected);
  });
});
