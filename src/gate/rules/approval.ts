/** Approval rules: enough distinct approvers, covering the required roles and teams. */
import type { Approval, EvidenceBundle } from '../../evidence/types.js';
import type { ApprovalRule } from '../../policy/types.js';
import { missing, type Outcome } from '../outcome.js';

/** Approvals that count: one per person, never the change's own author. */
export function countedApprovals(approvals: readonly Approval[], author: string | undefined): Approval[] {
  const byPerson = new Map<string, Approval>();
  for (const a of approvals) {
    if (author && a.by === author) continue;
    const seen = byPerson.get(a.by);
    byPerson.set(a.by, seen ? { ...seen, roles: [...new Set([...seen.roles, ...a.roles])], teams: [...new Set([...seen.teams, ...a.teams])] } : a);
  }
  return [...byPerson.values()];
}

/** Evaluates an approval rule against the platform facts. */
export function evaluateApproval(rule: ApprovalRule, evidence: EvidenceBundle): Outcome {
  const threshold = [`${rule.minApprovals} approval${rule.minApprovals === 1 ? '' : 's'}`, ...rule.roles, ...rule.teams.map((t) => `team ${t}`)].join(', ');
  const base = { metric: 'review.approvals', operator: '>=' as const, threshold };
  const given = evidence.facts?.approvals;
  if (!given) return missing('approvals are unknown', 'pass --facts FILE (or run as a GitHub/Jenkins step) so approvals are known', base);
  const counted = countedApprovals(given, evidence.facts?.author);
  const problems: string[] = [];
  if (counted.length < rule.minApprovals) problems.push(`${counted.length} of ${rule.minApprovals} required approvals`);
  const missingRoles = rule.roles.filter((r) => !counted.some((a) => a.roles.includes(r)));
  const missingTeams = rule.teams.filter((t) => !counted.some((a) => a.teams.includes(t)));
  if (missingRoles.length) problems.push(`no approval by a ${missingRoles.join(' or ')}`);
  if (missingTeams.length) problems.push(`no approval from team ${missingTeams.join(', ')}`);
  const selfNote = given.some((a) => a.by === evidence.facts?.author) ? ' (the author’s own approval does not count)' : '';
  if (problems.length === 0) {
    const names = counted.map((a) => a.by).sort().join(', ');
    return { ...base, result: 'pass', actual: counted.length, message: `approved by ${names}${selfNote}`, hint: '' };
  }
  const needs = [missingRoles.length ? missingRoles.join(', ') : '', missingTeams.length ? `team ${missingTeams.join(', ')}` : ''].filter(Boolean).join(' and ');
  return {
    ...base,
    result: 'fail',
    actual: counted.length,
    message: problems.join('; ') + selfNote,
    hint: `request review${needs ? ` from ${needs}` : ''} until ${rule.minApprovals} distinct people other than the author approve`,
  };
}
