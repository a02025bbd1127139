/** `record deployment --commits FILE`: the commits a deployment brought, for lead time per commit; bad lines exit 2. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { DeploymentRecord } from '../../src/store/records.js';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

const args = (...more: string[]) => ['record', 'deployment', '--store', 'file:h', '--project', 'acme', '--version', '1.5.0', '--commit', 'c3', '--time', '2026-11-03T12:00:00Z', ...more];

describe('phasegate record deployment --commits', () => {
  it('stores every commit with its time (git log --format="%H %cI" lines, a comment and a blank line)', async () => {
    const cwd = tempDir({ 'commits.txt': '# git log --format="%H %cI" v1.4.0..v1.5.0\nc3 2026-11-03T08:00:00+01:00\n\nc2,2026-11-02T10:00:00Z\nc1 2026-11-01 09:30:00 +0000\n' });
    const r = cli(args('--commits', 'commits.txt'), { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = await openStore(`file:${path.join(cwd, 'h')}`);
    try {
      const [rec] = (await store.query({ project: 'acme' })) as DeploymentRecord[];
      expect(rec?.commits).toEqual([
        { sha: 'c3', time: '2026-11-03T07:00:00.000Z' },
        { sha: 'c2', time: '2026-11-02T10:00:00.000Z' },
        { sha: 'c1', time: '2026-11-01T09:30:00.000Z' },
      ]);
      expect(rec?.commitTime).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it.each([
    ['a commit without a time', 'c3 2026-11-03T08:00:00Z\nc2\n', 'commits.txt:2:1: commit c2 has no time; write one commit a line as "SHA TIME", e.g. git log --format=\'%H %cI\' PREVIOUS..DEPLOYED'],
    ['a time that does not parse', 'c3 yesterday\n', 'commits.txt:1:1: commit c3: "yesterday" is not an ISO-8601 date-time; write one commit a line as "SHA TIME", e.g. git log --format=\'%H %cI\' PREVIOUS..DEPLOYED'],
    ['no commit at all', '# nothing\n', 'commits.txt: no commit listed; write one commit a line as "SHA TIME", e.g. git log --format=\'%H %cI\' PREVIOUS..DEPLOYED'],
  ])('%s: one line naming the file, the line and the fix, exit 2, nothing written', (_, text, message) => {
    const cwd = tempDir({ 'commits.txt': text });
    const r = cli(args('--commits', 'commits.txt'), { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`phasegate: ${message}\n`);
    expectNoStack(r.stderr);
    expect(existsSync(path.join(cwd, 'h')) ? readdirSync(path.join(cwd, 'h')) : []).toEqual([]);
  });
});
