/**
 * Fuzzing every evidence reader in process, through collectEvidence as `collect` calls it:
 * mutated real reports and arbitrary bytes must give a bundle or a PhasegateError, never a
 * TypeError, RangeError or any other crash (issue 10, deliverable 10).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import path from 'node:path';
import { collectEvidence, type CollectOptions } from '../../src/evidence/index.js';
import { FAMILIES, type CollectKind } from './corpus.js';
import { fuzz, holdsUserErrorContract, RANDOM_SEED, Scratch } from './harness.js';
import { inputs } from './mutate.js';

let scratch: Scratch;
beforeAll(() => {
  scratch = new Scratch();
  console.log(`fuzz readers: random seed ${RANDOM_SEED} (replay: FUZZ_SEED=${RANDOM_SEED})`);
});
afterAll(() => scratch.dispose());

/** The collect options that read `file` as `kind`; documents as requirements, so the requirement scanner runs too. */
function optionsFor(kind: CollectKind, file: string): CollectOptions {
  const rel = path.basename(file);
  const opts: CollectOptions = { junit: [], coverage: [], sarif: [], docs: [], perf: [], cwd: path.dirname(file) };
  if (kind === 'docs') opts.docs.push(`requirements=${rel}`);
  else opts[kind]!.push(rel);
  return opts;
}

/** Cases per family with the fixed seed: sized so the whole suite stays well under 60 s on 2 busy cores. */
const RUNS = 120;

describe('every evidence reader gives a bundle or a PhasegateError', () => {
  Object.entries(FAMILIES).forEach(([family, { kind, seeds }], i) => {
    it.runIf(seeds.length > 0)(`${family} (${kind})`, async () => {
      await fuzz(inputs(seeds), async (input) => {
        const file = scratch.write(input);
        await holdsUserErrorContract(() => collectEvidence(optionsFor(kind, file)));
      }, { seed: 1010 + i, numRuns: RUNS });
    }, 60_000);
  });
});
