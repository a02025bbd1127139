/** Requirements-freeze rules: after the freeze date, frozen files change only under an approved change request. */
import { globMatcher } from '../glob.js';
import type { EvidenceBundle } from '../../evidence/types.js';
import type { FreezeRule } from '../../policy/types.js';
import { missing, type Outcome } from '../outcome.js';

function approvedChangeRequest(rule: FreezeRule, evidence: EvidenceBundle): string | null {
  const facts = evidence.facts;
  if (rule.label && facts?.labels?.includes(rule.label)) return `label "${rule.label}"`;
  const cr = facts?.changeRequest;
  if (!cr || cr.state !== 'approved') return null;
  if (rule.approvers.length === 0) return `change request ${cr.id}`;
  const ok = cr.approvedBy.some((a) => a.roles.some((r) => rule.approvers.includes(r)));
  return ok ? `change request ${cr.id}` : null;
}

/** Evaluates a freeze rule at `now`. */
export function evaluateFreeze(rule: FreezeRule, evidence: EvidenceBundle, now: Date): Outcome {
  const base = { metric: null, operator: null, threshold: `frozen since ${rule.date}` };
  if (now.toISOString().slice(0, 10) < rule.date) {
    return { ...base, result: 'pass', actual: 'not frozen yet', message: `the freeze starts on ${rule.date}`, hint: '' };
  }
  if (!evidence.changes) {
    return missing('changed files are unknown', 'pass --base REF so phasegate can see which files changed', base);
  }
  const isFrozen = globMatcher(rule.paths);
  const touched = evidence.changes.files.map((f) => f.path).filter((p) => isFrozen(p)).sort();
  if (touched.length === 0) {
    return { ...base, result: 'pass', actual: '0 frozen files changed', message: 'no frozen file changed', hint: '' };
  }
  const actual = `${touched.length} frozen file${touched.length === 1 ? '' : 's'} changed`;
  const approval = approvedChangeRequest(rule, evidence);
  const list = touched.slice(0, 5).join(', ') + (touched.length > 5 ? ', …' : '');
  if (approval) {
    return { ...base, result: 'pass', actual, message: `${list} changed under approved ${approval}`, hint: '' };
  }
  const who = rule.approvers.length ? ` approved by ${rule.approvers.join(' or ')}` : ' approved';
  return {
    ...base,
    result: 'fail',
    actual,
    message: `${list} changed after the ${rule.date} freeze without an approved change request`,
    hint: `revert the change or get a change request${who}${rule.label ? ` (or the "${rule.label}" label)` : ''}`,
  };
}
