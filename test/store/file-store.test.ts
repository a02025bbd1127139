/** The store contract against the file adapter (NDJSON partitions in a temporary folder). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { storeContract } from './contract.js';

const root = mkdtempSync(path.join(tmpdir(), 'phasegate-store-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

storeContract('file', async () => {
  const url = `file:${path.join(root, `s${++n}`)}`;
  return { open: () => openStore(url) };
});
