// Small helpers for benchmark figures: medians of several runs on a noisy shared machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

/** Prints one figure against its target, marking it PASS or FAIL. */
export function report(name, value, unit, target, better = 'lower') {
  const ok = better === 'lower' ? value < target : value >= target;
  const cmp = better === 'lower' ? '<' : '>=';
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${value.toFixed(2)} ${unit} (target ${cmp} ${target} ${unit})`);
  return ok;
}

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

/**
 * Runs `node args…` in a child process and returns its wall time, CPU time (user + system)
 * and peak RSS, all measured from outside (like `/usr/bin/time -v`); `stdout` is the child's
 * output. CPU and RSS are undefined where /usr/bin/time is missing. A non-zero exit throws
 * unless `anyStatus` is set; then `status` and `stderr` say how it ended.
 */
export function runNode(args, { anyStatus = false, ...opts } = {}) {
  const cmd = hasTime ? TIME : process.execPath;
  const argv = hasTime ? ['-f', '\n@@time %e %U %S %M', process.execPath, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /(?:\nCommand (?:exited with non-zero status|terminated by signal) \d+)?\n\n?@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  const stderr = m ? r.stderr.slice(0, m.index) : r.stderr;
  if (r.status !== 0 && !anyStatus) {
    const err = new Error(`node ${args.join(' ')} exited ${r.status}: ${stderr.slice(-2000)}`);
    throw Object.assign(err, { ms, rssMB: m ? Number(m[4]) / 1024 : undefined });
  }
  return { ms, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined, rssMB: m ? Number(m[4]) / 1024 : undefined, stdout: r.stdout, stderr, status: r.status, signal: r.signal };
}
