// Small helpers for benchmark figures: medians of several runs on a noisy shared machine.

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs fn `runs` times after `warmup` runs; returns the times in milliseconds. */
export function timeRuns(fn, runs = 15, warmup = 3) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** Prints one figure against its target, marking it ok or MISSED. */
export function report(name, value, unit, target, better = 'lower') {
  const ok = better === 'lower' ? value < target : value >= target;
  const cmp = better === 'lower' ? '<' : '>=';
  console.log(`${name}: ${value.toFixed(2)} ${unit} (target ${cmp} ${target} ${unit}) ${ok ? 'ok' : 'MISSED'}`);
  return ok;
}
