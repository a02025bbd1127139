/** openStore's URL forms, password redaction and deterministic record ids. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PhasegateError } from '../../src/errors.js';
import { DEFAULT_STORE_URL, openStore, recordId } from '../../src/store/open.js';
import { pgTarget, storeError } from '../../src/store/postgres/connection.js';
import { tempDir } from '../helpers/cli.js';
import { run } from './builders.js';

describe('openStore', () => {
  it('opens file: URLs relative to cwd, absolute, and as file:/// URLs, creating the folder', async () => {
    const cwd = tempDir();
    const rel = await openStore(DEFAULT_STORE_URL, { cwd });
    await rel.append([run('a', '2026-01-01T00:00:00Z')]);
    expect(existsSync(path.join(cwd, '.phasegate', 'history', '2026-01.ndjson'))).toBe(true);
    const abs = await openStore(`file:${path.join(cwd, '.phasegate', 'history')}`);
    expect((await abs.query({})).length).toBe(1);
    const url = await openStore(pathToFileURL(path.join(cwd, '.phasegate', 'history')).href);
    expect(await url.projects()).toEqual(['acme']);
  });

  it.each([
    ['mysql://u:pw@host/db', 'unknown history store URL "mysql://u:***@host/db"; give file:DIR (relative or absolute; the default is file:.phasegate/history) or postgres://USER:PASSWORD@HOST:PORT/DATABASE'],
    ['history', 'unknown history store URL "history"; give file:DIR'],
    ['file:', 'history store URL "file:" names no folder'],
    ['postgres://u:pw@[bad/db', 'history store URL "postgres://u:***@[bad/db" is not a valid URL (percent-encode / # ? @ : in the user and password, e.g. / as %2F); give postgres://USER:PASSWORD@HOST:PORT/DATABASE'],
  ])('refuses %s naming the accepted forms', async (url, message) => {
    const err = await openStore(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PhasegateError);
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect((err as Error).message).not.toContain(':pw@');
  });

  it('refuses a file store path that is a file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'f'), '');
    await expect(openStore(`file:${path.join(dir, 'f')}`)).rejects.toThrow(/history store: it \(or a folder above it\) is a file, not a folder \(ENOTDIR\); give file:DIR naming a folder/);
  });
});

describe('PostgreSQL messages', () => {
  it('server text that echoes the password, in any encoding, is redacted', () => {
    const pw = 'p@ss/w#rd?x';
    const t = pgTarget(`postgres://ci:${encodeURIComponent(pw)}@db.example:5432/history`);
    const echo = `auth for ci with ${pw} (${encodeURIComponent(pw)}, ${Buffer.from(`ci:${pw}`).toString('base64')}) failed`;
    const err = storeError(Object.assign(new Error(echo), { code: '28P01' }), t, 'connecting') as Error;
    expect(err.message).toMatch(/refused user ci: auth for ci with \*\*\* \(\*\*\*, \*\*\*\) failed/);
  });
});

describe('recordId', () => {
  it('is a stable SHA-256 of the parts, unambiguous about where parts split', () => {
    expect(recordId('acme', 'run', 'ci', '42')).toBe(recordId('acme', 'run', 'ci', '42'));
    expect(recordId('acme', 'run', 'ci', '42')).toMatch(/^[0-9a-f]{64}$/);
    expect(recordId('a:b', 'c')).not.toBe(recordId('a', 'b:c'));
    expect(recordId('ab')).not.toBe(recordId('a', 'b'));
  });
});
