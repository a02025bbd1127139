/**
 * Code size counts code: it matches the real cloc (node_modules/cloc, perl) on the code
 * languages of a real multi-language tree; data, docs and test reports are listed, not counted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOC_LANGUAGES, LANGUAGE_ALIASES, languageClass, languagesOf } from '../../src/catalog/languages.js';
import { collectEvidence, type CollectOptions } from '../../src/evidence/index.js';
import { REPO, tempDir } from './helpers.js';

const CLOC = createRequire(import.meta.url).resolve('cloc/lib/cloc');

type ClocRow = { nFiles: number; code: number; comment: number; blank: number };

/** `cloc --json DIR` as a user would run it: code, comment and blank lines per language. */
function clocByLanguage(dir: string): Map<string, ClocRow> {
  const out = execFileSync('perl', [CLOC, '--json', '--quiet', dir], { encoding: 'utf8' });
  const json = JSON.parse(out) as Record<string, ClocRow>;
  return new Map(Object.entries(json).filter(([k]) => k !== 'header' && k !== 'SUM'));
}

const codeOf = (rows: Map<string, ClocRow>) => [...rows].filter(([l]) => languageClass(l) === 'code').reduce((n, [, r]) => n + r.code, 0);

const collect = (dir: string, extra: Partial<CollectOptions> = {}) => collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], source: '.', ...extra });

describe('code size matches cloc on the code languages', () => {
  it('of a copy of the example project (TypeScript, JavaScript, shell, Markdown, JSON, YAML, XML, CSV)', async () => {
    const { dir } = tempDir();
    cpSync(path.join(REPO, 'examples', 'acme-payments'), dir, { recursive: true, filter: (f) => !f.includes(`${path.sep}node_modules`) });
    const cloc = clocByLanguage(dir);
    expect([...cloc.keys()].sort()).toEqual(['Bourne Shell', 'CSV', 'JSON', 'JavaScript', 'Markdown', 'TypeScript', 'XML', 'YAML']);
    const bundle = await collect(dir);
    // 438 TypeScript + 153 JavaScript + 26 Bourne Shell; cloc's whole sum is 4,669.
    expect(codeOf(cloc)).toBe(617);
    expect(bundle.metrics['size.kloc']).toBe(codeOf(cloc) / 1000);
    expect(bundle.metrics).toMatchObject({ 'size.typescript.kloc': 0.438, 'size.javascript.kloc': 0.153, 'size.bourne-shell.kloc': 0.026 });
    expect(Object.keys(bundle.metrics).filter((k) => k.startsWith('size.')).sort()).toEqual(['size.bourne-shell.kloc', 'size.javascript.kloc', 'size.kloc', 'size.typescript.kloc']);
    // Every code language's row is cloc's own; data and docs are listed but not counted.
    for (const row of bundle.size!.languages.filter((r) => r.counted)) {
      expect(row).toMatchObject({ files: cloc.get(row.language)!.nFiles, code: cloc.get(row.language)!.code, comment: cloc.get(row.language)!.comment, blank: cloc.get(row.language)!.blank });
    }
    expect(bundle.size!.languages.map((r) => `${r.language}:${r.counted}`)).toEqual([
      'TypeScript:true', 'JavaScript:true', 'Bourne Shell:true', 'Markdown:false', 'JSON:false', 'YAML:false', 'CSV:false',
    ]);
  });

  it('of a fixture tree with Python, HTML and CSS (code) beside data and docs', async () => {
    const { dir, write } = tempDir();
    write('app/main.py', '# entry\nimport sys\n\n\ndef main():\n    """Doc."""\n    return sys.argv\n');
    write('app/util.js', '// util\nexport const a = 1;\n/* b */\nexport const b = 2;\n');
    write('web/index.html', '<!doctype html>\n<html>\n<!-- c -->\n<body><p>x</p></body>\n</html>\n');
    write('web/site.css', 'body {\n  margin: 0;\n}\n');
    write('config/app.yaml', 'a: 1\nb:\n  - 2\n');
    write('config/app.xml', '<app>\n  <a>1</a>\n</app>\n');
    write('data/rates.csv', 'from,to,rate\nEUR,USD,1.1\n');
    write('data/rates.json', '{\n  "EUR": 1.1\n}\n');
    write('notes.txt', 'plain text\n');
    write('README.md', '# x\n\nsome prose\n');
    const cloc = clocByLanguage(dir);
    const bundle = await collect(dir);
    expect(bundle.metrics['size.kloc']).toBe(codeOf(cloc) / 1000);
    expect(Object.fromEntries(bundle.size!.languages.map((r) => [r.language, r.class]))).toEqual({
      Python: 'code', JavaScript: 'code', HTML: 'code', CSS: 'code', YAML: 'data', XML: 'data', CSV: 'data', JSON: 'data', Text: 'docs', Markdown: 'docs',
    });
  });
});

