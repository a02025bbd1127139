/**
 * Secrets never leave a process: the CLI run as a pipeline would, against a Prometheus
 * stand-in on 127.0.0.1 answering 500 with bodies that echo the token or the base64 of
 * `user:password` at every offset around the cut, and against unreachable stores whose URL
 * passwords hold `/`, `#`, `?`, `@` or percent-encoding. Each secret must be absent (not even
 * four characters of it) from stdout, stderr and every file written.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, tempDir, type CliResult } from '../helpers/cli.js';
import { expectAbsent, PASSWORDS } from '../helpers/secrets.js';

const TOKEN = 'tOk3n-Zq8Xw2Lm5Np7Rt9Vb4Hj6Kd1';
const USER = 'gate';
const PASSWORD = 'p@ss/w#rd?Yq7';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
/** Where the provider cuts an answer's body. */
const CUT = 200;

/** Runs the CLI without blocking this process's event loop (the stand-in server lives here). */
function cliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => [f, readFileSync(f, 'utf8')]);
}

function expectNowhere(r: CliResult, dir: string, secrets: readonly string[]): void {
  for (const s of secrets) {
    expectAbsent(r.stdout, s);
    expectAbsent(r.stderr, s);
    for (const [, text] of filesUnder(dir)) expectAbsent(text, s);
  }
}

/** A policy with one metric per offset; the query names the offset the stand-in puts the secret at. */
function policy(offsets: readonly number[]): string {
  const metrics = offsets.map((k) => `    - { name: m${k}, provider: prometheus, query: 'at${k}', kind: latency, limit: { max: 1 } }`).join('\n');
  return `schemaVersion: 1\nname: leak-test\nphases: {}\nrelease:\n  steps:\n    - { weight: 10 }\n  metrics:\n${metrics}\n`;
}

describe('secrets in Prometheus error bodies, cut anywhere', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    // 500 with the secret (chosen by ?secret=) at the offset the query names, then more text.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const k = Number(/at(\d+)/.exec(url.searchParams.get('query') ?? '')?.[1] ?? 0);
      const auth = req.headers.authorization ?? '';
      const secret = auth.startsWith('Basic ') ? auth.slice(6) : auth.slice(7);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${'x'.repeat(k)}${secret} then ${auth} and ${decodeURIComponent(url.pathname)}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const AT = ['--now', '2024-03-01T01:00:00Z', '--started-at', '2024-03-01T00:00:00Z', '--window', '60m'];

  it.each([
    ['a bearer token', TOKEN, (p: number) => `http://127.0.0.1:${p}`, { PHASEGATE_PROMETHEUS_TOKEN: TOKEN }, [TOKEN]],
    ['basic auth from the URL', BASIC, (p: number) => `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${p}`, {}, [BASIC, PASSWORD, encodeURIComponent(PASSWORD)]],
  ])('%s echoed at every offset around the cut is in no output and no stored record', async (_name, secret, url, env, secrets) => {
    const offsets = Array.from({ length: secret.length + 4 }, (_, i) => CUT - secret.length - 2 + i);
    const dir = tempDir({ 'policy.yaml': policy(offsets) });
    const args = ['release', 'evaluate', '--project', 'p', '--rollout', 'r1', '--store', 'file:h', '--policy', 'policy.yaml', '--step', '0', '--prometheus', url(port), ...AT];
    const text = await cliAsync([...args, '--out', 'decision.txt'], dir, env);
    expect(text.code, text.stderr).toBe(3);
    const json = await cliAsync([...args, '--rollout', 'r2', '--format', 'json', '--now', '2024-03-01T01:05:00Z'], dir, env);
    expect(json.code, json.stderr).toBe(3);
    const reasons = (JSON.parse(json.stdout) as { reasons: Array<{ code: string; message: string }> }).reasons;
    expect(reasons.filter((r) => r.code === 'provider-error' && r.message.includes('HTTP 500')).length).toBe(offsets.length);
    expect(filesUnder(path.join(dir, 'h')).length).toBeGreaterThan(0);
    expectNowhere(text, dir, secrets);
    expectNowhere(json, dir, secrets);
  }, 60_000);
});

describe('store URLs with awkward passwords', () => {
  it.each(PASSWORDS.filter((p) => p.length >= 4))('an unreachable store with password %s shows none of it', (pw) => {
    const dir = tempDir();
    const url = (form: string) => `postgres://ci:${form}@127.0.0.1:1/history?connect_timeout=2`;
    const runs: Array<[string, CliResult]> = [
      [pw, cli(['release', 'status', '--project', 'p', '--rollout', 'r', '--store', url(pw)], { cwd: dir })],
      [pw, cli(['metrics', '--project', 'p', '--out', 'm.txt'], { cwd: dir, env: { PHASEGATE_STORE: url(pw) } })],
      [encodeURIComponent(pw), cli(['metrics', '--project', 'p', '--store', url(encodeURIComponent(pw))], { cwd: dir })],
    ];
    for (const [form, r] of runs) {
      expect(r.code).toBe(2);
      expectNowhere(r, dir, [pw, form]);
    }
  }, 60_000);
});

describe('file options never quote the start of the file', () => {
  const START = 'root:x:0:0:Zq9Kx7Wv3Jm5Lq:/root:/bin/bash\nline two Yh4Pn8Rb2Tc6Gd\n';
  const policyText = 'schemaVersion: 1\nname: x\nphases: {}\nrelease:\n  steps:\n    - { weight: 10 }\n  metrics:\n    - { name: m, provider: file, query: m, kind: latency, limit: { max: 1 } }\n';
  it.each([
    ['--verdict', 'v.json', ['record', 'run', '--store', 'file:h', '--project', 'p', '--pipeline', 'ci', '--build', '1', '--commit', 'abc', '--branch', 'main', '--verdict', 'v.json']],
    ['--plan', 'plan.yaml', ['record', 'plan', '--store', 'file:h', '--project', 'p', '--plan', 'plan.yaml']],
    ['--defects (JSON)', 'd.json', ['metrics', '--store', 'file:h', '--project', 'p', '--defects', 'd.json']],
    ['--defects (CSV)', 'd.csv', ['metrics', '--store', 'file:h', '--project', 'p', '--defects', 'd.csv']],
    ['--samples (JSON)', 's.json', ['release', 'evaluate', '--store', 'file:h', '--project', 'p', '--rollout', 'r', '--policy', 'pol.yaml', '--step', '0', '--samples', 's.json']],
    ['--samples (CSV)', 's.csv', ['release', 'evaluate', '--store', 'file:h', '--project', 'p', '--rollout', 'r', '--policy', 'pol.yaml', '--step', '0', '--samples', 's.csv']],
  ])('%s names the file and line, and what was expected', (_name, file, args) => {
    const dir = tempDir({ 'pol.yaml': policyText });
    for (const content of [START, `{"a": ${START}}`, `[{"id": 1}, ${START}`]) {
      writeFileSync(path.join(dir, file), content);
      const r = cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${file.replace('.', '\\.')}:\\d+(:\\d+)?: `));
      expect(r.stderr).toMatch(/expected|must|missing required key|syntax error/);
      for (const s of ['root:x:0', 'Zq9Kx7Wv3Jm5Lq', 'Yh4Pn8Rb2Tc6Gd']) expectAbsent(`${r.stdout}${r.stderr}`, s);
    }
  });
});
