/**
 * Issue 10 message reproducers at process level: PostgreSQL SSL and authentication failures
 * the driver reports without a SQLSTATE (against the real PostgreSQL 15 of the tests), a
 * read-only store and a full disk (small tmpfs mounts, only when running as root). One line,
 * exit 2, no stack trace, each naming the fix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStack, tempDir } from '../helpers/cli.js';
import { postgresSkipReason, usePostgres } from '../helpers/postgres.js';

const RUN = ['record', 'run', '--project', 'a', '--pipeline', 'ci', '--build', '1', '--commit', 'c', '--branch', 'main'];

function oneLine(args: string[], cwd: string, pattern: RegExp, env?: NodeJS.ProcessEnv): void {
  const r = cli(args, { cwd, env: { NODE_NO_WARNINGS: '1', ...env } });
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expectNoStack(r.stderr);
  expect(r.code).toBe(2);
}

describe.skipIf(postgresSkipReason() !== undefined)('PostgreSQL errors without a SQLSTATE', () => {
  const pgs = usePostgres();
  const base = () => `127.0.0.1:${pgs().server.port}/postgres`;
  const pw = () => pgs().server.password;

  it('sslmode=require against a server without SSL', () => {
    oneLine([...RUN, '--store', `postgres://postgres:${pw()}@${base()}?sslmode=require`], tempDir(),
      /^phasegate: PostgreSQL at 127\.0\.0\.1:\d+, database postgres does not accept SSL connections, but the URL asks for SSL \(sslmode=require\); enable SSL on the server/m);
  });
  it('an sslcert that does not exist', () => {
    oneLine([...RUN, '--store', `postgres://postgres:${pw()}@${base()}?sslcert=/nonexistent/cert.pem`], tempDir(),
      /^phasegate: cannot read \/nonexistent\/cert\.pem, the sslcert of the history store URL \(ENOENT\); fix the path in the URL/m);
  });

  // The driver used to leave the socket of the failed SCRAM handshake open, and the server
  // waited for the password until its authentication_timeout: the CLI exited only after 60 s.
  it('SCRAM without a password: one line, exit 2 at once, not after the server gives up', async () => {
    const secret = 'scram-Secret-9q';
    await pgs().admin.query(`SET password_encryption = 'scram-sha-256'; CREATE ROLE scram_u LOGIN PASSWORD '${secret}'; GRANT ALL ON SCHEMA public TO scram_u`);
    const url = `postgres://scram_u@${base()}`;
    const env = { ...process.env, NODE_NO_WARNINGS: '1', PGPASSWORD: undefined, PGPASSFILE: '/nonexistent/pgpass', PHASEGATE_STORE: undefined };
    const fix = /^phasegate: PostgreSQL at 127\.0\.0\.1:\d+, database postgres asks user scram_u for a password and none was given; put it in the URL .*PGPASSWORD.*PHASEGATE_STORE/;
    for (const [args, extra] of [[['--store', url], {}], [[], { PHASEGATE_STORE: url }]] as const) {
      const started = Date.now();
      const r = spawnSync(process.execPath, [BIN, 'metrics', '--project', 'p', ...args], { cwd: tempDir(), env: { ...env, ...extra }, encoding: 'utf8', timeout: 20_000 });
      const ms = Date.now() - started;
      expect(r.signal, `killed after ${ms} ms: the CLI hung (stderr: ${r.stderr})`).toBeNull();
      expect(ms).toBeLessThan(10_000);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(fix);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toContain(secret);
      expectNoStack(r.stderr);
    }
    // The fix the message names works: the same role with its password in PGPASSWORD.
    const ok = spawnSync(process.execPath, [BIN, 'metrics', '--project', 'p', '--store', url], { cwd: tempDir(), env: { ...env, PGPASSWORD: secret }, encoding: 'utf8', timeout: 20_000 });
    // It connects: the empty store then says project p has no records (exit 2), not a password problem, and never the URL.
    expect(ok.stderr).toBe('phasegate: --project "p" has no records in the store (--store); the store (--store) holds no records yet: record a run first (phasegate record run --project p …) (run with --help for usage)\n');
    expect(ok.status).toBe(2);
  }, 60_000);
});

const root = process.getuid?.() === 0;
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
});

/** A small tmpfs, mounted for this test file (root only). */
function tmpfs(size: string): string {
  const dir = path.join(tempDir(), 'mnt');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

describe.skipIf(!root)('read-only store and full disk (tmpfs)', () => {
  it('a read-only store says so, not "a lock left by a killed process"', () => {
    const mnt = tmpfs('64k');
    mkdirSync(path.join(mnt, 'h'));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    oneLine(['metrics', '--store', `file:${mnt}/h`, '--project', 'a'], tempDir(),
      /^phasegate: .*\/h: history store folder is on a read-only file system; phasegate writes a lock there even to read: make it writable, or copy the store/m);
  });

  it('a full disk says "no space left", for --out and for the store', () => {
    const mnt = tmpfs('64k');
    try {
      writeFileSync(path.join(mnt, 'fill'), Buffer.alloc(128 * 1024)); // fills the disk, then fails
    } catch {
      // ENOSPC: the disk is full, as wanted
    }
    const dir = tempDir({ 'e.json': JSON.stringify({ schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [] }) });
    oneLine([...RUN, '--store', `file:${mnt}/h`], dir, /^phasegate: .*\/h(\/\.append-journal\.json)?: cannot (append to the history store|write the file): no space left on the device; free some space or write elsewhere \(ENOSPC\)$/m);
    oneLine(['gate', '--phase', 'design', '--tier', 'operational', '--evidence', 'e.json', '--format', 'json', '--out', `${mnt}/v.json`], dir,
      /^phasegate: .*\/v\.json: cannot write the file: no space left on the device; free some space or write elsewhere \(ENOSPC\)$/m);
    expect(readdirSync(mnt).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
