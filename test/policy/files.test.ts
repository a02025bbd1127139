import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { loadPolicy, validatePolicyFiles } from '../../src/policy/index.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const FIX = 'test/fixtures/policy';
const opts = { cwd: REPO, builtinDir: path.join(REPO, 'policies') };
const validate = (...files: string[]) => validatePolicyFiles(files, opts).map(formatDiagnostic);

describe('policies on disk (the default reader)', () => {
  it('follows a relative extends chain down to the built-in tier', () => {
    const p = loadPolicy({ file: `${FIX}/team/project.yaml` }, opts);
    expect(p.layers).toEqual([
      { name: 'tier:operational', file: 'policies/operational.yaml' },
      { name: `${FIX}/org.yaml`, file: `${FIX}/org.yaml` },
      { name: `${FIX}/team/project.yaml`, file: `${FIX}/team/project.yaml` },
    ]);
    expect(p.rules.find((r) => r.id === 'code-review')).toMatchObject({ minApprovals: 2, source: { file: `${FIX}/org.yaml`, line: 7, col: 7, layer: `${FIX}/org.yaml` } });
    expect(p.rules.find((r) => r.id === 'coverage-line')).toMatchObject({ threshold: 75, layers: ['tier:operational', `${FIX}/team/project.yaml`] });
    expect(p.waivers.map((w) => w.source)).toEqual([{ file: `${FIX}/org.yaml`, line: 10, col: 5, layer: `${FIX}/org.yaml` }]);
  });

  it('reports loosening a built-in security rule in the file that tries it, naming where it was locked', () => {
    // Found in the text so that editing the built-in policy does not break this test.
    const lines = readFileSync(path.join(REPO, 'policies/operational.yaml'), 'utf8').split('\n');
    const start = lines.indexOf('    - id: scan-security-critical');
    const locked = lines.findIndex((l, i) => i > start && l === '      locked: true') + 1;
    expect(validate(`${FIX}/team/loosens.yaml`)).toEqual([
      `${FIX}/team/loosens.yaml:7:7: cannot loosen locked rule "scan-security-critical": condition "== 0" -> "== 1" (locked by tier:operational at policies/operational.yaml:${locked}:7); only tightening is allowed`,
    ]);
    expect(locked).toBeGreaterThan(start + 1);
  });

  it.each([
    ['a binary file', `${FIX}/binary.yaml`, `${FIX}/binary.yaml: not a text file (binary content)`],
    ['a folder', `${FIX}/team`, `${FIX}/team: is a folder; give the policy file inside it`],
    ['a missing file', `${FIX}/none.yaml`, `${FIX}/none.yaml: policy file not found`],
  ])('reports %s in one line', (_name, file, expected) => {
    expect(validate(file)).toEqual([expected]);
  });

  it('shows files outside the working folder by their absolute path', () => {
    const p = loadPolicy({ file: path.join(REPO, FIX, 'org.yaml') }, { ...opts, cwd: path.join(REPO, 'docs') });
    expect(p.layers.map((l) => l.file)).toEqual(['policies/operational.yaml', path.join(REPO, FIX, 'org.yaml')]);
  });

  it('reports a shared parent once when several files are validated', () => {
    const broken = validate(`${FIX}/team/loosens.yaml`, `${FIX}/team/loosens.yaml`, `${FIX}/team/project.yaml`);
    expect(broken).toHaveLength(1);
  });
});
