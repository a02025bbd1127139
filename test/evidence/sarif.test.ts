/** SARIF 2.1.0: security and static-analysis results, suppressions, baseline state, several runs and tools. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/index.js';
import { severityOfScore } from '../../src/evidence/sarif/index.js';
import { REPO, tempDir } from './helpers.js';

const { dir, write } = tempDir();

interface R { [k: string]: unknown }
const log = (...runs: R[]) => JSON.stringify({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs }, null, 2);
const run = (name: string, results: R[], rules: R[] = [], extra: R = {}): R => ({ tool: { driver: { name, rules } }, results, ...extra });
const at = (uri: string, startLine: number) => [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } } }];

let n = 0;
async function collectSarif(content: string) {
  const file = `r${n++}.sarif`;
  write(file, content);
  return collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [file], docs: [] });
}

describe('SARIF severities', () => {
  it.each([
    [10, 'critical'], [9, 'critical'], [8.9, 'high'], [7, 'high'], [6.9, 'medium'], [4, 'medium'], [3.9, 'low'], [0, 'low'],
  ])('security-severity %s is %s', (score, severity) => {
    expect(severityOfScore(score)).toBe(severity);
  });

  it('counts security findings by security-severity (result, then rule), and other results by level', async () => {
    const rules = [
      { id: 'sqli', properties: { 'security-severity': '9.8' } },
      { id: 'xss', properties: { 'security-severity': '6.1' } },
      { id: 'style', defaultConfiguration: { level: 'note' } },
      { id: 'unused' },
    ];
    const bundle = await collectSarif(log(run('CodeQL', [
      { ruleId: 'sqli', level: 'error', message: { text: 'SQL injection\nfrom user input' }, locations: at('src/db.ts', 10) },
      { ruleId: 'xss', ruleIndex: 1, level: 'warning', message: { text: 'XSS' }, locations: at('src/view.ts', 3) },
      { ruleId: 'xss', level: 'error', message: { text: 'worse XSS' }, properties: { 'security-severity': '7.5' }, locations: at('src/view.ts', 9) },
      { ruleId: 'style', message: { text: 'style' }, locations: at('src/a.ts', 1) },
      { ruleId: 'unused', message: { text: 'default level is warning' }, locations: at('src/a.ts', 2) },
      { ruleId: 'unused', level: 'error', message: { text: 'an error' }, locations: at('src/a.ts', 3) },
      { ruleId: 'unused', level: 'none', message: { text: 'not counted' }, locations: at('src/a.ts', 4) },
      { ruleId: 'unused', kind: 'pass', level: 'error', message: { text: 'a passing check' }, locations: at('src/a.ts', 5) },
    ], rules)));
    expect(bundle.metrics).toEqual({
      'security.critical': 1, 'security.high': 1, 'security.medium': 1, 'security.low': 0, 'security.suppressed': 0,
      'analysis.errors': 1, 'analysis.warnings': 1, 'analysis.notes': 1, 'analysis.suppressed': 0,
    });
    expect(bundle.items.map((i) => [i.line, i.level, i.counts])).toEqual([
      [10, 'critical', ['security.critical']], [1, 'note', ['analysis.notes']], [2, 'warning', ['analysis.warnings']],
      [3, 'error', ['analysis.errors']], [3, 'medium', ['security.medium']], [9, 'high', ['security.high']],
    ]);
    expect(bundle.items[0]).toEqual({
      id: 'CodeQL/sqli@src/db.ts:10', kind: 'finding', title: 'sqli', message: 'SQL injection\nfrom user input', file: 'src/db.ts', line: 10,
      level: 'critical', tool: 'CodeQL', counts: ['security.critical'],
    });
    expect(bundle.warnings).toBeUndefined();
  });

  it('counts suppressed results apart and lists none of them, unless the suppression was rejected or is under review', async () => {
    const bundle = await collectSarif(log(
      run('gosec', [
        { ruleId: 'G101', level: 'error', message: { text: 'm' }, suppressions: [{ kind: 'inSource' }], locations: at('x.go', 1) },
        { ruleId: 'G101', level: 'error', message: { text: 'm' }, suppressions: [{ kind: 'external', status: 'accepted' }], locations: at('x.go', 2) },
        { ruleId: 'G101', level: 'error', message: { text: 'm' }, suppressions: [{ kind: 'external', status: 'rejected' }], locations: at('x.go', 3) },
        { ruleId: 'G101', level: 'error', message: { text: 'm' }, suppressions: [{ kind: 'external', status: 'underReview' }], locations: at('x.go', 4) },
      ]),
      run('ESLint', [
        { ruleId: 'no-unused-vars', level: 'error', message: { text: 'm' }, suppressions: [{ kind: 'inSource', justification: '' }], locations: at('x.js', 1) },
        { ruleId: 'no-unused-vars', level: 'error', message: { text: 'm' }, suppressions: [], locations: at('x.js', 2) },
      ]),
    ));
    expect(bundle.metrics).toMatchObject({ 'security.high': 2, 'security.suppressed': 2, 'analysis.errors': 1, 'analysis.suppressed': 1 });
    expect(bundle.items.map((i) => `${i.file}:${i.line} ${i.level}`)).toEqual(['x.js:2 error', 'x.go:3 high', 'x.go:4 high']);
  });

  it('baselineState new counts as new; unchanged, updated and absent do not', async () => {
    const bundle = await collectSarif(log(
      run('Trivy', [
        { ruleId: 'CVE-1', level: 'error', baselineState: 'new', message: { text: 'm' }, properties: { 'security-severity': '9.1' }, locations: at('go.sum', 1) },
        { ruleId: 'CVE-2', level: 'warning', baselineState: 'unchanged', message: { text: 'm' }, locations: at('go.sum', 2) },
        { ruleId: 'CVE-3', level: 'warning', baselineState: 'updated', message: { text: 'm' }, locations: at('go.sum', 3) },
        { ruleId: 'CVE-4', level: 'note', baselineState: 'new', message: { text: 'm' }, locations: at('go.sum', 4) },
      ]),
      run('ESLint', [
        { ruleId: 'eqeqeq', level: 'error', baselineState: 'new', message: { text: 'm' }, locations: at('a.js', 1) },
        { ruleId: 'eqeqeq', level: 'warning', baselineState: 'absent', message: { text: 'm' }, locations: at('a.js', 2) },
      ]),
    ));
    expect(bundle.metrics).toMatchObject({
      'security.new': 2, 'security.newCritical': 1, 'security.newHigh': 0, 'security.newMedium': 0, 'security.newLow': 1,
      'analysis.newErrors': 1, 'analysis.newWarnings': 0, 'analysis.newNotes': 0, 'analysis.errors': 1, 'analysis.warnings': 1,
    });
    expect(bundle.items.find((i) => i.id.startsWith('Trivy/CVE-1'))?.counts).toEqual(['security.critical', 'security.new', 'security.newCritical']);
    expect(bundle.items.find((i) => i.id.startsWith('ESLint/eqeqeq@a.js:1'))?.counts).toEqual(['analysis.errors', 'analysis.newErrors']);
  });

  it('without --base or baselineState, security.new and analysis.new* are not reported', async () => {
    const bundle = await collectSarif(log(run('x', [{ ruleId: 'r', message: { text: 'm' } }])));
    expect(bundle.metrics['security.new']).toBeUndefined();
    expect(bundle.metrics['analysis.newWarnings']).toBeUndefined();
  });

  it('reads several runs and tools, extension rules, message strings, URI base ids and fingerprints', async () => {
    const bundle = await collectSarif(log(
      run('CodeQL', [
        { rule: { id: 'js/xss', index: 0, toolComponent: { index: 1 } }, message: { id: 'default', arguments: [] }, partialFingerprints: { primaryLocationLineHash: 'abc123:1' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'lib/a%20b.js', uriBaseId: 'SRC' }, region: { startLine: 7 } } }] },
      ], [], {
        tool: { driver: { name: 'CodeQL' }, extensions: [{ name: 'codeql/x' }, { name: 'codeql/js', rules: [{ id: 'js/xss', shortDescription: { text: 'Reflected XSS' }, messageStrings: { default: { text: 'User input reaches the page.' } }, properties: { 'security-severity': '6.1' } }] }] },
        originalUriBaseIds: { SRC: { uri: 'file:///home/runner/work/repo/' } },
      }),
      run('ESLint', [{ ruleId: 'no-eval', level: 'error', message: { text: 'eval' }, locations: at('file:///home/runner/work/repo/lib/c.js', 2) }]),
    ));
    expect(bundle.items).toEqual([
      { id: 'ESLint/no-eval@/home/runner/work/repo/lib/c.js:2', kind: 'finding', title: 'no-eval', message: 'eval', file: '/home/runner/work/repo/lib/c.js', line: 2, level: 'error', tool: 'ESLint', counts: ['analysis.errors'] },
      { id: 'abc123:1', kind: 'finding', title: 'Reflected XSS', message: 'User input reaches the page.', file: '/home/runner/work/repo/lib/a b.js', line: 7, level: 'medium', tool: 'CodeQL', counts: ['security.medium'] },
    ]);
  });

  it('keeps one finding per fingerprint across files', async () => {
    const content = log(run('x', [{ ruleId: 'r', message: { text: 'm' }, partialFingerprints: { h: 'same' } }]));
    write('dup1.sarif', content);
    write('dup2.sarif', content);
    const bundle = await collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: ['dup*.sarif'], docs: [] });
    expect(bundle.items).toHaveLength(1);
    expect(bundle.metrics['analysis.warnings']).toBe(1);
  });

  it('reads real ESLint SARIF (examples/acme-payments): eslint-plugin-security warnings are static analysis', async () => {
    const bundle = await collectEvidence({ cwd: path.join(REPO, 'examples/acme-payments'), junit: [], coverage: [], sarif: ['reports/eslint.sarif'], docs: [] });
    expect(bundle.metrics).toEqual({
      'security.critical': 0, 'security.high': 0, 'security.medium': 0, 'security.low': 0, 'security.suppressed': 0,
      'analysis.errors': 0, 'analysis.warnings': 2, 'analysis.notes': 0, 'analysis.suppressed': 0,
    });
    expect(bundle.items.map((i) => i.level)).toEqual(['warning', 'warning']);
    expect(bundle.items.map((i) => `${i.file}:${i.line}`)).toEqual(['src/confirmation.ts:21', 'src/settlement.ts:51']);
  });
});
