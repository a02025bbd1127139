/** The one redactor: a corpus of secret shapes, each absent after redaction, and the cut never splitting one. */
import { describe, expect, it } from 'vitest';
import { createRedactor, redactText, redactUrl, REDACTED, secretForms } from '../../src/io/redact.js';
import { expectAbsent, PASSWORDS } from '../helpers/secrets.js';

const TOKEN = 'tOk3n-Zq8Xw2Lm5Np7Rt9Vb4Hj6Kd1';

describe('redactUrl', () => {
  it.each([
    ['postgres://ci:s3cret@db:5432/history', 'postgres://ci:***@db:5432/history'],
    ['postgresql://ci:p%40ss@db/h?sslmode=require&password=x2', 'postgresql://ci:***@db/h?sslmode=require&password=***'],
    ['postgres://ci@db/h', 'postgres://ci@db/h'],
    ['file:.phasegate/history', 'file:.phasegate/history'],
    ['postgres://u:pw@[bad/db', 'postgres://u:***@[bad/db'],
    ['postgres://ci:pa/ss#w?o@rd@db:5432/h', 'postgres://ci:***@db:5432/h'],
    ['http://u:12/34@host:9090/x', 'http://u:***@host:9090/x'],
    ['https://p.example/api?api_key=ABCD&x=1&Token=T&X-Amz-Signature=S#f', 'https://p.example/api?api_key=***&x=1&Token=***&X-Amz-Signature=***#f'],
    ['https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@github.com/x', 'https://***@github.com/x'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it.each(PASSWORDS)('hides the password %s written raw or percent-encoded, in a store and a Prometheus URL', (pw) => {
    for (const form of [pw, encodeURIComponent(pw)]) {
      for (const url of [`postgres://ci:${form}@db.example:5432/history?sslmode=require`, `https://gate:${form}@prom.example:9090/prometheus`]) {
        const shown = redactUrl(url);
        expect(shown).toContain(`:${REDACTED}@`);
        expectAbsent(shown, form.length >= 4 ? form : '');
        // In free text a URL ends at a space: a password with spaces is found as a known secret.
        const said = `failed: ${url} (ECONNREFUSED)`;
        if (!/\s/.test(form)) expectAbsent(redactText(said), form);
        expectAbsent(createRedactor({ urls: [url] })(said), form);
      }
    }
  });
});

describe('redactText', () => {
  it.each([
    ['query parameters', 'GET /q?query=up&api_key=K1&apikey=K2&token=K3&access_token=K4&PASSWORD=K5&sig=K6&signature=K7&secret=K8'],
    ['JSON pairs', '{"token": "K3", "client_secret":"K8", "password":"K5"}'],
    ['headers', 'Authorization: Bearer K9abc\nX-Api-Key: K1\nproxy-authorization: Basic dXNlcjpwYXNz'],
    ['credentials in prose', 'sent Bearer eyJhbGciOiJIUzI1NiJ9.e30.K9 and Basic dXNlcjpwYXNz'],
  ])('hides %s', (_name, text) => {
    const out = redactText(text);
    expect(out).not.toMatch(/K\d|eyJ|dXNlcjpwYXNz/);
  });

  it('keeps ordinary messages as they are', () => {
    const msg = 'canary up: http://prom:9090/ (3 attempts): HTTP 500: query timed out; give either a bearer token or basic auth, not both';
    expect(redactText(msg)).toBe(msg);
  });

  it('is linear on hostile text', () => {
    const start = Date.now();
    for (const t of ['a'.repeat(300_000), `${' '.repeat(300_000)}x`, 'a:'.repeat(150_000), `http://${'@a'.repeat(150_000)}`, 'a='.repeat(150_000), `Bearer${' '.repeat(300_000)}`, '"a":'.repeat(80_000)]) redactText(t);
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});

describe('createRedactor', () => {
  const basic = { username: 'gate', password: 'p@ss/w#rd?' };
  const r = createRedactor({ values: [TOKEN], basic: [basic], urls: ['postgres://ci:sl%2Fa%23s%3Fh@db/h'] });
  const b64 = Buffer.from('gate:p@ss/w#rd?').toString('base64');

  it.each([
    ['the token', TOKEN],
    ['the token percent-encoded', encodeURIComponent(`${TOKEN}/`)],
    ['the base64 of user:password', b64],
    ['the base64url of user:password', Buffer.from('gate:p@ss/w#rd?').toString('base64url')],
    ['the password JSON-escaped', JSON.stringify('p@ss/w#rd?').slice(1, -1)],
    ['a store URL password, decoded', 'sl/a#s?h'],
    ['a store URL password, encoded', 'sl%2Fa%23s%3Fh'],
  ])('hides %s anywhere in a text', (_name, secret) => {
    const out = r(`echo: x${secret}y and again ${secret}`);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('lists every encoded form, longest first', () => {
    const forms = secretForms({ values: [TOKEN], basic: [basic] });
    expect(forms).toContain(b64);
    expect(forms.map((f) => f.length)).toEqual([...forms.map((f) => f.length)].sort((a, b) => b - a));
    expect(secretForms({ values: ['ab', undefined, ''] })).toEqual([]);
  });

  it.each([TOKEN, b64])('an excerpt never keeps part of %s, whatever the cut position', (secret) => {
    const max = 60;
    for (let offset = max - secret.length - 2; offset <= max + 2; offset++) {
      const body = `${'x'.repeat(Math.max(0, offset))}${secret}${'y'.repeat(40)}`;
      const out = r.excerpt(body, max);
      expect(out.length).toBeLessThanOrEqual(max + 1);
      expectAbsent(out, secret);
    }
  });

  it('an excerpt is one line', () => {
    expect(r.excerpt('a\n\nphasegate: promote\r\n\u0007b', 100)).toBe('a phasegate: promote b');
  });
});

describe('what the redactor leaves alone', () => {
  it.each([
    'ci.token:3:1: invalid JSON: unexpected character "x"',
    'policy.yaml:4:3: unknown key "signature" at the top level',
    'give postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    'a Basic or Bearer token',
  ])('%s', (text) => {
    expect(redactText(text)).toBe(text);
  });
});
