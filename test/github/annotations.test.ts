/**
 * Annotations (src/github/annotations.ts): repository-relative paths from a monorepo package's
 * reports and from absolute runner paths, ranked (failed tests first), findings only on added
 * lines when those are known, capped with the rest counted; and the strict inputs.
 */
import { describe, expect, it } from 'vitest';
import { annotationsFor, repoPath } from '../../src/github/annotations.js';
import { bool, choice, lines, wholeNumber } from '../../src/github/inputs.js';
import type { EvidenceItem } from '../../src/evidence/types.js';
import { evidence } from '../helpers/builders.js';

const WS = '/home/runner/work/shop/shop';

describe('repoPath', () => {
  it.each([
    ['src/a.ts', '.', 'src/a.ts'],
    ['src/a.ts', 'packages/api', 'packages/api/src/a.ts'],
    ['./src/../lib/b.ts', 'packages/api', 'packages/api/lib/b.ts'],
    [`${WS}/packages/web/test/c.test.mjs`, 'packages/api', 'packages/web/test/c.test.mjs'],
    ['../web/d.ts', 'packages/api', 'packages/web/d.ts'],
  ])('%s from %s is %s', (file, wd, expected) => {
    expect(repoPath(file, { workspace: WS, workingDirectory: wd })).toBe(expected);
  });

  it.each([['/usr/lib/node/x.js'], ['../../../etc/passwd'], [WS]])('%s is outside the repository', (file) => {
    expect(repoPath(file, { workspace: WS, workingDirectory: '.' })).toBeNull();
  });
});

const item = (over: Partial<EvidenceItem> & Pick<EvidenceItem, 'id' | 'kind' | 'level'>): EvidenceItem => ({ title: over.id, counts: [], ...over });

describe('annotationsFor', () => {
  const bundle = evidence({
    items: [
      item({ id: 'lint', kind: 'finding', level: 'warning', file: 'src/a.ts', line: 3, counts: ['analysis.warnings'] }),
      item({ id: 'sqli', kind: 'finding', level: 'high', file: 'src/db.ts', line: 10, counts: ['security.high'], message: 'SQL built from input' }),
      item({ id: 'old-sqli', kind: 'finding', level: 'high', file: 'src/db.ts', line: 99, counts: ['security.high'] }),
      item({ id: 'adds', kind: 'test', level: 'failed', file: `${WS}/test/a.test.ts`, line: 7, message: 'expected 2\nreceived 3', details: 'at a.test.ts:7' }),
      item({ id: 'ok', kind: 'test', level: 'passed', file: 'test/b.test.ts', line: 1 }),
      item({ id: 'nowhere', kind: 'test', level: 'errored' }),
    ],
    uncoveredNewLines: [{ file: 'src/a.ts', ranges: [{ start: 4, end: 6 }, { start: 9, end: 9 }] }],
  });
  const paths = { workspace: WS, workingDirectory: '.' };

  it('ranks failed tests, security, then warnings and uncovered lines; keeps only added lines for findings', () => {
    const added = new Map([['src/db.ts', new Set([10])], ['src/a.ts', new Set([3, 4, 5, 6, 9])]]);
    const plan = annotationsFor(bundle, paths, 100, added);
    expect(plan.annotations.map((a) => [a.path, a.start_line, a.end_line, a.annotation_level, a.title])).toEqual([
      ['test/a.test.ts', 7, 7, 'failure', 'Failed test: adds'],
      ['src/db.ts', 10, 10, 'failure', 'high finding: sqli'],
      ['src/a.ts', 3, 3, 'warning', 'warning finding: lint'],
      ['src/a.ts', 4, 6, 'warning', 'Uncovered new lines'],
      ['src/a.ts', 9, 9, 'warning', 'Uncovered new lines'],
    ]);
    expect(plan.annotations[0]).toMatchObject({ message: 'expected 2\nreceived 3', raw_details: 'at a.test.ts:7' });
    expect(plan.annotations[3]!.message).toBe('Lines 4–6 are new and no test runs them.');
    expect(plan).toMatchObject({ overCap: 0, unplaceable: 1, offChange: 1 });
  });

  it('without known added lines every finding is annotated; the cap counts the rest', () => {
    const plan = annotationsFor(bundle, paths, 2);
    expect(plan.annotations.map((a) => a.title)).toEqual(['Failed test: adds', 'high finding: sqli']);
    expect(plan).toMatchObject({ overCap: 4, unplaceable: 1, offChange: 0 });
  });
});

describe('strict inputs', () => {
  const read = (v: string) => () => v;
  it('booleans are true or false only', () => {
    expect([bool(read('true'), 'x', false), bool(read('False'), 'x', true), bool(read(''), 'x', true)]).toEqual([true, false, true]);
    expect(() => bool(read('yes'), 'fail-on-warn', false)).toThrow('input "fail-on-warn": "yes" is not a boolean; use true or false');
  });
  it('choices, numbers and lists', () => {
    expect(() => choice(read('tests'), 'phase', ['testing', 'release'])).toThrow('input "phase": "tests" is not allowed; use one of testing, release');
    expect(() => wholeNumber(read('-1'), 'max-annotations', 1, 0, 10)).toThrow('input "max-annotations": "-1" is not a whole number from 0 to 10');
    expect(lines(read('a/*.xml\n\n  # note\n b.xml \r\n'), 'junit')).toEqual(['a/*.xml', 'b.xml']);
  });
});
