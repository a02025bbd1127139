/**
 * N-of-M approvals for a step. An approval counts when its author may approve the step (named
 * in `of`, or holding the step's role in the policy's approvers), it is for the rollout's
 * commit and step, and its author has not already approved. Every approval that does not
 * count is reported with why.
 */
import type { ReleasePolicy } from '../policy/types.js';
import { DEFAULT_APPROVER_ROLE } from '../policy/types.js';
import type { Approval, Reason, StepDecision } from './types.js';

/** The approvals as judged, how many counted, and the reasons. */
export interface ApprovalResult {
  judged: StepDecision['approvals'];
  counted: number;
  reasons: Reason[];
}

/** Judges `approvals` for step `step` of `policy`; `commit` is the rollout's, when known. */
export function judgeApprovals(policy: ReleasePolicy, step: number, approvals: readonly Approval[], commit?: string): ApprovalResult {
  const need = policy.steps[step]?.approvals;
  const role = need?.role ?? DEFAULT_APPROVER_ROLE;
  const roles = new Map(policy.approvers.map((a) => [a.name, a.role]));
  const ordered = [...approvals].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.who < b.who ? -1 : a.who > b.who ? 1 : 0));
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  const judged = ordered.map((a) => {
    const held = roles.get(a.who) ?? null;
    const problem = ((): Reason | undefined => {
      if (need?.of ? !need.of.includes(a.who) : held !== role) {
        const who = need?.of ? `not one of ${need.of.join(', ')}` : `not a ${role}${held ? ` (role: ${held})` : ' (not in release.approvers)'}`;
        return { code: 'approval-not-release-manager', effect: 'info', message: `approval by ${a.who} does not count: ${who}` };
      }
      if (commit !== undefined && a.commit !== commit) return { code: 'approval-wrong-commit', effect: 'info', message: `approval by ${a.who} is for commit ${a.commit}, not ${commit}; it does not count` };
      if (a.step !== undefined && a.step !== step) return { code: 'approval-wrong-step', effect: 'info', message: `approval by ${a.who} is for step ${a.step}, not ${step}; it does not count` };
      if (seen.has(a.who)) return { code: 'approval-duplicate', effect: 'info', message: `${a.who} approved more than once; the approval at ${a.time} does not count again` };
      return undefined;
    })();
    if (problem) reasons.push(problem);
    else seen.add(a.who);
    return { who: a.who, time: a.time, commit: a.commit, ...(a.step === undefined ? {} : { step: a.step }), role: held, counted: !problem };
  });
  if (need && seen.size < need.min) {
    const from = need.of ? need.of.join(', ') : `people with the role ${role} in release.approvers`;
    reasons.push({ code: 'approval-missing', effect: 'hold', message: `step ${step} needs ${need.min} approval${need.min === 1 ? '' : 's'} from ${from}; ${seen.size} counted` });
  }
  return { judged, counted: seen.size, reasons };
}
