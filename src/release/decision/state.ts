/**
 * The rollout state machine over the policy's steps: promote advances one step (past the last
 * the rollout completes), hold stays, rollback is allowed from every state and is final: a
 * rolled-back rollout is never promoted again.
 */

/** Where a rollout stands. */
export type RolloutState = { status: 'progressing'; step: number } | { status: 'completed' } | { status: 'rolled-back' };

/** The outcome of applying one decision. */
export type Transition = { ok: true; state: RolloutState } | { ok: false; state: RolloutState; problem: string };

/** A new rollout: at its first step. */
export const INITIAL_STATE: RolloutState = { status: 'progressing', step: 0 };

/** Applies `decision` to `state` for a policy of `stepCount` steps. */
export function transition(state: RolloutState, decision: 'promote' | 'hold' | 'rollback', stepCount: number): Transition {
  if (decision === 'rollback') return { ok: true, state: { status: 'rolled-back' } };
  if (decision === 'hold') return { ok: true, state };
  if (state.status === 'rolled-back') return { ok: false, state, problem: 'a rolled-back rollout cannot be promoted; start a new rollout' };
  if (state.status === 'completed') return { ok: false, state, problem: 'the rollout is complete; there is no step to promote' };
  const next = state.step + 1;
  return { ok: true, state: next < stepCount ? { status: 'progressing', step: next } : { status: 'completed' } };
}

/** The state after `decisions` (oldest first); a decision the machine refuses leaves the state as it was. */
export function replay(decisions: readonly { decision: 'promote' | 'hold' | 'rollback' }[], stepCount: number): RolloutState {
  return decisions.reduce((s, d) => transition(s, d.decision, stepCount).state, INITIAL_STATE);
}

/**
 * When the current step began (ms since the epoch): the time of the rollout's last promotion,
 * else the rollout's start. Every look at the step reads its data from here.
 */
export function stepStartOf(history: readonly { decision: 'promote' | 'hold' | 'rollback'; time: string }[], startedAt: number): number {
  const promoted = history.filter((d) => d.decision === 'promote').at(-1);
  return promoted ? Date.parse(promoted.time) : startedAt;
}
