/**
 * SARIF: what is a security finding and what is static analysis, on real tools' logs
 * (test/fixtures/evidence/sarif, made by regenerate.sh there), bad `security-severity`
 * values, and a log with 130,000 findings.
 */
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { isSecurityScanner, readSecuritySeverity } from '../../src/evidence/sarif/classify.js';
import { FIXTURES, tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const SARIF = `${FIXTURES}/sarif`;

interface R { [k: string]: unknown }
const log = (...runs: R[]) => JSON.stringify({ version: '2.1.0', runs }, null, 2);
const run = (name: string, results: R[], rules: R[] = []): R => ({ tool: { driver: { name, rules } }, results });
const result = (ruleId: string, level: string, line: number, extra: R = {}): R =>
  ({ ruleId, level, message: { text: `${ruleId} here` }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: line } } }], ...extra });

let n = 0;
async function collectSarif(content: string) {
  const file = `c${n++}.sarif`;
  write(file, content);
  return collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [file], docs: [] });
}
const collectIn = (cwd: string, sarif: string[]) => collectEvidence({ cwd, junit: [], coverage: [], sarif, docs: [] });

const ZERO_SECURITY = { 'security.critical': 0, 'security.high': 0, 'security.medium': 0, 'security.low': 0, 'security.suppressed': 0 };
const ZERO_ANALYSIS = { 'analysis.errors': 0, 'analysis.warnings': 0, 'analysis.notes': 0, 'analysis.suppressed': 0 };

describe('SARIF classification on real tools', () => {
  it('ESLint with eslint-plugin-security: every result is static analysis, the suppressed one is counted apart', async () => {
    const bundle = await collectIn(SARIF, ['eslint-security.sarif']);
    expect(bundle.metrics).toEqual({ ...ZERO_SECURITY, 'analysis.errors': 4, 'analysis.warnings': 4, 'analysis.notes': 0, 'analysis.suppressed': 1 });
    expect(bundle.items.map((i) => `${i.line} ${i.level} ${i.title}`)).toEqual([
      '30 error Disallow the use of `debugger`',
      '30 error Disallow the use of undeclared variables unless mentioned in `/*global */` comments',
      '4 error Disallow unused variables',
      '11 error Detects instances of "child_process" & non-literal "exec()" calls.',
      '27 warning Detects "eval(variable)" which can allow an attacker to run arbitrary code inside your process.',
      '7 warning Detects variable in filename argument of "fs" calls, which might allow an attacker to access anything on your system.',
      '15 warning Detects "variable[key]" as a left- or right-hand assignment operand.',
      '19 warning Detects potentially unsafe regular expressions, which may take a very long time to run, blocking the event loop.',
    ]);
    expect(bundle.items.every((i) => i.counts.every((c) => c.startsWith('analysis.')))).toBe(true);
  });

  it('Flawfinder, a security scanner without security-severity: every result is security, by level', async () => {
    const bundle = await collectIn(SARIF, ['flawfinder.sarif']);
    expect(bundle.metrics).toEqual({ ...ZERO_ANALYSIS, 'security.critical': 0, 'security.high': 3, 'security.medium': 1, 'security.low': 2, 'security.suppressed': 0 });
    const strcpy = bundle.items.find((i) => i.line === 7);
    expect(strcpy).toMatchObject({ level: 'high', tool: 'Flawfinder', file: 'vuln.c', counts: ['security.high'], message: 'buffer/strcpy:Does not check for buffer overflows when copying to destination [MS-banned] (CWE-120).' });
  });

  it('both logs together add up, each result in its own class', async () => {
    const bundle = await collectIn(SARIF, ['*.sarif']);
    expect(bundle.metrics).toEqual({
      'security.critical': 0, 'security.high': 3, 'security.medium': 1, 'security.low': 2, 'security.suppressed': 0,
      'analysis.errors': 4, 'analysis.warnings': 4, 'analysis.notes': 0, 'analysis.suppressed': 1,
    });
    expect(bundle.items).toHaveLength(14);
  });

  // Modelled on CodeQL's and Semgrep's real output (rule tags and security-severity as they write them).
  it('tools that mix security and quality rules: the security tag or security-severity decides', async () => {
    const bundle = await collectSarif(log(
      run('CodeQL', [result('js/sql-injection', 'error', 1), result('js/unused-local-variable', 'note', 2)], [
        { id: 'js/sql-injection', properties: { tags: ['security', 'external/cwe/cwe-089'], 'security-severity': '8.8' } },
        { id: 'js/unused-local-variable', properties: { tags: ['maintainability'] } },
      ]),
      run('Semgrep OSS', [result('python.flask.security.xss', 'error', 3), result('python.lang.correctness.useless-eqeq', 'warning', 4)], [
        { id: 'python.flask.security.xss', properties: { tags: ['CWE-79: Improper Neutralization', 'MEDIUM CONFIDENCE', 'security'] } },
        { id: 'python.lang.correctness.useless-eqeq', properties: { tags: ['correctness'] } },
      ]),
      run('SpotBugs', [result('SQL_INJECTION_JDBC', 'warning', 5), result('NP_NULL_ON_SOME_PATH', 'error', 6)], [
        { id: 'SQL_INJECTION_JDBC', properties: { tags: ['SECURITY'] } },
        { id: 'NP_NULL_ON_SOME_PATH', properties: { tags: ['CORRECTNESS'] } },
      ]),
      run('custom', [result('c', 'warning', 7, { properties: { tags: ['Security'] } })]),
    ));
    expect(bundle.metrics).toEqual({
      'security.critical': 0, 'security.high': 2, 'security.medium': 2, 'security.low': 0, 'security.suppressed': 0,
      'analysis.errors': 1, 'analysis.warnings': 1, 'analysis.notes': 1, 'analysis.suppressed': 0,
    });
  });

  it.each([
    ['Trivy', true], ['Grype', true], ['Snyk Open Source', true], ['SnykCode', true], ['gitleaks', true], ['KICS', true],
    ['osv-scanner', true], ['dependency-check', true], ['Flawfinder', true], ['Checkmarx One', true],
    ['CodeQL', false], ['Semgrep OSS', false], ['SpotBugs', false], ['ESLint', false], ['golangci-lint', false],
  ])('driver %s is a security scanner: %s', (name, expected) => {
    expect(isSecurityScanner(name)).toBe(expected);
  });
});

