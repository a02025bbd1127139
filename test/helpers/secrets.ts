/** The secret shapes of the leak tests, and the check that no piece of a secret survived. */
import { expect } from 'vitest';

/** Passwords with every awkward character, as in the adversarial run. */
export const PASSWORDS = ['pa/ss/w0rd', 'pa#ssw0rd', 'pa?ssw0rd', 'p@ss@w0rd', 'p%40ss%2Fw0rd', 'sl/a#s?h@x:y', 'ünï côdé'];

/** Every 4-character piece of `secret` absent from `text` (pieces made only of `*` excepted). */
export function expectAbsent(text: string, secret: string): void {
  for (let i = 0; i + 4 <= secret.length; i++) {
    const piece = secret.slice(i, i + 4);
    if (/^[*]+$/.test(piece)) continue;
    expect(text, `"${piece}" of the secret survived`).not.toContain(piece);
  }
}
