/** `collect --policy` and `gate --policy` take the policy's settings.size; `collect` prints the language table. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStack, tempDir } from '../helpers/cli.js';

function tree(policyBody: string): string {
  const dir = tempDir({
    'app.ts': '// one\nexport const a = 1;\nexport const b = 2;\n',
    'data.json': '{\n  "a": 1\n}\n',
    'README.md': '# readme\n\ntext\n',
    'junit.xml': '<testsuite name="s" tests="1">\n  <testcase classname="c" name="n"/>\n</testsuite>\n',
    'phasegate.yaml': `schemaVersion: 1\nname: demo\nextends: operational\n${policyBody}`,
  });
  mkdirSync(path.join(dir, 'web'));
  writeFileSync(path.join(dir, 'web', 'page.html'), '<p>\nx\n</p>\n');
  return dir;
}

const SIZE_RULE = 'phases:\n  implementation:\n    - id: size\n      metric: size.kloc\n      operator: "<="\n      threshold: 1\n';

describe('code size settings on the command line', () => {
  it('collect --policy counts as the policy says and prints the language table', () => {
    const dir = tree('settings:\n  size:\n    languages:\n      include: [JSON]\n      exclude: [HTML]\n');
    const r = cli(['collect', '--source', '.', '--junit', 'junit.xml', '--policy', 'phasegate.yaml', '--out', 'e.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const bundle = JSON.parse(readFileSync(path.join(dir, 'e.json'), 'utf8'));
    expect(bundle.metrics).toMatchObject({ 'size.kloc': 0.005, 'size.typescript.kloc': 0.002, 'size.json.kloc': 0.003 });
    expect(r.stderr).toBe(
      [
        'collected 12 metrics, 0 items, 0 documents into e.json',
        'code size: 5 code lines (0.005 KLOC) in 2 languages; cloc\'s table:',
        '  language    files  code  comment  blank  counted',
        '  JSON            1     3        0      0  yes (policy)',
        '  TypeScript      1     2        1      0  yes',
        '  YAML            1     8        0      0  no (data)',
        '  HTML            1     3        0      0  no (policy)',
        '  Markdown        1     2        0      1  no (docs)',
        '',
      ].join('\n'),
    );
  });

  it('collect without --policy uses the default classes', () => {
    const dir = tree('');
    const r = cli(['collect', '--source', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metrics).toEqual({ 'size.html.kloc': 0.003, 'size.kloc': 0.005, 'size.typescript.kloc': 0.002 });
    expect(r.stderr).toMatch(/^code size: 5 code lines \(0\.005 KLOC\) in 2 languages;/);
  });

  it('gate --policy collects with the policy\'s settings.size', () => {
    const dir = tree(`settings:\n  size:\n    languages:\n      exclude: [HTML]\n${SIZE_RULE}`);
    const r = cli(['gate', '--phase', 'implementation', '--policy', 'phasegate.yaml', '--source', '.', '--format', 'json'], { cwd: dir });
    const rule = JSON.parse(r.stdout).rules.find((x: { id: string }) => x.id === 'size');
    expect(rule).toMatchObject({ status: 'pass', actual: 0.002 });
  });

  it('an unknown language in the policy is exit 2 with its line and a did-you-mean', () => {
    const dir = tree('settings:\n  size:\n    languages:\n      include: [Jsonn]\n');
    const r = cli(['collect', '--source', '.', '--policy', 'phasegate.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('phasegate: phasegate.yaml:7:17: settings.size.languages.include: unknown language "Jsonn" (did you mean "JSON"?)\n');
    expectNoStack(r.stderr);
  });
});
