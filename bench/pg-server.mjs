// A throwaway PostgreSQL server for the store tests and bench: initdb in a temporary folder,
// pg_ctl start on a free loopback port, stop and remove afterwards. The server refuses to
// run as root, so under root it runs as the `postgres` user. Used by test/helpers/postgres.ts
// (types: pg-server.d.mts) and bench/store.bench.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where the PostgreSQL 15 server binaries are (PHASEGATE_PG_BIN overrides). */
export const PG_BIN = process.env.PHASEGATE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why a server cannot be started here, or undefined when it can. */
export function postgresMissing() {
  if (!existsSync(path.join(PG_BIN, 'initdb')) || !existsSync(path.join(PG_BIN, 'pg_ctl'))) {
    return `PostgreSQL 15 server binaries not found in ${PG_BIN} (apt-get install postgresql-15)`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root but there is no postgres user to run the server as';
  return undefined;
}

function owner() {
  if (process.getuid?.() !== 0) return {};
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, as) {
  const r = spawnSync(path.join(PG_BIN, cmd), args, { ...as, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C' } });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

/**
 * Starts a server; returns its superuser URL (with password), the password and stop().
 * `durable: false` (the tests) turns fsync off for speed; the bench keeps the defaults.
 */
export async function startPostgres({ durable = false } = {}) {
  const missing = postgresMissing();
  if (missing) throw new Error(`cannot start PostgreSQL: ${missing}`);
  const as = owner();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'phasegate-pg-'));
  const data = path.join(dir, 'data');
  const password = `pw${Math.random().toString(36).slice(2)}`;
  if (as.uid !== undefined) chownSync(dir, as.uid, as.gid);
  writeFileSync(path.join(dir, 'pw'), password);
  if (as.uid !== undefined) chownSync(path.join(dir, 'pw'), as.uid, as.gid);
  const stop = () => {
    if (existsSync(path.join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], as);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const init = run('initdb', ['-D', data, '-U', 'postgres', `--pwfile=${path.join(dir, 'pw')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'], as);
  if (!init.ok) throw new Error(`initdb failed: ${init.out}`);
  const settings = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${settings}`;
    const started = run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', opts, 'start'], as);
    if (started.ok) return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, port, password, stop };
    last = `${started.out}\n${readFileSync(path.join(dir, 'log'), 'utf8').slice(-2000)}`;
  }
  stop();
  throw new Error(`pg_ctl start failed: ${last}`);
}
