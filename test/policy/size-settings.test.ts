/** `settings.size`: language names checked against cloc's list, applied layer by layer. */
import { describe, expect, it } from 'vitest';
import { policyDigest } from '../../src/policy/index.js';
import { load, policy, problems } from './helpers.js';

const size = (body: string, name = 'demo') => policy(`settings:\n  size:\n${body}`, name);

describe('settings.size', () => {
  it('loads with cloc\'s spelling of each language, in any letter case', () => {
    const p = load({ 'project.yaml': size('    languages:\n      include: [json, Xml]\n      exclude: [html]\n    exclude: ["fixtures/**"]\n') });
    expect(p.settings.size).toEqual({ languages: { include: ['JSON', 'XML'], exclude: ['HTML'] }, exclude: ['fixtures/**'] });
  });

  it('is absent when no layer sets it, so earlier digests hold', () => {
    const plain = load({ 'project.yaml': policy() });
    expect(plain.settings).toEqual({ waiverWarningDays: 14 });
    const withSize = load({ 'project.yaml': size('    exclude: ["x/**"]\n') });
    expect(policyDigest(withSize)).not.toBe(policyDigest(plain));
  });

  it('applies layer by layer: a later layer\'s word on a language wins, excluded paths accumulate', () => {
    const files = {
      'org.yaml': size('    languages:\n      exclude: [HTML, CSS]\n      include: [JSON]\n    exclude: ["legacy/**"]\n', 'org'),
      'project.yaml': policy('extends: ./org.yaml\nsettings:\n  size:\n    languages:\n      include: [HTML]\n    exclude: ["fixtures/**", "legacy/**"]\n'),
    };
    expect(load(files).settings.size).toEqual({ languages: { include: ['HTML', 'JSON'], exclude: ['CSS'] }, exclude: ['legacy/**', 'fixtures/**'] });
  });
});

describe('bad settings.size', () => {
  it.each([
    ['a misspelt language', size('    languages:\n      include: [Pyhton]\n'), 'project.yaml:6:17: settings.size.languages.include: unknown language "Pyhton" (did you mean "Python"?)'],
    ['a language near another', size('    languages:\n      exclude: [TypeScript, Javascrpt]\n'), 'project.yaml:6:29: settings.size.languages.exclude: unknown language "Javascrpt" (did you mean "JavaScript"?)'],
    ['a name cloc does not know', size('    languages:\n      include: [Brainfudge]\n'), 'project.yaml:6:17: settings.size.languages.include: unknown language "Brainfudge" (names are cloc\'s, as `perl node_modules/cloc/lib/cloc --show-lang` lists them)'],
    ['a file extension for a name', size('    languages:\n      include:\n        - yml\n'), 'project.yaml:7:11: settings.size.languages.include: unknown language "yml" (did you mean "YAML"?)'],
    ['included and excluded', size('    languages:\n      include: [JSON]\n      exclude: [json]\n'), 'project.yaml:7:17: settings.size.languages: "JSON" is both included and excluded; keep it in one list'],
    ['a misspelt key', size('    languages:\n      inclde: [JSON]\n'), 'project.yaml:6:7: unknown key "inclde" in settings.size.languages (did you mean "include"?)'],
    ['a misspelt block', size('    langauges: {}\n'), 'project.yaml:5:5: unknown key "langauges" in settings.size (did you mean "languages"?)'],
    ['a path that is not text', size('    exclude: [1]\n'), 'project.yaml:5:15: settings.size.exclude[0] must be text (got 1)'],
  ])('%s', (_name, text, expected) => {
    expect(problems({ 'project.yaml': text })).toEqual([expected]);
  });
});
