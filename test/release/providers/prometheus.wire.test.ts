// The Prometheus provider against tiny local HTTP servers on 127.0.0.1: timeouts, retries,
// bad answers, auth headers, and secrets kept out of every message.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PhasegateError } from '../../../src/errors.js';
import { prometheusProvider, type PrometheusOptions } from '../../../src/release/providers/prometheus.js';
import type { MetricQuery } from '../../../src/release/providers/types.js';
import { freePort } from '../../helpers/prometheus.js';

type Handler = (req: IncomingMessage) => { status?: number; body: string; delayMs?: number };
const servers: Server[] = [];
const seen: IncomingMessage[] = [];

async function serve(handler: Handler): Promise<string> {
  const srv = createServer((req, res) => {
    seen.push(req);
    const { status = 200, body, delayMs = 0 } = handler(req);
    const t = setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), delayMs);
    res.on('close', () => clearTimeout(t));
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

afterEach(async () => {
  seen.length = 0;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r).closeAllConnections())));
});

const ok = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[100, '1'], [160, '+Inf'], [220, 'NaN']] }] } });
const q: MetricQuery = { query: 'up{variant="{{variant}}"}', variant: 'canary', start: new Date(100_000), end: new Date(220_000), step: 60 };
const provider = (o: Partial<PrometheusOptions> & { url: string }) => prometheusProvider({ backoffMs: 5, timeoutMs: 2000, ...o });
const TOKEN = 's3cr3t-t0ken';
const PASSWORD = 'p@ss:w0rd/x';

describe('prometheus provider on the wire', () => {
  it('sends a range query with the variant substituted and parses +Inf and NaN', async () => {
    const url = await serve(() => ({ body: ok }));
    const r = await provider({ url: `${url}/prom` }).fetch(q);
    expect(r).toMatchObject({ ok: true, samples: [1, Infinity], times: [100, 160], droppedNaN: 1, source: `${url}/prom/` });
    const sent = new URL(seen[0]!.url!, url);
    expect(sent.pathname).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(sent.searchParams)).toEqual({ query: 'up{variant="canary"}', start: '100', end: '220', step: '60' });
  });

  it('a slow server is a timeout after the retries', async () => {
    const url = await serve(() => ({ body: ok, delayMs: 2000 }));
    const r = await provider({ url, timeoutMs: 100, retries: 1 }).fetch(q);
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['not JSON', 200, '<html>proxy</html>'],
    ['no data', 200, '{"status":"success"}'],
    ['a bad sample', 200, '{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"x"]}]}}'],
    ['a string result', 200, '{"status":"success","data":{"resultType":"string","result":[1,"a"]}}'],
  ])('%s is a bad-response', async (_name, status, body) => {
    const url = await serve(() => ({ status, body }));
    expect(await provider({ url }).fetch(q)).toMatchObject({ ok: false, reason: 'bad-response' });
  });

  it('5xx is retried with backoff and then unreachable; 4xx is not retried', async () => {
    const url5 = await serve(() => ({ status: 503, body: 'overloaded' }));
    expect(await provider({ url: url5, retries: 2 }).fetch(q)).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringContaining('HTTP 503') });
    expect(seen).toHaveLength(3);
    seen.length = 0;
    const url4 = await serve(() => ({ status: 400, body: '{"status":"error","errorType":"bad_data","error":"parse error"}' }));
    expect(await provider({ url: url4, retries: 2 }).fetch(q)).toMatchObject({ ok: false, reason: 'bad-response' });
    expect(seen).toHaveLength(1);
  });

  it('a 503 then a good answer succeeds', async () => {
    let n = 0;
    const url = await serve(() => (n++ === 0 ? { status: 503, body: '' } : { body: ok }));
    expect(await provider({ url, retries: 1 }).fetch(q)).toMatchObject({ ok: true });
  });

  it('a closed port is unreachable', async () => {
    const port = await freePort();
    const r = await provider({ url: `http://127.0.0.1:${port}`, retries: 1 }).fetch(q);
    expect(r).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringContaining('2 attempts') });
  });

  it('a redirect is not followed: bad-response, not retried', async () => {
    const url = await serve(() => ({ status: 302, body: '' }));
    const r = await provider({ url, bearerToken: TOKEN, retries: 2 }).fetch(q);
    expect(r).toMatchObject({ ok: false, reason: 'bad-response', message: expect.stringContaining('redirect') });
    expect(seen).toHaveLength(1);
  });

  it('the transport is injectable: a network error with a cause is unreachable and says why', async () => {
    const calls: RequestInit[] = [];
    const fetchImpl = (async (_url: URL, init: RequestInit) => {
      calls.push(init);
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNRESET') });
    }) as unknown as typeof fetch;
    const r = await provider({ url: 'http://prom.invalid', bearerToken: TOKEN, retries: 1, fetchImpl }).fetch(q);
    expect(r).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringContaining('fetch failed: connect ECONNRESET') });
    expect(calls.map((c) => [(c.headers as Record<string, string>).authorization, c.signal instanceof AbortSignal])).toEqual([[`Bearer ${TOKEN}`, true], [`Bearer ${TOKEN}`, true]]);
  });

  it('an instant query asks /api/v1/query at the end time', async () => {
    const url = await serve(() => ({ body: '{"status":"success","data":{"resultType":"scalar","result":[220,"0.5"]}}' }));
    expect(await provider({ url }).fetch({ ...q, kind: 'instant' })).toMatchObject({ ok: true, samples: [0.5], times: [220] });
    const sent = new URL(seen[0]!.url!, url);
    expect([sent.pathname, sent.searchParams.get('time')]).toEqual(['/api/v1/query', '220']);
  });
});

