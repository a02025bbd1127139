import { describe, expect, it } from 'vitest';
import { renderVerdict } from '../../../src/gate/render/index.js';
import { hostileVerdict, mixedVerdict, passingVerdict } from './verdicts.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('text format', () => {
  it('writes the headline, a line per rule and fix hints, with no colour when color is false', () => {
    const out = renderVerdict(mixedVerdict(), 'text', { color: false });
    expect(out).not.toContain('\u001b');
    expect(out.split('\n')).toEqual([
      '✖ testing gate FAILED (tier strategic, policy acme-payments) — 1 failed, 2 errors, 1 warning, 1 passed, 1 waived, 1 n/a',
      '',
      '  PASS    tests-pass-rate      100 % >= 100 %  tests.passRate is 100 %',
      '  FAIL    coverage-line        71.25 % >= 80 %  coverage.line is 71.25 %, required >= 80 %',
      '          hint: raise coverage.line to >= 80 %',
      '          at policies/strategic.yaml:12:7 (tier:strategic)',
      '  WARN    flaky-tests          3 <= 0  tests.flaky is 3, required <= 0',
      '          - src/fees.test.ts:42 FeeTest rounds — expected 67.11 to be 67.12',
      '          - … and 2 more',
      '          hint: fix or quarantine the flaky tests',
      '          at policies/strategic.yaml:20:7 (tier:strategic)',
      '  ERROR   security-high        — <= 0  security.high was not measured (missing evidence fails this rule)',
      '          hint: collect the evidence that provides security.high',
      '          at policies/strategic.yaml:30:7 (tier:strategic)',
      '  ERROR   design-doc           — (required: present)  documents were not collected',
      '          hint: pass --docs so the design documents are read',
      '          at phasegate.yaml:4:7 (phasegate.yaml)',
      '  WAIVED  requirements-signed  1 document, unsigned (required: signed by product-manager)  not signed by product-manager — waived: PM on leave',
      '          hint: have the product-manager sign off the current version',
      '          waiver: owner chen.jie, expires 2026-12-31, approved by wang.fang (phasegate.yaml:90:5)',
      '          at policies/strategic.yaml:40:7 (tier:strategic)',
      // n/a passes: the reason is its message; no hint, no location
      '  N/A     coverage-new         — >= 80 %  coverage.newLine has nothing to judge: no added line is instrumented (3 lines added, none in covered files)',
      '',
      'Waiver notices:',
      '  WARN    waiver for requirements-signed expires in 4 days (2026-12-31); owner chen.jie (phasegate.yaml:90:5)',
      '  INFO    waiver for tests-pass-rate was not needed: the rule passes without it (phasegate.yaml:96:5)',
      '',
    ]);
  });

  it('colours only when asked, and says the same words once the colour is removed', () => {
    const v = mixedVerdict();
    const coloured = renderVerdict(v, 'text', { color: true });
    expect(coloured).toContain('\u001b[31;1m✖ testing gate FAILED');
    expect(coloured).toContain('\u001b[31mFAIL  \u001b[0m');
    expect(coloured.replace(ANSI, '')).toBe(renderVerdict(v, 'text', { color: false }));
  });

  it('headlines a passing gate without a tier and with nothing to fix', () => {
    const out = renderVerdict({ ...passingVerdict(), tier: null }, 'text', { color: false });
    expect(out).toBe('✔ testing gate PASSED (policy acme-payments) — 1 passed\n\n  PASS    tests-pass-rate  100 % >= 100 %  tests.passRate is 100 %\n');
  });

  it('says so when no rule applies', () => {
    const v = { ...passingVerdict(), rules: [], summary: { pass: 0, warn: 0, fail: 0, waived: 0, error: 0, 'n/a': 0 } };
    expect(renderVerdict(v, 'text', { color: false })).toBe('✔ testing gate PASSED (tier strategic, policy acme-payments) — no rules\n\n  no rules apply to the testing phase\n');
  });

  it('strips terminal escapes and line breaks from policy and evidence text', () => {
    const out = renderVerdict(hostileVerdict(), 'text', { color: false });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe]/); // eslint-disable-line no-control-regex
    const failLine = out.split('\n').find((l) => l.startsWith('  FAIL '));
    expect(failLine).toBe('  FAIL    coverage-line        71.25 % >= 80 %  x</failure></testcase><script>alert(1)</script> | `code` *b* [l](http://e) $m$ [31mred next & "q" \'a\'');
  });
});

describe('multi-line failure messages', () => {
  const jestMessage = [
    'Error: expect(received).toBe(expected) // Object.is equality',
    '',
    'Expected: 67.12',
    'Received: 67.11',
    ...Array.from({ length: 12 }, (_, i) => `    at Object.<anonymous> (src/fees.test.ts:${40 + i}:5)`),
  ].join('\n');
  const verdict = (): ReturnType<typeof mixedVerdict> => {
    const v = mixedVerdict();
    const flaky = v.rules.find((r) => r.id === 'flaky-tests')!;
    flaky.evidence = [{ ...flaky.evidence[0]!, message: jestMessage }];
    return v;
  };

  it('text shows the first line beside the test and the next eight lines under it, the rest counted', () => {
    const lines = renderVerdict(verdict(), 'text', { color: false }).split('\n');
    const at = lines.indexOf('          - src/fees.test.ts:42 FeeTest rounds — Error: expect(received).toBe(expected) // Object.is equality');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual(['              Expected: 67.12', '              Received: 67.11', '              at Object.<anonymous> (src/fees.test.ts:40:5)']);
    expect(lines[at + 9]).toBe('              … 6 more lines in the JSON verdict');
    expect(lines[at + 10]).toBe('          - … and 2 more');
  });

  it('markdown puts the next lines in a code block whose fence no backtick run in the message can close', () => {
    const v = verdict();
    v.rules.find((r) => r.id === 'flaky-tests')!.evidence[0]!.message = 'first\nsecond ``` line\nthird';
    const md = renderVerdict(v, 'markdown', { color: false });
    expect(md).toContain('  - src/fees.test.ts:42 FeeTest rounds — first\n    ````text\n    second ``` line\n    third\n    ````\n');
  });
});
