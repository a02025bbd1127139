/**
 * Fuzzing the policy loader (YAML text, extends chains) and the release sample files (JSON and
 * CSV) in process: each mutated or arbitrary input must load, give diagnostics, or throw a
 * PhasegateError, never crash (issue 10, deliverable 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { loadPolicy, validatePolicyFiles } from '../../src/policy/index.js';
import { fileProvider } from '../../src/release/providers/file.js';
import { ROOT } from '../helpers/cli.js';
import { POLICY_SEEDS, SAMPLE_SEEDS } from './corpus.js';
import { fuzz, holdsUserErrorContract, RANDOM_SEED, Scratch } from './harness.js';
import { inputs } from './mutate.js';

let scratch: Scratch;
beforeAll(() => {
  scratch = new Scratch();
  console.log(`fuzz policies and samples: random seed ${RANDOM_SEED} (replay: FUZZ_SEED=${RANDOM_SEED})`);
});
afterAll(() => scratch.dispose());

const RUNS = 120;

describe('the policy loader gives a policy, diagnostics or a PhasegateError', () => {
  it('mutated policies, with their extends targets beside them', async () => {
    await fuzz(inputs(POLICY_SEEDS), async (input) => {
      const file = scratch.write(input);
      const cwd = path.dirname(file);
      // The fixtures a seed extends sit beside it, so mutated chains are followed, not just refused.
      cpSync(path.join(ROOT, 'test', 'fixtures', 'policy'), cwd, { recursive: true, force: false });
      await holdsUserErrorContract(() => {
        const diagnostics = validatePolicyFiles([file], { cwd, allowedDirs: [] });
        for (const d of diagnostics) expect(d.message).not.toMatch(/[\r\n]/);
      });
      await holdsUserErrorContract(() => loadPolicy({ file }, { cwd, allowedDirs: [] }));
    }, { seed: 2010, numRuns: RUNS });
  }, 60_000);
});

describe('the release file provider gives samples, no-data or a PhasegateError', () => {
  it('mutated JSON and CSV sample files', async () => {
    await fuzz(inputs(SAMPLE_SEEDS), async (input) => {
      const file = scratch.write(input);
      const provider = fileProvider({ file });
      const window = { start: new Date('2025-12-31T00:00:00Z'), end: new Date('2026-01-02T00:00:00Z') };
      await holdsUserErrorContract(() => provider.fetch({ query: 'latency', variant: 'canary', ...window }));
      await holdsUserErrorContract(() => provider.fetch({ query: 'latency', variant: 'baseline', kind: 'instant', ...window }));
    }, { seed: 3010, numRuns: RUNS });
  }, 60_000);
});
