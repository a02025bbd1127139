/**
 * The exact null distribution of the Mann-Whitney U statistic (R's dwilcox/pwilcox/qwilcox)
 * for samples without ties. Counts subsets of ranks by a dynamic programme that only adds, so
 * the doubles keep full relative precision; O((n+m)·n·n·m) time, used only below 50 per side.
 */

/** Probabilities P(U = u) for u = 0..n·m, n and m the sample sizes. */
export function wilcoxonDensity(n: number, m: number): Float64Array {
  const size = n * m + 1;
  // dp[s][u]: number of ways to place s x-values among the first j ranks with statistic u.
  const dp: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(size));
  dp[0]![0] = 1;
  for (let j = 1; j <= n + m; j++) {
    for (let s = Math.min(n - 1, j - 1); s >= 0; s--) {
      const gain = j - 1 - s; // y-values ranked below the new x-value
      if (gain < 0 || gain > m) continue;
      const from = dp[s]!;
      const to = dp[s + 1]!;
      for (let u = size - 1 - gain; u >= 0; u--) if (from[u] !== 0) to[u + gain]! += from[u]!;
    }
  }
  const counts = dp[n]!;
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => c / total);
}

/** P(U ≤ q), as R's pwilcox(q, n, m). */
export function pwilcox(q: number, density: Float64Array): number {
  if (q < 0) return 0;
  let p = 0;
  const last = Math.min(Math.floor(q), density.length - 1);
  for (let u = 0; u <= last; u++) p += density[u]!;
  return Math.min(p, 1);
}

/** P(U ≥ q), as R's pwilcox(q − 1, n, m, lower.tail = FALSE), summed from the top. */
export function pwilcoxUpper(q: number, density: Float64Array): number {
  let p = 0;
  for (let u = density.length - 1; u >= Math.max(0, Math.ceil(q)); u--) p += density[u]!;
  return Math.min(p, 1);
}

/** Smallest q with P(U ≤ q) ≥ p, as R's qwilcox(p, n, m) for p ≤ 0.5. */
export function qwilcox(p: number, density: Float64Array): number {
  const target = p - 10 * Number.EPSILON;
  let cum = 0;
  for (let q = 0; q < density.length; q++) {
    cum += density[q]!;
    if (cum >= target) return q;
  }
  return density.length - 1;
}
