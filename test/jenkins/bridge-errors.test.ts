/**
 * Bad input to the Jenkins bridge through the built CLI: each is exit 2 with one line
 * `phasegate: …` naming the URL (without credentials) and the fix, no stack trace, and the
 * token nowhere in the output.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { expectNoStack, tempDir, type CliResult } from '../helpers/cli.js';
import { cliAsync, junitReport, pipelineBuild, startFakeJenkins, type FakeJenkins } from '../helpers/fake-jenkins.js';

const USER = 'ci-bot';
const TOKEN = '11f0c2d9e8b7a6f5e4d3c2b1a0918273';
const env = { JENKINS_USER: USER, JENKINS_TOKEN: TOKEN };
const jobs = () => ({ app: [pipelineBuild({ number: 1, timestamp: Date.UTC(2026, 10, 2), commit: 'c'.repeat(40), job: 'app', report: junitReport([['a.B', 'c', 'PASSED']]) })] });

/** Exit 2, exactly one line, no stack, and no form of the token. */
function oneLine(r: CliResult, token = TOKEN): string {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expectNoStack(r.stderr);
  expect(r.stderr.split('\n')).toHaveLength(2);
  expect(r.stderr.endsWith('\n')).toBe(true);
  for (const secret of [token, Buffer.from(`${USER}:${token}`).toString('base64'), encodeURIComponent(token)]) expect(r.stderr).not.toContain(secret);
  return r.stderr;
}

const importArgs = (url: string, job = 'app', ...more: string[]): string[] => ['jenkins', 'import', '--url', url, '--job', job, '--store', `file:${tempDir()}/h`, ...more];

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('jenkins import: Jenkins says no', () => {
  let fake: FakeJenkins;
  beforeAll(async () => {
    fake = await startFakeJenkins({ user: USER, token: TOKEN, jobs: jobs() });
  });
  afterAll(() => fake.close());

  it('401: wrong token', async () => {
    const r = await cliAsync(importArgs(fake.url), { env: { JENKINS_USER: USER, JENKINS_TOKEN: 'wrong-token-0123456789' } });
    expect(oneLine(r, 'wrong-token-0123456789')).toBe(
      `phasegate: Jenkins refused the credentials (HTTP 401) for ${fake.url}/job/app/api/json; check JENKINS_USER and JENKINS_TOKEN (an API token from the user's Security page)\n`,
    );
  });

  it('401: wrong token given in the URL, which is never shown', async () => {
    const bad = 'url-token-9f8e7d6c5b4a';
    const r = await cliAsync(importArgs(fake.url.replace('http://', `http://${USER}:${bad}@`)));
    expect(oneLine(r, bad)).toBe(
      `phasegate: Jenkins refused the credentials (HTTP 401) for ${fake.url}/job/app/api/json; check JENKINS_USER and JENKINS_TOKEN (an API token from the user's Security page)\n`,
    );
  });

  it('404: an unknown job, with the folder form suggested', async () => {
    const r = await cliAsync(importArgs(fake.url, 'team/nope'), { env });
    expect(oneLine(r)).toBe(
      `phasegate: job "team/nope" not found (HTTP 404) at ${fake.url}/job/team/job/nope/api/json; check --job: a job inside a folder is named with its folders, folder/job (a multibranch branch: folder/project/branch), and --url is Jenkins' root URL\n`,
    );
  });

  it('nothing is written when the import fails', async () => {
    const dir = tempDir();
    await cliAsync(['jenkins', 'import', '--url', fake.url, '--job', 'app', '--store', `file:${dir}/h`], { env: { JENKINS_USER: USER, JENKINS_TOKEN: 'wrong-token-0123456789' } });
    const store = await openStore(`file:${dir}/h`);
    expect(await store.query({})).toEqual([]);
    await store.close();
  });
});

describe('jenkins import: other failures', () => {
  it('403: the user lacks read permission', async () => {
    const fake = await startFakeJenkins({ user: USER, token: TOKEN, forbidden: true, jobs: jobs() });
    try {
      const r = await cliAsync(importArgs(fake.url), { env });
      expect(oneLine(r)).toBe(
        `phasegate: Jenkins denied access (HTTP 403) to ${fake.url}/job/app/api/json: the user "ci-bot" lacks Overall/Read or Job/Read on job "app"; ask an administrator for those permissions, or use another user's API token\n`,
      );
    } finally {
      await fake.close();
    }
  });

  it('unreachable: connection refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/jenkins`;
    const r = await cliAsync(importArgs(url.replace('http://', `http://${USER}:${TOKEN}@`)));
    expect(oneLine(r)).toBe(`phasegate: cannot reach Jenkins at ${url} (ECONNREFUSED for ${url}/job/app/api/json); check --url and that Jenkins runs and is reachable from here\n`);
  });

  it('unreachable: an unknown host', async () => {
    const r = await cliAsync(importArgs('http://jenkins.invalid'), { env });
    expect(oneLine(r)).toMatch(/^phasegate: cannot reach Jenkins at http:\/\/jenkins\.invalid \((ENOTFOUND|EAI_AGAIN) for http:\/\/jenkins\.invalid\/job\/app\/api\/json\); check --url and that Jenkins runs and is reachable from here\n$/);
  });

  it('a timeout: a Jenkins slower than --timeout', async () => {
    const fake = await startFakeJenkins({ user: USER, token: TOKEN, delayMs: 5_000, jobs: jobs() });
    try {
      const r = await cliAsync(importArgs(fake.url, 'app', '--timeout', '0.3'), { env });
      expect(oneLine(r)).toBe(`phasegate: Jenkins did not answer ${fake.url}/job/app/api/json within 0.3 s; check the server, or allow longer with --timeout SECONDS\n`);
    } finally {
      await fake.close();
    }
  });

  it('an answer that is not JSON (a login page in the way)', async () => {
    const fake = await startFakeJenkins({ user: USER, token: TOKEN, html: true, jobs: jobs() });
    try {
      const r = await cliAsync(importArgs(fake.url), { env });
      expect(oneLine(r)).toBe(
        `phasegate: Jenkins answered ${fake.url}/job/app/api/json with something that is not JSON (text/html: "<!DOCTYPE html><html><head><title>Sign i…"); check that --url is Jenkins' root URL (e.g. https://ci.example.com/jenkins) and that no login page or proxy stands in between\n`,
      );
    } finally {
      await fake.close();
    }
  });
});

