/** Compiled glob matchers, memoised: a policy repeats the same globs across many rules. */
import picomatch from 'picomatch';

const cache = new Map<string, (path: string) => boolean>();

/** A matcher for any of `patterns` (dotfiles included), compiled once per distinct list. */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const key = patterns.join('\u0000');
  let m = cache.get(key);
  if (!m) {
    m = picomatch([...patterns], { dot: true });
    if (cache.size > 1000) cache.clear();
    cache.set(key, m);
  }
  return m;
}