describe('test reports are never counted', () => {
  const { dir, write } = tempDir();
  write('src/a.ts', 'export const a = 1;\n');
  write('config/app.xml', '<app>\n  <a>1</a>\n</app>\n');
  write('junit.xml', '<testsuite name="s" tests="1">\n  <testcase classname="c" name="n"/>\n</testsuite>\n');
  write('out-of-the-way/results.xml', '<testsuite name="s" tests="1">\n  <testcase classname="c" name="n"/>\n</testsuite>\n');
  write('reports/test-results/TEST-a.xml', '<testsuite name="s" tests="1">\n  <testcase classname="c" name="m"/>\n</testsuite>\n');
  write('build2/TEST-b.xml', '<testsuite name="s" tests="1">\n  <testcase classname="c" name="m"/>\n</testsuite>\n');
  // A policy that counts XML as code: only config/app.xml counts.
  const xml = { languages: { include: ['XML'], exclude: [] }, exclude: [] };

  it('a generated junit.xml in the tree is not counted, by the default report globs and as a --junit file', async () => {
    const plain = await collect(dir);
    expect(plain.metrics['size.kloc']).toBe(0.001);
    expect(plain.size!.languages.find((r) => r.language === 'XML')).toMatchObject({ files: 2, counted: false });
    const counted = await collect(dir, { size: xml, junit: ['out-of-the-way/results.xml'] });
    // src/a.ts 1 + config/app.xml 3; junit.xml, TEST-*.xml and the --junit file are left out.
    expect(counted.metrics).toMatchObject({ 'size.kloc': 0.004, 'size.xml.kloc': 0.003 });
    expect(counted.size!.languages.find((r) => r.language === 'XML')).toMatchObject({ files: 1, code: 3, counted: true });
    const notPassed = await collect(dir, { size: xml });
    expect(notPassed.metrics['size.xml.kloc']).toBe(0.006);
  });

  it('policy settings move languages and paths in and out', async () => {
    const b = await collect(dir, { size: { languages: { include: ['XML'], exclude: ['TypeScript'] }, exclude: ['config/**', 'out-of-the-way/**'] } });
    expect(b.metrics).toEqual({ 'size.kloc': 0 });
    expect(b.size!.languages).toEqual([{ language: 'TypeScript', class: 'code', counted: false, files: 1, code: 1, comment: 0, blank: 0 }]);
  });
});

describe('size.newKloc counts only the added lines of code languages', () => {
  it('an added Markdown and JSON file add nothing', async () => {
    const { dir, write } = tempDir();
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: dir });
    git('init', '-q');
    write('src/a.ts', 'export const a = 1;\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    write('src/a.ts', 'export const a = 1;\nexport const b = 2;\n');
    write('docs/notes.md', '# notes\n\nmore prose\n');
    write('src/data.json', '{\n  "a": 1\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'change');
    const bundle = await collect(dir, { base: 'HEAD~1' });
    expect(bundle.metrics).toMatchObject({ 'size.kloc': 0.002, 'size.newKloc': 0.001 });
  });
});

describe('the language classes', () => {
  it('name every cloc language, as the installed cloc lists them', () => {
    const listed = execFileSync('perl', [CLOC, '--show-lang'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.replace(/\s+\(.*\)\s*$/, '').trim());
    expect([...CLOC_LANGUAGES]).toEqual(listed);
  });

  it('suggest only real cloc names for extensions and nicknames', () => {
    for (const name of Object.values(LANGUAGE_ALIASES)) expect(CLOC_LANGUAGES).toContain(name);
  });

  it('are the documented ones (docs/evidence.md)', () => {
    expect(languagesOf('docs')).toEqual(['AsciiDoc', 'DITA', 'Markdown', 'reStructuredText', 'Rmd', 'TeX', 'Text']);
    expect(languagesOf('data')).toEqual([
      'Ant', 'CSON', 'CSV', 'diff', 'DTD', 'Gencat NLS', 'Glade', 'Godot Resource', 'Godot Scene', 'INI', 'JSON', 'JSON5', 'Maven', 'MSBuild script',
      'NAnt script', 'PO File', 'Properties', 'Qt Linguist', 'SQL Data', 'SVG', 'TOML', 'Unity-Prefab', 'Visual Studio Solution', 'Web Services Description',
      'Windows Message File', 'WiX string localization', 'XMI', 'XML', 'XSD', 'YAML',
    ]);
    for (const l of ['HTML', 'CSS', 'SCSS', 'XSLT', 'SQL', 'Protocol Buffers', 'TypeScript', 'Dockerfile', 'make']) expect(languageClass(l)).toBe('code');
  });
});
