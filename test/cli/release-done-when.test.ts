/**
 * Issue 12's "Done when", tried as a new user would, through the CLI with canary data nobody
 * tuned: drawn by R and NumPy (test/fixtures/release/canary/make-canary.R, make-heavy.py), read
 * by the file provider, looked at as a pipeline would, step after step. A +4 % canary under a
 * 10 % tolerance is never rolled back; a +30 % one is, with its interval as the reason; one
 * observation per side holds. (1,000 A/A looks: test/release/judge/canary-aa.test.ts.)
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, ROOT, tempDir } from '../helpers/cli.js';

const CANARY = path.join(ROOT, 'test/fixtures/release/canary');
const POLICY = `schemaVersion: 1
name: shop-release
phases: {}
release:
  steps:
    - { weight: 10, minDuration: 10m }
    - { weight: 100 }
  metrics:
    - { name: latency, provider: file, query: latency, kind: latency, tolerance: 0.1, critical: true }
`;
const at = (minutes: number) => new Date(Date.parse('2024-05-01T10:00:00Z') + minutes * 60_000).toISOString();

/** Looks at `samples` at each of `minutes` after 10:00 in one rollout, until it is promoted or rolled back. */
function looks(samples: string, minutes: number[]): { code: number; out: { decision: string; reasons: { code: string; message: string }[]; metrics: { interval: [number, number] | null; reason: string; classification: string }[] } }[] {
  const dir = tempDir({ 'p.yaml': POLICY });
  if (samples.endsWith('.json')) copyFileSync(path.join(CANARY, samples), path.join(dir, 's.json'));
  else tempDirWrite(dir, samples);
  const results = [];
  for (const m of minutes) {
    const r = cli(['release', 'evaluate', '--project', 'shop', '--rollout', 'v2', '--store', 'file:h', '--policy', 'p.yaml', '--step', '0', '--samples', 's.json', '--started-at', at(0), '--now', at(m), '--format', 'json'], { cwd: dir });
    expectNoStack(r.stderr);
    expect(r.stderr).toBe('');
    results.push({ code: r.code, out: JSON.parse(r.stdout) });
    if (r.code !== 3) break;
  }
  return results;
}

function tempDirWrite(dir: string, json: string): void {
  copyFileSync(path.join(tempDir({ 's.json': json }), 's.json'), path.join(dir, 's.json'));
}

describe('done when: canary data nobody tuned', () => {
  it.each([
    ['lognormal, 376 per side (R)', 'plus4.json', [10, 15, 20, 25, 30, 35, 40]],
    ['lognormal, 3,000 per side over 5 hours (R)', 'plus4-more.json', [30, 60, 90, 120, 150, 180, 210, 240, 270, 300]],
    ['heavy-tailed (Pareto 1.5), 600 per side (NumPy)', 'heavy-plus4.json', [10, 20, 30, 40]],
  ])('a canary 4 percent slower under a 10 percent tolerance is never rolled back: %s', (_name, file, minutes) => {
    const seen = looks(file, minutes);
    expect(seen.every((l) => l.code !== 1)).toBe(true);
    for (const l of seen) expect(l.out.metrics[0]!.classification).not.toBe('fail');
  });

  it.each([
    ['lognormal, 376 per side (R)', 'plus30.json', 40],
    ['heavy-tailed (Pareto 1.5), 600 per side (NumPy)', 'heavy-plus30.json', 40],
  ])('a canary 30 percent slower is rolled back with its interval as the reason: %s', (_name, file, minute) => {
    const [l] = looks(file, [minute]);
    expect(l!.code).toBe(1);
    expect(l!.out.decision).toBe('rollback');
    const row = l!.out.metrics[0]!;
    expect(row.interval![0]).toBeGreaterThan(0.1);
    const reason = l!.out.reasons.find((r) => r.code === 'critical-metric-failed')!;
    expect(reason.message).toMatch(/^critical metric latency failed: \+\d+\.\d % against the baseline: its interval \+\d+\.\d % to \+\d+\.\d % lies wholly beyond the 10\.0 % increase tolerated$/);
  });

  it('the text view shows the effect and its interval as relative changes', () => {
    const dir = tempDir({ 'p.yaml': POLICY });
    copyFileSync(path.join(CANARY, 'plus30.json'), path.join(dir, 's.json'));
    const r = cli(['release', 'evaluate', '--project', 'shop', '--rollout', 'v2', '--store', 'file:h', '--policy', 'p.yaml', '--step', '0', '--samples', 's.json', '--started-at', at(0), '--now', at(40)], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ROLLBACK at step 0 \(score 0\)\n/);
    expect(r.stdout).toMatch(/ {2}latency \(critical\) {2}fail {2}\S+ {2}\S+ {2}\+32\.9 % {2}\[\+24\.3 %, \+41\.9 %\] {2}/);
    expect(r.stdout).toContain('look: looked at the data from 2024-05-01T10:00:00.000Z to 2024-05-01T10:40:00.000Z: everything since the step began');
  });

  it('+30 % on 50 wide samples per side (σ = 1, which used to pass 21 % of the time) holds: not enough evidence either way', () => {
    const [l] = looks('plus30-wide.json', [10]);
    expect(l!.code).toBe(3);
    expect(l!.out.metrics[0]!.classification).toBe('inconclusive');
  });

  it.each([
    ['one observation per side', [100], [101]],
    ['three per side, [100, 180, 60] against [100, 110, 90]', [100, 180, 60], [100, 110, 90]],
  ])('%s holds (exit 3), never promotes', (_name, canary, baseline) => {
    const series = (vs: number[]) => vs.map((v, i) => ({ t: 1714557600 + 60 * i, v }));
    const [l] = looks(JSON.stringify({ canary: series(canary), baseline: series(baseline) }), [15]);
    expect(l!.code).toBe(3);
    expect(l!.out.reasons.map((r) => r.code)).toContain('insufficient-samples');
  });
});