describe('jenkins import: a failure part way', () => {
  it('keeps the whole records appended before it, says how many, and a re-run adds the rest', async () => {
    const builds = [1, 2, 3, 4, 5].map((n) => pipelineBuild({ number: n, timestamp: Date.UTC(2026, 10, n), commit: 'c'.repeat(40), job: 'app', report: junitReport([['a.B', 'c', 'PASSED']]) }));
    const dir = tempDir();
    const store = `file:${dir}/h`;
    const broken = await startFakeJenkins({ user: USER, token: TOKEN, jobs: { app: builds }, fault: { path: /^\/job\/app\/4\/testReport\//, status: 500 } });
    try {
      const r = await cliAsync(['jenkins', 'import', '--url', broken.url, '--job', 'app', '--store', store], { env });
      expect(oneLine(r)).toBe(
        `phasegate: Jenkins answered HTTP 500 for ${broken.url}/job/app/4/testReport/api/json; check the Jenkins server and try again (2 builds were imported before this; run the import again to add the rest)\n`,
      );
    } finally {
      await broken.close();
    }
    const s = await openStore(store);
    // Build 3 was held back for a possible REGRESSION in build 4, so it waits for the next import.
    expect((await s.query({})).map((x) => (x as { buildId: string }).buildId)).toEqual(['1', '2']);
    await s.close();
    const fixed = await startFakeJenkins({ user: USER, token: TOKEN, jobs: { app: builds } });
    try {
      const r = await cliAsync(['jenkins', 'import', '--url', fixed.url, '--job', 'app', '--store', store], { env });
      expect(r.stdout).toBe('imported 3 new builds of "app" into project "app": 3 with a test report; 0 without one; 2 builds already in the store\n');
    } finally {
      await fixed.close();
    }
  });
});

describe('jenkins import: bad options', () => {
  it.each([
    [['--url', 'ftp://ci.example.com', '--job', 'app'], {}, 'phasegate: --url "ftp://ci.example.com" is not an http(s) URL; give Jenkins\' root URL, e.g. https://ci.example.com/jenkins\n'],
    [['--url', `ftp://${USER}:${TOKEN}@ci.example.com`, '--job', 'app'], {}, `phasegate: --url "ftp://${USER}:***@ci.example.com" is not an http(s) URL; give Jenkins' root URL, e.g. https://ci.example.com/jenkins\n`],
    [['--url', 'http://ci.example.com', '--job', 'app'], { JENKINS_TOKEN: TOKEN }, 'phasegate: Jenkins credentials are incomplete: set JENKINS_USER (the user the API token belongs to), or give both as user:token in --url\n'],
    [['--url', 'http://ci.example.com', '--job', 'app'], { JENKINS_USER: USER }, 'phasegate: Jenkins credentials are incomplete: set JENKINS_TOKEN (the API token), or give both as user:token in --url\n'],
    [['--url', 'http://ci.example.com', '--job', 'app', '--builds', '0'], env, 'phasegate: --builds must be a whole number from 1 to 100000, not 0\n'],
    [['--url', 'http://ci.example.com', '--job', 'app', '--builds', 'ten'], env, 'phasegate: option \'--builds <n>\' argument \'ten\' is invalid. --builds must be a whole number, not "ten"\n'],
    [['--url', 'http://ci.example.com', '--job', 'app', '--timeout', '-1'], env, 'phasegate: option \'--timeout <seconds>\' argument \'-1\' is invalid. --timeout must be a positive number of seconds, not "-1"\n'],
    [['--url', 'http://ci.example.com', '--job', '/'], env, "phasegate: --job names no job; give the job's full name, e.g. shop or folder/job (run with --help for usage)\n"],
  ])('%j', async (args, e, line) => {
    const r = await cliAsync(['jenkins', 'import', '--store', `file:${tempDir()}/h`, ...args], { env: e });
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    expect(r.stderr.startsWith(line)).toBe(true);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('--help lists the flags', async () => {
    const r = await cliAsync(['jenkins', 'import', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--url <url>', '--job <name>', '--builds <n>', '--store <url>', '--project <name>', '--timeout <seconds>', '--git-remote <text>', 'JENKINS_USER and JENKINS_TOKEN']) expect(r.stdout).toContain(flag);
  });
});
