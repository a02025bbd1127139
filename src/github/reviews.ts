/** Pull request reviews as approvals: the latest review of each reviewer that decides something. */
import type { Review } from './client.js';

/**
 * Each reviewer's latest deciding review (approved, changes requested, dismissed), in order of
 * first review; comment-only and pending reviews change nothing, a dismissed one cancels the
 * reviewer's approval.
 */
export function latestReviews(reviews: readonly Review[]): Map<string, { state: string; at: string | null }> {
  const latest = new Map<string, { state: string; at: string | null }>();
  for (const r of reviews) if (r.state !== 'COMMENTED' && r.state !== 'PENDING') latest.set(r.user, { state: r.state, at: r.submittedAt });
  return latest;
}

/** The logins whose latest deciding review approves. */
export function approvers(reviews: readonly Review[]): string[] {
  return [...latestReviews(reviews)].filter(([, r]) => r.state === 'APPROVED').map(([by]) => by);
}
