/** The fuzz contract itself: it must reject what the suite is there to catch, or a green run means nothing. */
import { describe, expect, it } from 'vitest';
import { inputError } from '../../src/errors.js';
import { holdsUserErrorContract } from './harness.js';

describe('holdsUserErrorContract', () => {
  it('accepts a return and a one-line PhasegateError', async () => {
    await holdsUserErrorContract(() => 1);
    await holdsUserErrorContract(() => { throw inputError('f', 'bad'); });
  });

  it('rejects any other exception and a diagnostic spanning lines', async () => {
    await expect(holdsUserErrorContract(() => { throw new TypeError('x is undefined'); })).rejects.toThrow(/not a PhasegateError: TypeError/);
    await expect(holdsUserErrorContract(() => Promise.reject(new RangeError('stack')))).rejects.toThrow(/RangeError/);
    await expect(holdsUserErrorContract(() => { throw inputError('f', 'a\nb'); })).rejects.toThrow(/spans lines/);
  });
});