describe('SARIF security-severity values', () => {
  it.each([
    ['9.8', { severity: 'critical' }], [7, { severity: 'high' }], ['0.0', { severity: 'low' }], [' 10 ', { severity: 'critical' }],
    ['High', { severity: 'high', warning: 'security-severity "High" is a severity name, not a CVSS score ("0.0" to "10.0"); read as high' }],
    ['', { fromLevel: true, warning: 'security-severity is empty; the severity is taken from the level (error high, warning medium, note low)' }],
    ['11', { problem: expect.stringMatching(/^security-severity "11" is outside the CVSS range 0\.0 to 10\.0; fix the scanner's output/) }],
    ['-1', { problem: expect.stringMatching(/^security-severity "-1" is outside the CVSS range/) }],
    ['NaN', { problem: 'security-severity "NaN" is not a CVSS score; write the score as a string from "0.0" to "10.0"' }],
    ['severe', { problem: expect.stringMatching(/^security-severity "severe" is not a CVSS score/) }],
    [true, { problem: expect.stringMatching(/^security-severity true is not a CVSS score/) }],
    [null, { problem: expect.stringMatching(/^security-severity null is not a CVSS score/) }],
  ])('%j reads as %j', (value, expected) => {
    expect(readSecuritySeverity(value)).toEqual(expected);
  });

  it('a severity name is used, with one warning per file and message counting its results', async () => {
    const bundle = await collectSarif(log(run('x', [
      result('r', 'note', 1), result('r', 'note', 2), result('s', 'note', 3, { properties: { 'security-severity': 'CRITICAL' } }),
    ], [{ id: 'r', properties: { 'security-severity': 'high' } }])));
    expect(bundle.metrics).toMatchObject({ 'security.high': 2, 'security.critical': 1, 'analysis.notes': 0 });
    expect(bundle.warnings).toEqual([
      { file: `c${n - 1}.sarif`, message: 'rule r: security-severity "high" is a severity name, not a CVSS score ("0.0" to "10.0"); read as high (2 results)' },
      { file: `c${n - 1}.sarif`, message: 'rule s: security-severity "CRITICAL" is a severity name, not a CVSS score ("0.0" to "10.0"); read as critical (1 result)' },
    ]);
  });

  it('an empty security-severity is a security finding whose level decides, with a warning', async () => {
    const bundle = await collectSarif(log(run('x', [result('r', 'error', 1, { properties: { 'security-severity': '' } })])));
    expect(bundle.metrics).toMatchObject({ 'security.high': 1, 'analysis.errors': 0 });
    expect(bundle.warnings?.map((w) => w.message)).toEqual(['rule r: security-severity is empty; the severity is taken from the level (error high, warning medium, note low) (1 result)']);
  });

  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it.each([
    ['11', 'rule', /security-severity "11" is outside the CVSS range 0\.0 to 10\.0; fix the scanner's output .* \(rule r\)$/],
    ['-1', 'result', /security-severity "-1" is outside the CVSS range 0\.0 to 10\.0/],
    ['NaN', 'rule', /security-severity "NaN" is not a CVSS score; write the score as a string from "0\.0" to "10\.0" \(rule r\)$/],
    ['medium-ish', 'result', /security-severity "medium-ish" is not a CVSS score/],
  ])('security-severity %j on the %s is one located line, exit 2', async (value, on, expected) => {
    const bag = { properties: { 'security-severity': value } };
    const text = log(run('x', [result('ok', 'error', 1), result('r', 'error', 2, on === 'result' ? bag : {})], [{ id: 'ok' }, { id: 'r', ...(on === 'rule' ? bag : {}) }]));
    const file = `bad${n++}.sarif`;
    write(file, text);
    const message = await userError(collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [file], docs: [] }));
    const line = lineOf(text, `"security-severity": ${JSON.stringify(value)}`);
    expect(message).toMatch(new RegExp(`^${file}:${line}:\\d+: `));
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe('SARIF at scale', () => {
  it('collects a log with 130,000 findings (no call-stack overflow): all counted, the first 1,000 listed, the rest said', async () => {
    const results = Array.from({ length: 130_000 }, (_, i) => `{"ruleId":"r","level":"error","message":{"text":"m"},"partialFingerprints":{"h":"${i}"}}`);
    write('huge.sarif', `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"gosec"}},"results":[${results.join(',')}]}]}`);
    const bundle = await collectIn(dir, ['huge.sarif']);
    expect(bundle.metrics['security.high']).toBe(130_000);
    expect(bundle.items).toHaveLength(1000);
    expect(bundle.items.map((i) => i.id)).toContain('999');
    expect(bundle.warnings).toEqual([{ file: '--sarif', message: '129000 more high findings are counted but not listed (the first 1000 of each level are); a finding waiver matches listed findings only' }]);
  }, 60_000);

  it('counts a finding repeated in two logs once, listed or not', async () => {
    const results = Array.from({ length: 1500 }, (_, i) => `{"ruleId":"r","level":"warning","message":{"text":"m"},"partialFingerprints":{"h":"${i}"}}`);
    const text = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"eslint"}},"results":[${results.join(',')}]}]}`;
    write('twice-a.sarif', text);
    write('twice-b.sarif', text);
    const bundle = await collectIn(dir, ['twice-a.sarif', 'twice-b.sarif']);
    expect(bundle.metrics['analysis.warnings']).toBe(1500);
    expect(bundle.items).toHaveLength(1000);
  }, 60_000);
});
