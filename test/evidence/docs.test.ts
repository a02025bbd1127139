/** Documents: kinds, sign-offs (front matter and sign-off files), requirements and acceptance criteria. */
import { describe, expect, it } from 'vitest';
import { documentMetrics, parseDocsEntry, scanRequirements } from '../../src/evidence/docs.js';
import { collectEvidence } from '../../src/evidence/index.js';
import { tempDir, userError } from './helpers.js';

const { dir, write } = tempDir();
const collectDocs = (docs: string[]) => collectEvidence({ cwd: dir, junit: [], coverage: [], sarif: [], docs });

write('docs/requirements/payments.md', `---
kind: requirements
updated: 2026-10-02
signoff:
  - { by: Li Wei, role: product-manager, date: 2026-10-03 }
  - { by: Zhou Ling, role: compliance, date: 2026-10-04 }
---
# Payments requirements

## REQ-001 Fees are charged per transfer
Acceptance criteria:
- the fee is 1 %

## REQ-002 Fees are rounded
Given a fee of 0.005
When it is rounded
Then it is 0.01

## REQ-003 Reports exist
When someone asks, we write one.

\`\`\`
## REQ-999 inside a code block does not count
Acceptance: no
\`\`\`

### PAY-10: **Refunds**
- **Acceptance:** refunds within 3 days
`);
write('docs/requirements/accounts.md', `# Accounts
## REQ-004 Accounts can be closed
## REQ-001 Fees (repeated id, counted once)
`);
write('docs/requirements/accounts.signoff.yaml', '- { by: Li Wei, role: product-manager, date: 2026-10-05 }\n');
write('docs/design/feasibility.md', '---\nsignoff:\n  - by: Huang Lei\n    role: architect\n    date: 2026-10-09\n---\n# Feasibility\n');
write('notes/security.md', '---\nkind: security-assessment\n---\n# Threat model\n');

describe('documents', () => {
  it.each([
    ['requirements=docs/req/*.md', { kind: 'requirements', glob: 'docs/req/*.md' }],
    ['docs/**/*.md', { glob: 'docs/**/*.md' }],
    ['Design=docs/d.md', { kind: 'design', glob: 'docs/d.md' }],
  ])('parses --docs %s', (entry, expected) => {
    expect(parseDocsEntry(entry)).toEqual(expected);
  });

  it('finds requirement ids in headings and their acceptance criteria', () => {
    const reqs = scanRequirements('## REQ-1 a\nAcceptance: x\n## REQ-2 b\nThen it works\n## REQ-3 c\nGiven a\nThen b\n# Other heading\ntext\n## ABC-12 d\n* acceptance criteria: yes');
    expect(Object.fromEntries(reqs)).toEqual({ 'REQ-1': true, 'REQ-2': false, 'REQ-3': true, 'ABC-12': true });
  });

  it('collects kinds, sign-offs, dates and requirement counts', async () => {
    const bundle = await collectDocs(['docs/**/*.md', 'notes/*.md']);
    expect(bundle.documents).toEqual([
      { kind: 'design', path: 'docs/design/feasibility.md', signoffs: [{ by: 'Huang Lei', role: 'architect', date: '2026-10-09' }] },
      { kind: 'requirements', path: 'docs/requirements/accounts.md', signoffs: [{ by: 'Li Wei', role: 'product-manager', date: '2026-10-05' }], requirements: { count: 2, withAcceptance: 0 } },
      {
        kind: 'requirements', path: 'docs/requirements/payments.md', updated: '2026-10-02',
        signoffs: [{ by: 'Zhou Ling', role: 'compliance', date: '2026-10-04' }, { by: 'Li Wei', role: 'product-manager', date: '2026-10-03' }],
        requirements: { count: 4, withAcceptance: 3 },
      },
      { kind: 'security-assessment', path: 'notes/security.md', signoffs: [] },
    ]);
    // REQ-001 appears in both documents and has acceptance criteria in one: 5 distinct ids, 3 with criteria
    expect(bundle.metrics).toEqual({
      'docs.design.present': 1, 'docs.design.signedBy': 1,
      'docs.requirements.present': 2, 'docs.requirements.signedBy': 1,
      'docs.security-assessment.present': 1, 'docs.security-assessment.signedBy': 0,
      'requirements.count': 5, 'requirements.withAcceptance': 3, 'requirements.acceptanceRate': 60,
    });
  });

  it('the kind in the flag wins over front matter and folder', async () => {
    const bundle = await collectDocs(['plan=notes/*.md']);
    expect(bundle.documents.map((d) => d.kind)).toEqual(['plan']);
  });

  it('signedBy counts roles that signed every document of the kind', () => {
    const doc = (roles: string[]) => ({ kind: 'design', path: roles.join(), signoffs: roles.map((role) => ({ by: 'x', role, date: '2026-01-01' })) });
    expect(documentMetrics([doc(['architect', 'security']), doc(['architect'])], new Map())).toEqual({ 'docs.design.present': 2, 'docs.design.signedBy': 1 });
  });

  it.each([
    ['bad-signoff.md', '---\nsignoff:\n  - { by: Li Wei, role: pm }\n---\n', /^bad\/bad-signoff\.md:2:1: signoff entry 1 needs by, role and an ISO date/],
    ['open.md', '---\nkind: x\n', /^bad\/open\.md:1:1: front matter starts with --- but never ends/],
    ['list.md', '---\n- a\n- b\n---\n', /^bad\/list\.md:2:1: front matter must be a YAML mapping/],
  ])('%s is a located error', async (file, content, expected) => {
    write(`bad/${file}`, content);
    expect(await userError(collectDocs([`bad/${file}`]))).toMatch(expected);
  });
});
