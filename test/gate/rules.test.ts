import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/gate/engine.js';
import type { EvidenceBundle } from '../../src/evidence/types.js';
import type { Phase, Rule } from '../../src/policy/types.js';
import { approvalRule, documentRule, evidence, freezeRule, policy, NOW } from '../helpers/builders.js';

const one = (rule: Rule, e: EvidenceBundle, now = NOW) => evaluateGate({ policy: policy([rule]), evidence: e, phase: rule.phase as Phase, now }).rules[0]!;
const docsSource = [{ kind: 'docs' as const, path: 'docs/**/*.md' }];
const reqDoc = (signoffs: { by: string; role: string; date: string }[], updated = '2026-09-10') => ({
  kind: 'requirements',
  path: 'docs/requirements/fees.md',
  updated,
  signoffs,
});

describe('document rules', () => {
  it('pass when every matching document is signed by each role after its last change', () => {
    const r = one(documentRule('req'), evidence({ sources: docsSource, documents: [reqDoc([{ by: 'Li Wei', role: 'product-manager', date: '2026-09-12' }])] }));
    expect(r).toMatchObject({
      status: 'pass',
      actual: '1 document, signed by product-manager',
      threshold: 'signed by product-manager',
      message: 'docs/requirements/fees.md (updated 2026-09-10): signed by Li Wei (product-manager, 2026-09-12)',
    });
  });

  it('fail when a role has not signed', () => {
    const r = one(documentRule('req'), evidence({ sources: docsSource, documents: [reqDoc([])] }));
    expect(r.status).toBe('fail');
    expect(r.message).toBe('docs/requirements/fees.md is not signed off by a product-manager');
  });

  it('fail when the sign-off predates the last change', () => {
    const r = one(documentRule('req'), evidence({ sources: docsSource, documents: [reqDoc([{ by: 'Li Wei', role: 'product-manager', date: '2026-09-01' }])] }));
    expect(r.message).toBe('docs/requirements/fees.md: product-manager signed on 2026-09-01 but the document changed on 2026-09-10');
  });

  it('fail when no document matches', () => {
    const r = one(documentRule('req'), evidence({ sources: docsSource }));
    expect(r).toMatchObject({ status: 'fail', actual: 'no document', message: 'no requirements document matches docs/requirements/**' });
  });

  it('error when documents were not collected at all', () => {
    expect(one(documentRule('req'), evidence()).status).toBe('error');
  });

  it('fail when a design is older than the requirements it answers', () => {
    const design = { kind: 'design', path: 'docs/design/feasibility.md', updated: '2026-09-05', signoffs: [{ by: 'A', role: 'architect', date: '2026-09-06' }] };
    const rule = documentRule('design', { phase: 'design', docKind: 'design', paths: ['docs/design/**'], signoff: ['architect'], newerThan: ['requirements'] });
    const r = one(rule, evidence({ sources: docsSource, documents: [design, reqDoc([])] }));
    expect(r.status).toBe('fail');
    expect(r.message).toBe('docs/design/feasibility.md (2026-09-05) is older than docs/requirements/fees.md (2026-09-10)');
  });
});

describe('freeze rules', () => {
  const changed = (...paths: string[]) => ({ base: 'origin/main', files: paths.map((path) => ({ path, status: 'modified' as const })) });

  it('pass before the freeze date, whatever changed', () => {
    const r = one(freezeRule('f'), evidence({ changes: changed('docs/requirements/fees.md') }), new Date('2026-10-14T23:00:00Z'));
    expect(r).toMatchObject({ status: 'pass', actual: 'not frozen yet' });
  });

  it('fail when a frozen file changes after the freeze without a change request', () => {
    const r = one(freezeRule('f'), evidence({ changes: changed('docs/requirements/fees.md', 'src/a.ts') }));
    expect(r).toMatchObject({ status: 'fail', actual: '1 frozen file changed' });
    expect(r.message).toBe('docs/requirements/fees.md changed after the 2026-10-15 freeze without an approved change request');
  });

  it('pass when the change request is approved by an allowed role', () => {
    const facts = { changeRequest: { id: 'CR-1042', state: 'approved' as const, approvedBy: [{ by: 'zhao.min', roles: ['change-board'], teams: [] }] } };
    const r = one(freezeRule('f'), evidence({ changes: changed('docs/requirements/fees.md'), facts }));
    expect(r).toMatchObject({ status: 'pass', message: 'docs/requirements/fees.md changed under approved change request CR-1042' });
  });

  it('fail when the change request was approved by someone without an allowed role', () => {
    const facts = { changeRequest: { id: 'CR-1', state: 'approved' as const, approvedBy: [{ by: 'dev', roles: ['developer'], teams: [] }] } };
    expect(one(freezeRule('f'), evidence({ changes: changed('docs/requirements/fees.md'), facts })).status).toBe('fail');
  });

  it('pass with the change-request label', () => {
    const r = one(freezeRule('f', { label: 'cr-approved' }), evidence({ changes: changed('docs/requirements/x.md'), facts: { labels: ['cr-approved'] } }));
    expect(r.status).toBe('pass');
  });

  it('error when changes are unknown after the freeze', () => {
    expect(one(freezeRule('f'), evidence()).status).toBe('error');
  });
});

describe('approval rules', () => {
  const a = (by: string, roles: string[] = [], teams: string[] = []) => ({ by, roles, teams });

  it('pass with enough distinct approvers covering the roles', () => {
    const r = one(approvalRule('rev'), evidence({ facts: { author: 'chen', approvals: [a('wang', ['code-owner']), a('li')] } }));
    expect(r).toMatchObject({ status: 'pass', actual: 2, message: 'approved by li, wang' });
  });

  it("the author's own approval and repeated approvals do not count", () => {
    const r = one(approvalRule('rev'), evidence({ facts: { author: 'chen', approvals: [a('chen', ['code-owner']), a('wang', ['code-owner']), a('wang')] } }));
    expect(r.status).toBe('fail');
    expect(r.message).toBe('1 of 2 required approvals (the author’s own approval does not count)');
  });

  it('fail when a required role or team is missing', () => {
    const rule = approvalRule('rev', { teams: ['payments-core'] });
    const r = one(rule, evidence({ facts: { approvals: [a('x'), a('y')] } }));
    expect(r.message).toBe('no approval by a code-owner; no approval from team payments-core');
    expect(r.hint).toBe('request review from code-owner and team payments-core until 2 distinct people other than the author approve');
  });

  it('error when approvals are unknown', () => {
    expect(one(approvalRule('rev'), evidence()).status).toBe('error');
  });
});
