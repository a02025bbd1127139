import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

describe('phasegate policy validate', () => {
  it('accepts the shipped tier policies and the examples', () => {
    const files = ['policies/strategic.yaml', 'policies/operational.yaml', 'policies/innovation.yaml', 'policies/examples/project.yaml', 'examples/acme-payments/phasegate.yaml'];
    const r = cli(['policy', 'validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`5 policies valid: ${files.join(', ')}\n`);
  });

  it.each([
    ['empty.yaml', '', 'phasegate: empty.yaml: policy file is empty'],
    ['binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), 'phasegate: binary.yaml: not a text file'],
  ])('rejects %s with one line and exit 2', (name, content, message) => {
    const dir = tempDir({ [name]: content });
    const r = cli(['policy', 'validate', name], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports every problem of a file at once, each as FILE:LINE:COL', () => {
    const dir = tempDir({
      'bad.yaml': ['schemaVersion: 1', 'name: bad', 'extends: operational', 'phases:', '  testing:', '    - id: cov', '      metric: coverage.lines', '      operater: ">="', '      threshold: high', 'waivers:', '  - rule: tests-failed', '    reason: r', '    owner: o', '    approvers: [a]', '    expires: 2026-02-30', ''].join('\n'),
    });
    const r = cli(['policy', 'validate', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain('phasegate: bad.yaml:7:15: unknown metric "coverage.lines" (did you mean "coverage.line"?)');
    expect(lines).toContain('phasegate: bad.yaml:8:7: unknown key "operater" in rule "cov" (did you mean "operator"?)');
    expect(lines.some((l) => l.startsWith('phasegate: bad.yaml:9:18: threshold must be a number'))).toBe(true);
    expect(lines.some((l) => l.startsWith('phasegate: bad.yaml:15:14: ') && l.includes('2026-02-30'))).toBe(true);
  });

  it('names the extends line of a missing parent', () => {
    const dir = tempDir({ 'p.yaml': 'schemaVersion: 1\nname: p\nextends: ./org.yaml\n' });
    const r = cli(['policy', 'validate', 'p.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: p\.yaml:3:10: .*org\.yaml.*not found/);
  });
});

describe('phasegate policy explain', () => {
  it('shows each effective rule with the file:line and layer that set it', () => {
    const r = cli(['policy', 'explain', '--policy', 'examples/acme-payments/phasegate.yaml', '--phase', 'testing']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('layers: tier:operational → examples/acme-payments/phasegate.yaml');
    expect(r.stdout).toMatch(/coverage-line: coverage\.line >= 75 \[fail\]\n\s+set at examples\/acme-payments\/phasegate\.yaml:\d+:7 \(examples\/acme-payments\/phasegate\.yaml\); layers tier:operational → examples\/acme-payments\/phasegate\.yaml/);
    expect(r.stdout).toMatch(/tests-failed: tests\.failed == 0 \[fail\]\n\s+set at policies\/operational\.yaml:\d+:7 \(tier:operational\)/);
  });

  it('gives JSON for tools', () => {
    const r = cli(['policy', 'explain', '--tier', 'strategic', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, policy: 'strategic', tier: 'strategic' });
    const phases = new Set(doc.rules.map((x: { phase: string }) => x.phase));
    expect([...phases].sort()).toEqual(['design', 'implementation', 'release', 'requirements', 'testing']);
    for (const rule of doc.rules) expect(rule.source).toMatchObject({ file: 'policies/strategic.yaml', layer: 'tier:strategic' });
  });

  it('rejects an unknown tier with the choices', () => {
    const r = cli(['policy', 'explain', '--tier', 'gold']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'gold' is invalid. Allowed choices are strategic, operational, innovation.");
  });
});

describe('phasegate policy with a release section layered over an organisation', () => {
  const org = [
    'schemaVersion: 1',
    'name: acme-org',
    'release:',
    '  steps:',
    '    - { id: canary, weight: 10, minDuration: 10m }',
    '    - { id: full, weight: 100, approvals: { min: 2, role: release-manager }, locked: true }',
    '  metrics:',
    '    - { name: http-errors, provider: prometheus, query: errors, kind: error-ratio, tolerance: 0.1, locked: [tolerance] }',
    '  approvers:',
    '    - { name: alice, role: release-manager }',
    '    - { name: bob, role: release-manager }',
    '',
  ].join('\n');
  const project = (body: string) => `schemaVersion: 1\nname: payments\nextends: org.yaml\nrelease:\n${body}`;

  it('refuses a project that loosens a locked tolerance: one line, FILE:LINE:COL, exit 2', () => {
    const dir = tempDir({ 'org.yaml': org, 'project.yaml': project('  metrics:\n    - { name: http-errors, tolerance: 0.25 }\n') });
    for (const args of [['policy', 'validate', 'project.yaml'], ['policy', 'explain', '--policy', 'project.yaml']]) {
      const r = cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expectNoStack(r.stderr);
      expect(r.stderr).toBe(
        'phasegate: project.yaml:6:28: cannot loosen locked release metric "http-errors": tolerance 0.1 -> 0.25 (locked by org.yaml at org.yaml:8:100); only tightening is allowed\n',
      );
    }
  });

  it('explains where each release setting of the merged section came from', () => {
    const dir = tempDir({ 'org.yaml': org, 'project.yaml': project('  steps:\n    - { id: canary, minDuration: 30m }\n  metrics:\n    - { name: http-errors, tolerance: 0.05 }\n') });
    const r = cli(['policy', 'explain', '--policy', 'project.yaml', '--phase', 'release'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'release rollout (2 steps, 1 metric, 2 approvers)',
        '  step 0 canary',
        '    weight 10, set at org.yaml:5:21 (org.yaml)',
        '    minDuration 30m, set at project.yaml:6:21 (project.yaml)',
        '    minSamples 0, default',
        '  step 1 full',
      ].join('\n'),
    );
    expect(r.stdout).toContain('    tolerance 0.05, set at project.yaml:8:28 (project.yaml)\n    critical false, default\n    onNoData hold, default\n    locked: tolerance, set at org.yaml:8:100 (org.yaml)\n');
  });
});
