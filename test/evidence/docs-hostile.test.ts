/**
 * Issue 10: documents are read in linear time and bounded memory, and a document that would be
 * misread (empty, binary, UTF-16, invalid UTF-8, a date not on the calendar) is refused, never
 * counted as present or signed.
 */
import { describe, expect, it } from 'vitest';
import { kindKey, scanRequirements } from '../../src/evidence/docs.js';
import { gherkinKeyword, isAcceptanceLine } from '../../src/evidence/doc-text.js';
import { collectEvidence } from '../../src/evidence/index.js';
import { tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const collectDocs = (docs: string[]) => collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs });
const docError = (rel: string, content: string | Buffer) => {
  write(rel, content);
  return userError(collectDocs([`requirements=${rel}`]));
};

describe('hostile lines', () => {
  it('a requirement line of 100k `*` is read (48 s before)', async () => {
    write('stars/req.md', `# Reqs\n## REQ-1 a\n${'*'.repeat(100_000)}\n## REQ-2 b\n${'*'.repeat(100_000)}x\n`);
    const bundle = await collectDocs(['requirements=stars/req.md']);
    expect(bundle.metrics).toMatchObject({ 'requirements.count': 2, 'requirements.withAcceptance': 0 });
  });

  it.each([
    [`#${' '.repeat(100_000)}a\r`, 0],
    [`${'-'.repeat(100_000)}x`, 0],
    [`${'_'.repeat(100_000)} given`, 0],
    [`A-${'1'.repeat(100_000)}A`, 0],
  ])('a long run in a line is linear (case %#)', (line) => {
    expect(scanRequirements(`## REQ-1 x\n${line}\n`).size).toBe(1);
  });

  it('the linear matchers agree with the regexes they replace (on short lines)', () => {
    const ACCEPTANCE = /^[\s>*_#-]*(?:\d+[.)]\s*)?[*_]*acceptance\b/i;
    const GHERKIN = /^[\s>*-]*[*_]*(given|when|then)\b/i;
    const lines = ['Acceptance criteria:', '> **Acceptance**', '1. acceptance', '2) **acceptance**', '- _acceptance_', '#acceptance', 'acceptances',
      'no acceptance', '1.x acceptance', '- **Given** a fee', '> * _then_ x', '_ when', 'whenever', '*_*_ Then', '  -  when', '\u00a0given', '3. _Acceptance_:'];
    for (const line of lines) {
      expect(isAcceptanceLine(line), line).toBe(ACCEPTANCE.test(line));
      expect(gherkinKeyword(line), line).toBe(GHERKIN.exec(line)?.[1]?.toLowerCase());
    }
    expect(kindKey(`${'-'.repeat(100_000)}Design${'-'.repeat(100_000)}`)).toBe('design');
  });
});

describe('front matter', () => {
  const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]', '---', '# R', ''].join('\n');
  it.each([
    ['bomb.md', bomb, /^bomb\.md:2:1: invalid YAML in front matter: Excessive alias count indicates a resource exhaustion attack; write the values out/],
    ['deep.md', `---\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n# R\n`, /^deep\.md:2:1: front matter larger than 64 KB/],
    ['nested.md', `---\nx: ${'['.repeat(65)}${']'.repeat(65)}\n---\n# R\n`, /^nested\.md:2:1: front matter nested deeper than 64 levels/],
  ])('%s: one line', async (name, content, expected) => {
    const message = await docError(`fm/${name}`, content);
    expect(message.replace(/^fm\//, '')).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe('documents that would be misread are refused', () => {
  it.each([
    ['empty.md', '', /^empty\.md: empty document; write its content or leave it out of --docs/],
    ['blank.md', '\n  \n', /^blank\.md: empty document/],
    ['binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^binary\.md:3:1: binary file \(a NUL byte\); a document must be UTF-8 Markdown; it is not counted as present or signed$/],
    ['bom16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\nsignoff: []\n---\n', 'utf16le')]), /^bom16\.md:1:1: UTF-16 text \(byte-order mark\); save it as UTF-8/],
    ['nobom16.md', Buffer.from('# Requirements\n## REQ-1 x\n', 'utf16le'), /^nobom16\.md:1:1: UTF-16 text \(NUL bytes between characters\); save it as UTF-8/],
    ['latin1.md', Buffer.from('# Req\n\n## REQ-1 caf\xe9\n', 'latin1'), /^latin1\.md:3:1: not valid UTF-8; save it as UTF-8/],
  ])('%s', async (name, content, expected) => {
    const message = await docError(`bad/${name}`, content);
    expect(message.replace(/^bad\//, '')).toMatch(expected);
  });

  it.each([
    ['signoff', '---\nsignoff:\n  - { by: Li Wei, role: pm, date: 2026-02-30 }\n---\n# R\n', /^d1\.md:2:1: signoff entry 1: date "2026-02-30" is not a date on the calendar/],
    ['updated', '---\nupdated: 2026-13-01\n---\n# R\n', /^d2\.md:2:1: updated "2026-13-01" is not a date on the calendar/],
    ['time', '---\nsignoff:\n  - { by: Li Wei, role: pm, date: "2026-02-28T25:00:00Z" }\n---\n# R\n', /^d3\.md:2:1: signoff entry 1: date "2026-02-28T25:00:00Z" is not a date/],
  ])('an impossible %s date is refused', async (_what, content, expected) => {
    const n = _what === 'signoff' ? 1 : _what === 'updated' ? 2 : 3;
    const message = await docError(`dates/d${n}.md`, content);
    expect(message.replace(/^dates\//, '')).toMatch(expected);
  });

  it('real dates, leap days and times are kept as written', async () => {
    write('ok/r.md', '---\nupdated: 2028-02-29\nsignoff:\n  - { by: Li Wei, role: pm, date: "2026-10-03T09:30:00+08:00" }\n---\n# R\n');
    const bundle = await collectDocs(['requirements=ok/r.md']);
    expect(bundle.documents[0]).toMatchObject({ updated: '2028-02-29', signoffs: [{ date: '2026-10-03T09:30:00+08:00' }] });
  });
});
