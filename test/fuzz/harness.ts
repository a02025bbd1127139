/**
 * What every fuzz case must hold: the reader returns, or throws a PhasegateError whose every
 * diagnostic is one line; never another exception type. Time and memory are guards with
 * generous margins (a busy 2-core CI machine), not benchmarks: they catch the quadratic and
 * exploding cases of issue 10, which took tens of seconds and gigabytes.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PhasegateError } from '../../src/errors.js';
import type { Seed } from './corpus.js';

/** Per-case time limit (ms). */
export const CASE_MS = 5_000;
/** Per-case resident memory growth limit (bytes). */
export const CASE_RSS = 300 * 1024 * 1024;

/**
 * The random seed of this run, printed so a failure can be replayed: FUZZ_SEED=N npx vitest run test/fuzz.
 * It runs under CI=true too: new inputs on every run is the point of keeping a fuzzer.
 */
export const RANDOM_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Fails when `run` throws anything but a one-line-per-diagnostic PhasegateError, or blows its time or memory guard. */
export async function holdsUserErrorContract(run: () => unknown): Promise<void> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  try {
    await run();
  } catch (e) {
    if (!(e instanceof PhasegateError)) {
      const what = e instanceof Error ? `${e.constructor.name}: ${e.message.slice(0, 300)}\n${e.stack ?? ''}` : String(e);
      throw new Error(`not a PhasegateError: ${what}`);
    }
    for (const d of e.diagnostics) {
      if (/[\r\n]/.test(d.message)) throw new Error(`diagnostic spans lines: ${JSON.stringify(d.message.slice(0, 300))}`);
    }
  }
  const ms = performance.now() - start;
  if (ms > CASE_MS) throw new Error(`case took ${Math.round(ms)} ms (limit ${CASE_MS})`);
  const grown = process.memoryUsage().rss - rss;
  if (grown > CASE_RSS) throw new Error(`case grew RSS by ${Math.round(grown / 2 ** 20)} MB (limit 300)`);
}

/** A scratch folder holding one case's file at a time, named as its seed (formats are detected by name). */
export class Scratch {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'phasegate-fuzz-'));

  /** Writes the case to a fresh sub-folder and returns its path. */
  write(input: Seed, sub = 'case'): string {
    const dir = path.join(this.dir, sub);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, path.basename(input.name));
    writeFileSync(file, input.bytes);
    return file;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs a property with a fixed seed, then with this run's random seed (fewer runs), both bounded. */
export async function fuzz<T>(arb: fc.Arbitrary<T>, check: (t: T) => Promise<void>, fixed: { seed: number; numRuns: number }): Promise<void> {
  const prop = fc.asyncProperty(arb, check);
  await fc.assert(prop, { seed: fixed.seed, numRuns: fixed.numRuns });
  await fc.assert(prop, { seed: RANDOM_SEED, numRuns: Math.max(5, Math.floor(fixed.numRuns / 3)) });
}
