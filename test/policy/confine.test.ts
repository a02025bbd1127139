import { describe, expect, it } from 'vitest';
import { excerpt, quoted } from '../../src/policy/quote.js';
import { policy, problems } from './helpers.js';

const SECRET = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';

describe('extends stays in the project', () => {
  it.each([
    ['a ../ escape', '../outside.yaml'],
    ['an absolute path outside', '/etc/shadow'],
    ['an escape hidden in the middle', 'org/../../outside.yaml'],
  ])('refuses %s at the extends line, without reading it', (_name, ref) => {
    const files = { 'project.yaml': policy(`extends: ${ref}\n`), '/outside.yaml': `root: ${SECRET}\n` };
    const out = problems(files);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^project\.yaml:3:10: extends ".*": is outside the project; .*PHASEGATE_POLICY_PATH/);
    expect(out.join('\n')).not.toContain(SECRET);
  });

  it('reaches a folder allowed explicitly', async () => {
    const { validatePolicyFiles, memoryReader } = await import('../../src/policy/index.js');
    const reader = memoryReader({ '/p/project.yaml': policy('extends: ../org/org.yaml\n'), '/org/org.yaml': policy('', 'org') });
    const opts = { cwd: '/p', builtinDir: '/p/builtin', reader };
    expect(validatePolicyFiles(['project.yaml'], opts)[0]?.message).toMatch(/outside the project/);
    expect(validatePolicyFiles(['project.yaml'], { ...opts, allowedDirs: ['/org'] })).toEqual([]);
  });

  it('stops a chain deeper than 32 files at the extends that goes too far', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) files[i === 0 ? 'project.yaml' : `f${i}.yaml`] = policy(`extends: f${i + 1}.yaml\n`, `f${i}`);
    const t0 = Date.now();
    const out = problems(files);
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against hangs and blow-ups; speed is measured by the bench
    expect(out).toEqual(['f31.yaml:3:10: extends chain deeper than 32 files; merge some layers']);
  });

  it('stops a wide chain at 256 files, said once', () => {
    const files: Record<string, string> = { 'project.yaml': policy(`extends: [${Array.from({ length: 1000 }, (_, i) => `f${i}.yaml`).join(', ')}]\n`) };
    for (let i = 0; i < 1000; i++) files[`f${i}.yaml`] = policy('', `f${i}`);
    const out = problems(files);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^project\.yaml:3:\d+: extends reaches more than 256 files; merge some layers$/);
  });

  it('shows nothing of an extended file that is not a policy', () => {
    const out = problems({ 'project.yaml': policy('extends: token.txt\n'), 'token.txt': `${SECRET}\n` });
    expect(out).toEqual(['project.yaml:3:10: extends "token.txt": not a phasegate policy (no schemaVersion key in a YAML mapping); extends names policy files only']);
    const env = problems({ 'project.yaml': policy('extends: .env\n'), '.env': `API_TOKEN: ${SECRET}\nDB: x\n` });
    expect(env.join('\n')).not.toContain(SECRET);
    expect(env.join('\n')).not.toContain('API_TOKEN');
  });

  it('never quotes a whole file given as a scalar', () => {
    expect(problems({ 'project.yaml': `${SECRET}\n` })).toEqual(['project.yaml:1:1: the policy must be a mapping (key: value lines) (got text)']);
  });
});

describe('messages quote file content escaped and cut', () => {
  it('escapes terminal escapes and control characters, cuts at 40 characters', () => {
    expect(quoted('a\u001b[31mred\u0007')).toBe('"a\\u001b[31mred\\u0007"');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(37)}...`);
    expect(quoted('say "hi"\n\u202e')).toBe('"say \\"hi\\"\\n\\u202e"');
  });

  it('in unknown keys, extends targets and values', () => {
    const key = `"k\\e[2J${'z'.repeat(60)}"`;
    const out = problems({ 'project.yaml': policy(`${key}: 1\nextends: "x\\e]0;t\\a${'y'.repeat(60)}"\n`) }).join('\n');
    expect([...out].filter((c) => (c < ' ' && c !== '\n') || c === '\u007f')).toEqual([]);
    expect(out).not.toContain('z'.repeat(40));
    expect(out).not.toContain('y'.repeat(40));
    expect(out).toContain('unknown key "k\\u001b[2J');
  });

  it('never shows the YAML parser text, which quotes the file', () => {
    const out = problems({ 'project.yaml': policy(`hint: |${SECRET}\n  x\n`) }).join('\n');
    expect(out).toMatch(/YAML syntax error: /);
    expect(out).not.toContain(SECRET.slice(4, 20));
  });
});

describe('YAML limits', () => {
  it('checks a hostile file just under the 64 KB cap quickly', () => {
    const text = policy(`phases:\n  testing: [${Array(7_500).fill('{id: a}').join(',')}]\n`);
    expect(text.length).toBeLessThan(64 * 1024);
    const t0 = Date.now();
    expect(problems({ 'project.yaml': text }).length).toBeGreaterThan(1000);
    // About 1.2 s on a 2-core machine at load 10; the bound leaves room for a busier CI runner,
    // while anything super-linear (the 1 MB cap took 15 s) still fails.
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against hangs and blow-ups; speed is measured by the bench
  });

  it('refuses an alias bomb in one line, fast', () => {
    const lines = ['schemaVersion: 1', 'name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const t0 = Date.now();
    expect(problems({ 'project.yaml': `${lines.join('\n')}\n` })).toEqual(['project.yaml: YAML aliases expand more than 100 times; write the values out instead of nesting aliases']);
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against hangs and blow-ups; speed is measured by the bench
  });

  it.each([
    ['flow', policy(`name2: ${'['.repeat(50_000)}\n`), 'project.yaml:3:72'],
    ['block', policy(`phases:\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`), 'project.yaml:'],
    ['compact lists', policy(`x: ${'- '.repeat(25_000)}1\n`), 'project.yaml:'],
  ])('refuses %s nesting deeper than 64 levels in one line, fast', (_name, text, where) => {
    const t0 = Date.now();
    const out = problems({ 'project.yaml': text });
    expect(Date.now() - t0).toBeLessThan(10_000); // a guard against hangs and blow-ups; speed is measured by the bench
    expect(out).toHaveLength(1);
    expect(out[0]?.startsWith(where)).toBe(true);
    expect(out[0]).toContain('nested deeper than 64 levels');
  });
});

describe('a missing file outside the project', () => {
  it('is refused like a present one, so answers do not tell which files exist', () => {
    expect(problems({ 'project.yaml': policy('extends: ../nope.yaml\n') })).toEqual([
      'project.yaml:3:10: extends "../nope.yaml": is outside the project; extends names a tier or a policy file under the working folder (or a folder listed in PHASEGATE_POLICY_PATH)',
    ]);
    expect(problems({ 'project.yaml': policy('extends: nope.yaml\n') })).toEqual(['project.yaml:3:10: extends "nope.yaml": file not found']);
  });
});
