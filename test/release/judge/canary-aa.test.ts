/**
 * Issue 12's "1,000 A/A looks stay within α", on A/A streams drawn by R
 * (test/fixtures/release/canary/make-canary.R): 50 latency streams in whole milliseconds (so,
 * with ties, as real data has) and 50 of per-interval error ratios, 1,000 observations per side
 * each, looked at after every new observation. The looks run through the simulation's
 * incremental tests; on a sample of looks the judge itself is asked too, and must agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { intervalJudge, lookRule, trialDecisions, type Scenario, type Trial } from '../../../src/release/judge/index.js';
import type { ReleaseMetric } from '../../../src/release/policy/types.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/release/canary');

function streams(file: string): Trial[] {
  const rows = gunzipSync(readFileSync(path.join(DIR, file))).toString('utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const byStream = new Map<string, Partial<Trial>>();
  for (const row of rows) {
    const [id, variant, ...values] = row.split(' ');
    const entry = byStream.get(id!) ?? {};
    entry[variant as keyof Trial] = Float64Array.from(values.map(Number));
    byStream.set(id!, entry);
  }
  return [...byStream.values()] as Trial[];
}

const cases = [
  ['latency (whole ms, lognormal σ = 0.3)', 'aa-latency.csv.gz', { kind: 'lognormal', sigma: 0.3 }, 'latency'],
  ['error ratio (Binomial(1000, 1 %) per interval)', 'aa-errors.csv.gz', { kind: 'errors', rate: 0.01, requests: 1000 }, 'error-ratio'],
] as const;

describe('1,000 A/A looks on R data stay within α', () => {
  it.each(cases)('%s', (_name, file, scenario: Scenario, kind) => {
    const trials = streams(file);
    expect(trials).toHaveLength(50);
    const rule = lookRule({ scenario, tolerance: 0.1 });
    const sizes = Array.from({ length: 1000 }, (_, i) => i + 1).filter((s) => s >= rule.least);
    const effect = scenario.kind === 'errors' ? 'ratio-of-means' : 'log-shift';
    const outcomes = trials.map((t) => trialDecisions(effect, t, sizes, rule).find((d) => d !== null) ?? 'hold');
    const rolledBack = outcomes.filter((o) => o === 'fail').length;
    expect(rolledBack).toBeLessThanOrEqual(Math.floor(0.05 * trials.length));
    // Unchanged canaries are promoted once the data shows it, not held for ever.
    expect(outcomes.filter((o) => o === 'pass').length).toBeGreaterThan(40);

    // The judge itself agrees on a sample of looks of the first streams, ties included.
    const metric: ReleaseMetric = { name: 'm', provider: 'file', query: 'q', kind, harmful: 'increase', limit: {}, tolerance: 0.1, critical: false, onNoData: 'hold' };
    const judge = intervalJudge({ policy: { metrics: [metric] }, step: { minSamples: 0 } });
    const looks = [20, 35, 60, 100, 160, 250, 400, 1000];
    for (const t of trials.slice(0, 4)) {
      const fast = trialDecisions(effect, t, looks, rule);
      const slow = looks.map((n) => {
        const j = judge(metric, Array.from(t.canary.subarray(0, n)), Array.from(t.baseline.subarray(0, n)), { canary: n, baseline: n });
        return j.classification === 'fail' ? 'fail' : j.classification === 'pass' && rule.mayPass(n) ? 'pass' : null;
      });
      expect(fast).toEqual(slow);
    }
  });
});
