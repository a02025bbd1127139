/**
 * Array helpers safe at any length: `Math.min(...xs)` and `a.push(...xs)` pass every element
 * as a call argument and overflow the stack above ~10^5 elements.
 */

/** The smallest of `xs` (Infinity when empty), like Math.min(...xs) without the spread. */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m || Number.isNaN(x)) m = x;
  return m;
}

/** The largest of `xs` (-Infinity when empty), like Math.max(...xs) without the spread. */
export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m || Number.isNaN(x)) m = x;
  return m;
}

/** Appends every element of `xs` to `into`, like into.push(...xs) without the spread. */
export function pushAll<T>(into: T[], xs: Iterable<T>): void {
  for (const x of xs) into.push(x);
}
