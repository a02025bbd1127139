/** "Did you mean" for misspelt keys, values, rule ids and tier names. */
import { distance } from 'fastest-levenshtein';

/** The candidate closest to `word` when it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < (best?.d ?? Infinity) || (d === best?.d && c < best.c)) best = { c, d };
  }
  if (!best || best.c === word) return undefined;
  // A third of the word's length, at least 2, catches swapped and dropped letters but not
  // unrelated words; a shared start of 3+ letters catches `warning` for `warn`.
  const near = best.d <= Math.max(2, Math.floor(word.length / 3));
  const b = best.c.toLowerCase();
  const prefix = Math.min(lower.length, b.length) >= 3 && (lower.startsWith(b) || b.startsWith(lower));
  return near || prefix ? best.c : undefined;
}

/** ` (did you mean "x"?)`, or `fallback` when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, fallback = ''): string {
  const c = closest(word, candidates);
  return c ? ` (did you mean "${c}"?)` : fallback;
}
