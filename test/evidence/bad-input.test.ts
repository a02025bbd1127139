/**
 * Bad input: every case is one PhasegateError line naming the file, line and problem, with
 * no stack trace; no entity is ever expanded or fetched; memory stays bounded.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence, readEvidenceFile } from '../../src/evidence/index.js';
import { ITEM_DETAILS_CAP, ITEM_MESSAGE_CAP, ioError } from '../../src/evidence/files.js';
import { TestTally, readTestReport } from '../../src/evidence/tests/index.js';
import { tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const collect = (extra: Partial<Parameters<typeof collectEvidence>[0]>) =>
  collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs: [], ...extra });
const junitError = (rel: string) => userError(collect({ junit: [rel] }));

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<testsuites><testsuite name="s"><testcase classname="c" name="&lol9;"/></testsuite></testsuites>
`;

describe('hostile and broken XML', () => {
  it.each([
    ['truncated.xml', '<?xml version="1.0"?>\n<testsuites>\n  <testsuite name="a">\n    <testcase name="x">', /^truncated\.xml:4:\d+: unclosed tag: testcase/],
    ['mismatched.xml', '<testsuites>\n<testsuite name="a">\n</testsuites>\n', /^mismatched\.xml:3:\d+: unexpected close tag/],
    ['bad-attr.xml', '<testsuites>\n<testsuite name=a>\n</testsuite></testsuites>', /^bad-attr\.xml:2:\d+: unquoted attribute value/],
    ['text.xml', 'hello, this is not XML\n', /^text\.xml:1:1: not an XML file \(expected a JUnit <testsuites> or <testsuite> root/],
    ['binary.xml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^binary\.xml:1:1: not an XML file/],
    ['prolog-only.xml', '<?xml version="1.0"?>\n\n', /^prolog-only\.xml:3:1: no root element \(expected a JUnit <testsuites>/],
    ['empty.xml', '', /^empty\.xml: empty file \(expected a JUnit/],
    ['html.xml', '<html><body/></html>', /^html\.xml:1:\d+: unexpected root element <html> \(expected a JUnit <testsuites>/],
    ['latin1.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n<testsuite name="caf\xe9"/></testsuites>', 'latin1'), /^latin1\.xml:3:\d+: not valid UTF-8; save the report as UTF-8/],
    ['ebcdic.xml', '<?xml version="1.0" encoding="EBCDIC-CP-US"?><testsuites/>', /^ebcdic\.xml:1:1: unsupported encoding "EBCDIC-CP-US"; save the report as UTF-8/],
    ['laughs.xml', BILLION_LAUGHS, /^laughs\.xml:12:\d+: DOCTYPE with entity declarations is not allowed/],
    ['undeclared.xml', '<testsuites><testsuite name="&nope;"/></testsuites>', /^undeclared\.xml:1:\d+: undefined entity \(only &lt; &gt; &amp; &quot; &apos; and &#...; references are read\)$/],
  ])('%s', async (name, content, expected) => {
    write(name, content);
    const message = await junitError(name);
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });

  it.each([
    ['xxe-system.xml', '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<testsuites><testsuite name="s"><testcase classname="c" name="&xxe;"><failure message="&xxe;"/></testcase></testsuite></testsuites>'],
    ['xxe-parameter.xml', '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd"> %dtd; ]>\n<testsuites/>'],
    ['xxe-external-dtd.xml', '<?xml version="1.0"?>\n<!DOCTYPE testsuites SYSTEM "file:///etc/passwd">\n<testsuites><testsuite name="s"><testcase classname="c" name="&passwd;"/></testsuite></testsuites>'],
  ])('%s: never expands or fetches an entity', async (name, content) => {
    write(name, content);
    const message = await junitError(name);
    expect(message).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+: (DOCTYPE with entity declarations is not allowed|undefined entity)`));
    expect(message).not.toContain('root:');
  });

  it('allows a DOCTYPE without entity declarations (JaCoCo writes one)', async () => {
    write('plain-doctype.xml', '<?xml version="1.0"?>\n<!DOCTYPE testsuites PUBLIC "-//X//DTD X//EN" "x.dtd">\n<testsuites><testsuite name="s"><testcase classname="c" name="t"/></testsuite></testsuites>');
    const bundle = await collect({ junit: ['plain-doctype.xml'] });
    expect(bundle.metrics['tests.total']).toBe(1);
  });

  it('reads a 100 MB text node with bounded memory and keeps 64 KB of it at most', async () => {
    const file = path.join(dir, 'huge.xml');
    const out = createWriteStream(file);
    out.write('<?xml version="1.0"?>\n<testsuites><testsuite name="s"><testcase classname="c" name="t"><failure>');
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 100; i++) if (!out.write(mb)) await once(out, 'drain');
    out.end('</failure></testcase><testcase classname="c" name="u"><system-out>' + 'y'.repeat(5 * 1024 * 1024) + '</system-out></testcase></testsuite></testsuites>\n');
    await once(out, 'close');

    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 2);
    const tally = new TestTally();
    try {
      await readTestReport(file, 'huge.xml', tally, (p) => p);
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(tally.metrics()).toMatchObject({ 'tests.total': 2, 'tests.failed': 1, 'tests.passed': 1 });
    expect(tally.items()[0]!.message!.length).toBeLessThanOrEqual(ITEM_MESSAGE_CAP + 20);
    expect(tally.items()[0]!.details!.length).toBeLessThanOrEqual(ITEM_DETAILS_CAP + 20);
    // A parser that buffered the node would hold a 100 MB string.
    expect(peak - before).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('bad TAP and go test -json', () => {
  it.each([
    ['broken.json', '{"Action":"run","Package":"p","Test":"T"}\n{"Action":"pass",\n', /^broken\.json:2:1: invalid JSON event \(expected one go test -json event per line\)$/],
    ['crash.json', '{"Action":"run","Package":"p","Test":"T"}\n', undefined],
  ])('%s', async (name, content, expected) => {
    write(name, content);
    if (expected) expect(await junitError(name)).toMatch(expected);
    else expect((await collect({ junit: [name] })).metrics).toMatchObject({ 'tests.errored': 1 });
  });

  it('a TAP stream that bails out counts an errored test', async () => {
    write('bail.tap', 'TAP version 13\n1..3\nok 1 - a\nBail out! database is down\n');
    const bundle = await collect({ junit: ['bail.tap'] });
    expect(bundle.metrics).toMatchObject({ 'tests.total': 2, 'tests.passed': 1, 'tests.errored': 1 });
    expect(bundle.items[0]).toMatchObject({ title: 'Bail out!', message: 'database is down' });
  });
});

describe('files and globs', () => {
  it('a glob that matches nothing is an error naming the flag and glob', async () => {
    expect(await userError(collect({ junit: ['reports/**/*.xml'] }))).toBe('--junit reports/**/*.xml: no file matches; check the path and quoting, or pass --allow-empty');
    expect(await userError(collect({ coverage: ['lcov.info'] }))).toMatch(/^--coverage lcov\.info: no file matches/);
    expect(await userError(collect({ sarif: ['*.sarif'] }))).toMatch(/^--sarif \*\.sarif: no file matches/);
    expect(await userError(collect({ docs: ['requirements=docs/*.md'] }))).toMatch(/^--docs docs\/\*\.md: no file matches/);
  });

  it('an action names its own inputs, and that nothing allows an empty glob', async () => {
    const names = { junit: 'input "junit":', coverage: 'input "coverage":', sarif: 'input "sarif":', docs: 'input "docs":', perf: 'input "perf":', allowEmpty: '' };
    expect(await userError(collect({ junit: ['reports/**/*.xml'], names }))).toBe('input "junit": reports/**/*.xml: no file matches; check the path and quoting');
    expect(await userError(collect({ docs: ['requirements=docs/*.md'], names }))).toBe('input "docs": docs/*.md: no file matches; check the path and quoting');
    expect(await userError(collect({ perf: ['k6.json'], names }))).toBe('input "perf": k6.json: no file matches; check the path and quoting');
  });

  it('--allow-empty: a glob that matches nothing gives no metrics of that kind', async () => {
    const bundle = await collect({ junit: ['nothing/*.xml'], allowEmpty: true });
    expect(bundle.metrics).toEqual({});
  });

  it('a folder given as a report is an error', async () => {
    write('folder.xml/inner.txt', 'x');
    const message = await userError(readTestReport(path.join(dir, 'folder.xml'), 'folder.xml', new TestTally(), (p) => p));
    expect(message).toBe('folder.xml: is a folder, not a file; give a file or a glob that matches files');
  });

  it('maps permission errors to one line (also when running as root)', () => {
    const err = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(ioError('r.xml', err).message).toBe('r.xml: permission denied; make the file readable');
  });
});

