/**
 * What the judge cannot work with in a rollout policy that the policy's schema lets through: a
 * metric with nothing to judge it by, a tolerance or a limit no data could ever satisfy or show,
 * and a step asking for fewer observations than its metrics' comparisons can resolve. Each
 * problem names the setting (a metric by name, a step by index) so that an edge can locate it in
 * the policy's files; src/core/release.ts refuses to decide on such a policy.
 */
import type { ReleaseMetric, ReleasePolicy } from '../policy/types.js';
import { KINDS } from './kinds.js';

/** Where a problem is: a metric's key (undefined: the metric itself) or a step's. */
export type SettingRef = { metric: string; index: number; key?: string } | { step: number; key: string };

/** One problem, with the fix in its message. */
export interface PolicyProblem {
  at: SettingRef;
  message: string;
}

const pct = (x: number): string => `${Number((x * 100).toFixed(4))} %`;

function metricProblems(m: ReleaseMetric, i: number): PolicyProblem[] {
  const at = (key?: string): SettingRef => ({ metric: m.name, index: i, ...(key ? { key } : {}) });
  const name = `release.metrics[${i}] (${m.name})`;
  const out: PolicyProblem[] = [];
  const limited = m.limit.max !== undefined || m.limit.min !== undefined;
  if (m.tolerance === undefined && !limited) out.push({ at: at(), message: `${name} has neither a tolerance nor a limit, so there is nothing to judge it by; give a tolerance (e.g. tolerance: 0.1 for 10 %) or a limit (e.g. limit: { max: 0.5 })` });
  if (m.tolerance === 0) out.push({ at: at('tolerance'), message: `${name} tolerance 0 tolerates no change at all: an unchanged canary could never be shown within it; give the smallest relative change you accept, e.g. 0.05 for 5 %` });
  if (m.tolerance !== undefined && m.harmful === 'decrease' && m.tolerance >= 1) {
    out.push({ at: at('tolerance'), message: `${name} tolerance ${m.tolerance} tolerates a decrease of ${pct(m.tolerance)}, but a value cannot fall by 100 % or more from a positive baseline, so no decrease could ever fail it; give a tolerance below 1, e.g. 0.2` });
  }
  if ((m.kind === 'latency' || m.kind === 'count') && m.limit.max !== undefined && (m.limit.max < 0 || (m.kind === 'latency' && m.limit.max === 0))) {
    out.push({ at: at('limit'), message: `${name} limit.max ${m.limit.max} can never hold: a ${m.kind} is ${m.kind === 'latency' ? 'above 0 for any request' : 'never negative'}; give the largest acceptable value, e.g. limit: { max: 0.5 }` });
  }
  return out;
}

/** The judge's problems with `release`, metrics first, then steps. */
export function judgeabilityProblems(release: Pick<ReleasePolicy, 'metrics' | 'steps'>): PolicyProblem[] {
  const out = release.metrics.flatMap(metricProblems);
  release.steps.forEach((s, i) => {
    if (s.minSamples <= 0) return;
    const short = release.metrics.filter((m) => s.minSamples < KINDS[m.kind].leastSamples);
    if (short.length === 0) return;
    const worst = short.reduce((a, b) => (KINDS[b.kind].leastSamples > KINDS[a.kind].leastSamples ? b : a));
    const least = KINDS[worst.kind].leastSamples;
    out.push({
      at: { step: i, key: 'minSamples' },
      message: `release.steps[${i}].minSamples ${s.minSamples} is below ${least}, the fewest observations per side the ${worst.kind} comparison (metric ${worst.name}) can resolve; write at least ${least}, or leave minSamples out for the kinds' defaults (latency ${KINDS.latency.minSamples}; error-ratio, count and business ${KINDS['error-ratio'].minSamples})`,
    });
  });
  return out;
}
