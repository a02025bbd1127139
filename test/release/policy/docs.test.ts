import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { load, problems } from '../../policy/helpers.js';

const DOC = readFileSync(path.resolve(import.meta.dirname, '../../../docs/policy-language.md'), 'utf8');
const SECTION = DOC.slice(DOC.indexOf('### The release section'), DOC.indexOf('## Waivers'));
const block = (first: string) => new RegExp('```yaml\\n(' + first + '\\n[\\s\\S]*?)```').exec(SECTION)?.[1] ?? '';
const ORG = block('# org.yaml');
const PROJECT = block('# project.yaml');
const HEAD = '# project.yaml\nschemaVersion: 1\nname: payments\nextends: org.yaml\nrelease:\n';

describe('docs/policy-language.md, The release section', () => {
  it('has an organisation and a project example that merge as the text says', () => {
    const p = load({ 'org.yaml': ORG, 'project.yaml': PROJECT });
    expect(p.release?.steps.map((s) => [s.id, s.weight, s.minDurationMs])).toEqual([['canary', 5, 1_800_000], ['half', 50, 0], ['full', 100, 0]]);
    expect(p.release?.metrics.map((m) => [m.name, m.query.includes('payments') || m.kind === 'latency'])).toEqual([['http-errors', true], ['p99-latency', true]]);
  });

  // One project body per documented error line, in the order the lines are written.
  const BODIES = [
    '  metrics:\n    - name: http-errors\n      tolerance: 0.2\n',
    '  steps:\n    - { id: full, enabled: false }\n',
    '  steps:\n    - id: full\n      approvals: null\n',
    '  steps:\n    - id: full\n      weight: 90\n',
    '  limits: { failed: 1 }\n',
    '  approvers:\n    - { name: mallory, role: release-manager }\n',
    '  steps:\n    - { weight: 75 }\n',
    '  metrics:\n    - { name: http-error, tolerance: 0.05 }\n',
  ];
  const lines = /```\n(project\.yaml:[\s\S]*?)```/.exec(SECTION)?.[1]?.trim().split('\n') ?? [];

  it.each(BODIES.map((body, i) => [i, body]))('shows error %i as phasegate prints it', (i, body) => {
    expect(lines).toHaveLength(BODIES.length);
    expect(problems({ 'org.yaml': ORG, 'project.yaml': HEAD + body })).toEqual([lines[i as number]]);
  });
});
