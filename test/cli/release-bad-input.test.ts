/**
 * Release policies and flags the judge cannot work with (issue 12, "Bad input"): each exits 2
 * with one line naming the file, the line and the fix, no stack trace, and nothing written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

/** A policy whose step (line 6) and metric (lines 8-9) are given; everything else valid. Errors point at the key that set the value (as policy explain does). */
const policy = (step: string, metric: string) => `schemaVersion: 1
name: shop-release
phases: {}
release:
  steps:
    - ${step}
  metrics:
    - { name: p99, provider: file, query: p99, kind: latency,
        ${metric} }
`;
const points = (v: number) => Array.from({ length: 30 }, (_, i) => ({ t: 1714557600 + i * 60, v: v + (i % 7) / 1000 }));
const SAMPLES = JSON.stringify({ canary: points(0.2), baseline: points(0.2) });

function evaluate(yaml: string, extra: string[] = []) {
  const dir = tempDir({ 'p.yaml': yaml, 's.json': SAMPLES });
  const r = cli(['release', 'evaluate', '--project', 'shop', '--rollout', 'v2', '--store', 'file:h', '--policy', 'p.yaml', '--step', '0', '--samples', 's.json', '--started-at', '2024-05-01T10:00:00Z', '--now', '2024-05-01T10:40:00Z', ...extra], { cwd: dir });
  return { ...r, stored: existsSync(path.join(dir, 'h')) };
}

describe('release evaluate refuses what the judge cannot work with', () => {
  it.each([
    ['a metric with neither tolerance nor limit', '{ weight: 10, minDuration: 10m }', 'critical: true', /^phasegate: p\.yaml:8:48: release\.metrics\[0\] \(p99\) has neither a tolerance nor a limit, so there is nothing to judge it by; give a tolerance \(e\.g\. tolerance: 0\.1 for 10 %\) or a limit/],
    ['a tolerance of 0', '{ weight: 10, minDuration: 10m }', 'tolerance: 0', /^phasegate: p\.yaml:9:9: release\.metrics\[0\] \(p99\) tolerance 0 tolerates no change at all: .*; give the smallest relative change you accept, e\.g\. 0\.05/],
    ['a tolerated decrease of 100 % or more', '{ weight: 10, minDuration: 10m }', 'harmful: decrease, tolerance: 1.5', /^phasegate: p\.yaml:9:28: .*tolerance 1\.5 tolerates a decrease of 150 %, but a value cannot fall by 100 % or more .*; give a tolerance below 1, e\.g\. 0\.2/],
    ['a latency limit no request can meet', '{ weight: 10, minDuration: 10m }', 'limit: { max: 0 }', /^phasegate: p\.yaml:9:18: .*limit\.max 0 can never hold: a latency is above 0 for any request; give the largest acceptable value/],
    ['minimum samples below what the comparison can resolve', '{ weight: 10, minDuration: 10m, minSamples: 3 }', 'tolerance: 0.1', /^phasegate: p\.yaml:6:39: release\.steps\[0\]\.minSamples 3 is below 10, the fewest observations per side the latency comparison \(metric p99\) can resolve; write at least 10/],
  ])('%s', (_name, step, metric, line) => {
    const r = evaluate(policy(step, metric));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
    expectNoStack(r.stderr);
    expect(r.stored).toBe(false);
  });

  it('a --window shorter than the step: the line of its minDuration, and the fix', () => {
    const r = evaluate(policy('{ weight: 10, minDuration: 10m }', 'tolerance: 0.1'), ['--window', '5m']);
    expect([r.code, r.stored]).toEqual([2, false]);
    expect(r.stderr).toBe("phasegate: p.yaml:6:21: --window 5m is shorter than release.steps[0].minDuration 10m: a window must hold the step's whole minimum duration; give --window 10m or more, or leave it out (each look then reads everything since the step began)\n");
  });

  it.each(['--window=-5m', '--window -5m', '--window 0s', '--window soon'])('a --window that is not a positive duration: %s', (flag) => {
    const r = evaluate(policy('{ weight: 10, minDuration: 10m }', 'tolerance: 0.1'), flag.split(' '));
    expect([r.code, r.stored]).toEqual([2, false]);
    expect(r.stderr).toMatch(/^phasegate: --window ".*" is not a positive duration; write one such as 10m or 1h30m, at least the step's minDuration, or leave it out \(run with --help for usage\)\n$/);
  });

  it('all problems at once, each on its line', () => {
    const r = evaluate(policy('{ weight: 10, minDuration: 10m, minSamples: 3 }', 'tolerance: 0'), ['--window', '5m']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').map((l) => l.split(': ')[1])).toEqual(['p.yaml:9:9', 'p.yaml:6:39', 'p.yaml:6:21']);
  });
});

describe('policy validate says the same', () => {
  it('a minSamples below what the comparison can resolve: exit 2, the same line', () => {
    const dir = tempDir({ 'p.yaml': policy('{ weight: 10, minDuration: 10m, minSamples: 3 }', 'tolerance: 0.1') });
    const r = cli(['policy', 'validate', 'p.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: p\.yaml:6:39: release\.steps\[0\]\.minSamples 3 is below 10, .*\n$/);
  });
});

describe('across layers', () => {
  it('names the layer and line that last set the value', () => {
    const org = `schemaVersion: 1
name: org
phases: {}
release:
  steps:
    - { id: canary, weight: 10, minDuration: 10m }
  metrics:
    - { name: p99, provider: file, query: p99, kind: latency, tolerance: 0.1 }
`;
    const project = `schemaVersion: 1
name: shop
extends: org.yaml
phases: {}
release:
  steps:
    - { id: canary, minSamples: 4 }
`;
    const dir = tempDir({ 'org.yaml': org, 'project.yaml': project });
    const r = cli(['policy', 'validate', 'project.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^phasegate: project\.yaml:7:21: release\.steps\[0\]\.minSamples 4 is below 10, .*\n$/);
  });
});
