/** Counterexamples the fuzz suite found, kept as plain tests so they stay fixed whatever the seeds draw. */
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { PhasegateError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

describe('fuzz regressions', () => {
  it('an LCOV line with a CR inside is quoted escaped, on one diagnostic line (seed 424242, lcov family)', async () => {
    const cwd = tempDir({ 'lcov-a.info': 'SF:a.ts\nBRDA:3\r0,0,1\nend_of_record\n' });
    const err = await collectEvidence({ junit: [], coverage: ['lcov-a.info'], sarif: [], docs: [], cwd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    const message = (err as PhasegateError).diagnostics[0]!.message;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message).toContain('malformed BRDA:3\\u000d0,0,1');
  });
});
