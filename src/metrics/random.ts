/**
 * mulberry32 (Tommy Ettinger, public domain): a tiny, fast 32-bit seeded PRNG, good enough
 * for Monte Carlo sampling and, above all, reproducible: the same seed gives the same stream
 * on every platform.
 */

/** A generator of floats in [0, 1) seeded with `seed` (taken as an unsigned 32-bit integer). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
