/**
 * Holm's step-down correction across metrics (R's p.adjust(p, "holm")): controls the
 * family-wise false-alarm rate under any dependence between the metrics' tests.
 */

/**
 * Holm-adjusted p-values, in the input order. Null or NaN entries (metrics without a p-value)
 * stay null and do not count in the family size.
 */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, i) => ({ p, i }))
    .filter((e): e is { p: number; i: number } => e.p !== null && !Number.isNaN(e.p))
    .sort((a, b) => a.p - b.p);
  const out: (number | null)[] = pValues.map(() => null);
  const k = present.length;
  let running = 0;
  present.forEach((e, rank) => {
    running = Math.max(running, Math.min(1, (k - rank) * e.p));
    out[e.i] = running;
  });
  return out;
}
