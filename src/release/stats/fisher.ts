/**
 * Fisher's exact test of a 2×2 table of counts, as R's fisher.test p-value: the conditional
 * (hypergeometric) distribution of the first cell given the margins; two-sided sums the tables
 * no more likely than the observed one (R's relative tolerance 1e-7).
 */
import { logChoose } from './log-gamma.js';
import type { Alternative } from './types.js';

/**
 * p-value for x1 events of n1 (first group) against x2 of n2, the counts being valid integers.
 * 'greater' means the first group's event odds are higher.
 */
export function fisherPValue(x1: number, n1: number, x2: number, n2: number, alternative: Alternative): number {
  const events = x1 + x2;
  const others = n1 + n2 - events;
  const lo = Math.max(0, n1 - others);
  const hi = Math.min(n1, events);
  const logD: number[] = [];
  let max = Number.NEGATIVE_INFINITY;
  for (let i = lo; i <= hi; i++) {
    const l = logChoose(events, i) + logChoose(others, n1 - i);
    logD.push(l);
    if (l > max) max = l;
  }
  const d = logD.map((l) => Math.exp(l - max));
  const total = d.reduce((s, v) => s + v, 0);
  const at = x1 - lo;
  let p = 0;
  if (alternative === 'less') for (let i = 0; i <= at; i++) p += d[i]!;
  else if (alternative === 'greater') for (let i = at; i < d.length; i++) p += d[i]!;
  else {
    const limit = d[at]! * (1 + 1e-7);
    for (const v of d) if (v <= limit) p += v;
  }
  return Math.min(1, p / total);
}