describe('prometheus provider auth and secrets', () => {
  // A server that echoes the request's headers in a 500 body, the worst case for leaks.
  const echo: Handler = (req) => ({ status: 500, body: `headers: ${JSON.stringify(req.headers)} url: ${req.url}` });

  it('sends the bearer token and never shows it', async () => {
    const url = await serve(echo);
    const r = await provider({ url, bearerToken: TOKEN, retries: 0 }).fetch(q);
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('"authorization":"***"');
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it.each([
    ['basicAuth', (url: string) => ({ url, basicAuth: { username: 'gate', password: PASSWORD } })],
    ['URL userinfo', (url: string) => ({ url: url.replace('//', `//gate:${encodeURIComponent(PASSWORD)}@`) })],
  ])('sends basic auth from %s and never shows the password', async (_name, opts) => {
    const url = await serve(echo);
    const r = await provider({ ...opts(url), retries: 0 }).fetch(q);
    const header = `Basic ${Buffer.from(`gate:${PASSWORD}`).toString('base64')}`;
    expect(seen[0]!.headers.authorization).toBe(header);
    const text = JSON.stringify(r);
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), header.slice(6)]) expect(text).not.toContain(secret);
  });

  it.each([
    ['a 500 body', 500, (t: string) => `upstream said: ${t}`],
    ['a JSON error', 400, (t: string) => JSON.stringify({ status: 'error', errorType: 'bad_data', error: t })],
    ['a body that is not JSON', 200, (t: string) => `<html>${t}</html>`],
  ])('secret query parameters and credentials in %s are redacted before the body is cut', async (_name, status, body) => {
    const echoed = `GET /q?api_key=AK-77x9&access_token=AT-88y0&sig=SG-99z1 Authorization: Bearer ${TOKEN}`;
    for (const pad of [0, 60, 100, 130, 170, 190, 250, 290]) {
      const url = await serve(() => ({ status, body: body(`${'x'.repeat(pad)}${echoed}`) }));
      const r = await provider({ url: `${url}/?api_key=AK-77x9`, bearerToken: TOKEN, retries: 0 }).fetch(q);
      expect(r.ok).toBe(false);
      const text = JSON.stringify(r);
      for (const secret of ['AK-7', 'K-77', '77x9', 'AT-8', '88y0', 'SG-9', '99z1', TOKEN.slice(0, 4), TOKEN.slice(-4)]) expect(text).not.toContain(secret);
    }
  });

  it('a success keeps the userinfo out of the source', async () => {
    const url = await serve(() => ({ body: ok }));
    const r = await provider({ url: url.replace('//', `//gate:${encodeURIComponent(PASSWORD)}@`) }).fetch(q);
    expect(r).toMatchObject({ ok: true, source: `${url}/` });
  });

  it.each([
    ['not a URL', `ht!tp://gate:${PASSWORD}@`],
    ['not http', `ftp://gate:hunter2@example.com`],
  ])('a bad URL (%s) is a PhasegateError without the password', (_name, url) => {
    let err: unknown;
    try {
      prometheusProvider({ url });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PhasegateError);
    expect(String((err as Error).message)).not.toMatch(/hunter2|p@ss/);
  });

  it('bearer and basic together are a configuration error', () => {
    expect(() => prometheusProvider({ url: 'http://x', bearerToken: 't', basicAuth: { username: 'u', password: 'p' } })).toThrow(PhasegateError);
  });
});