describe('bad coverage, SARIF, facts and bundles', () => {
  it.each([
    ['bad.info', 'TN:\nSF:src/a.ts\nDA:1,1\nDA:two,0\nend_of_record\n', /^bad\.info:4:1: malformed DA:two,0/],
    ['orphan.info', 'DA:1,1\n', /^orphan\.info:1:1: DA: before any SF:/],
    ['prose.info', 'just some words\n', /^prose\.info:1:1: not a coverage report \(expected LCOV, Cobertura XML or JaCoCo XML\)/],
    ['wrong-root.xml', '<coverage-report/>', /^wrong-root\.xml:1:\d+: unexpected root element <coverage-report> \(expected an LCOV tracefile, a Cobertura <coverage> or a JaCoCo <report> root\)/],
    ['cut.xml', '<coverage><packages><package>', /^cut\.xml:1:\d+: unclosed tag: package/],
  ])('coverage %s', async (name, content, expected) => {
    write(name, content);
    expect(await userError(collect({ coverage: [name] }))).toMatch(expected);
  });

  it.each([
    ['syntax.sarif', '{\n  "version": "2.1.0",\n  "runs": [\n    { "tool": { "driver": { "name": "x" } }, }\n  ]\n}', /^syntax\.sarif:4:46: invalid JSON: expected a property name in double quotes/],
    ['version.sarif', '{\n  "version": "2.0.0",\n  "runs": []\n}', /^version\.sarif:2:14: \/version: must be equal to constant \(not a valid SARIF 2\.1\.0 log\)/],
    ['level.sarif', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},\n"results":[{"level":"fatal","message":{"text":"m"}}]}]}', /^level\.sarif:2:21: \/runs\/0\/results\/0\/level: must be one of "none", "note", "warning", "error" \(not a valid SARIF 2\.1\.0 log\)$/],
    ['nomessage.sarif', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}', /^nomessage\.sarif:1:\d+: \/runs\/0\/results\/0: must have required property 'message'/],
    ['comma.sarif', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[\n{"message":{"text":"a"}}\n{"message":{"text":"b"}}]}]}', /^comma\.sarif:3:1: invalid JSON: expected ',' or '\]'$/],
    ['second.sarif', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[\n{"message":{"text":"a"}},\n{"ruleId":"r","level":"error"}]}]}', /^second\.sarif:3:1: \/runs\/0\/results\/1: must have required property 'message' \(not a valid SARIF 2\.1\.0 log\)$/],
    ['nodriver.sarif', '{"version":"2.1.0",\n"runs":[{"results":[],\n"tool":{}}]}', /^nodriver\.sarif:3:8: \/runs\/0\/tool: must have required property 'driver'/],
    ['unterminated.sarif', '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"a', /^unterminated\.sarif:1:\d+: invalid JSON: unterminated string$/],
    ['empty.sarif', '', /^empty\.sarif: empty file \(expected a SARIF 2\.1\.0 log\)/],
    ['text.sarif', 'not json', /^text\.sarif:1:1: not a JSON file \(expected a SARIF 2\.1\.0 log\)/],
    ['latin1.sarif', Buffer.from('{"version":"2.1.0","runs":[],"x":"caf\xe9"}', 'latin1'), /^latin1\.sarif:1:\d+: not valid UTF-8; save the file as UTF-8/],
  ])('SARIF %s', async (name, content, expected) => {
    write(name, content);
    const message = await userError(collect({ sarif: [name] }));
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('facts that break their schema are located', async () => {
    write('facts.json', '{\n  "author": "a",\n  "changeRequest": { "id": "CR-1", "state": "done", "approvedBy": [] }\n}\n');
    expect(await userError(collect({ facts: 'facts.json' }))).toBe(
      'facts.json:3:45: /changeRequest/state: must be one of "approved", "pending", "rejected" (not a valid facts file)',
    );
  });

  it('an evidence file that breaks the schema is located', async () => {
    const file = write('evidence.json', '{\n  "schemaVersion": 1,\n  "metrics": { "tests.total": "many" },\n  "items": [], "documents": [], "sources": []\n}\n');
    expect(await userError(() => readEvidenceFile(file))).toBe(`${file}:3:31: /metrics/tests.total: must be number (not a valid evidence bundle)`);
  });

  it('an evidence file of another schema version says so', async () => {
    const file = write('evidence2.json', '{\n  "schemaVersion": 2,\n  "metrics": {}, "items": [], "documents": [], "sources": []\n}\n');
    expect(await userError(() => readEvidenceFile(file))).toBe(`${file}:2:20: evidence schemaVersion 2 is not supported (this phasegate reads 1); collect it again with this version`);
  });

  it('a document with broken front matter is located', async () => {
    write('docs/requirements/r.md', '---\nkind: requirements\nsignoff: [ { by: x\n---\n# R\n');
    expect(await userError(collect({ docs: ['docs/requirements/*.md'] }))).toMatch(/^docs\/requirements\/r\.md:\d+:\d+: invalid YAML in front matter/);
  });
});
