import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../../src/release/decision/index.js';

const DOC = readFileSync(path.resolve(import.meta.dirname, '../../../docs/release-gate.md'), 'utf8');

describe('docs/release-gate.md', () => {
  it('lists every reason code, and only those', () => {
    const documented = [...DOC.matchAll(/^\| `([a-z-]+)` \| (rollback|hold|info) \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...REASON_CODES].sort());
  });
});
