/**
 * The decision on the current rollout step: `promote`, `hold` or `rollback`, with every reason.
 * Rollback wins over hold, hold over promote; promotion needs every metric to pass on enough
 * data, the step's minimum duration and its approvals; only a failed metric (or the provider
 * failing check after check) rolls back. Pure: the metrics come fetched, the time is passed in.
 */
import { intervalJudge } from '../judge/interval-judge.js';
import { judgeApprovals } from './approvals.js';
import { formatDuration } from './look.js';
import { judgeMetric, type MetricOutcome } from './metrics.js';
import { replay, stepStartOf } from './state.js';
import type { CheckOutcome, DecideInput, Judge, Reason, StepDecision } from './types.js';

/** Percent of the metrics judged on enough data (pass, fail or inconclusive) that passed; informative only. */
function score(outcomes: readonly MetricOutcome[]): number | null {
  const scored = outcomes.filter((o) => !o.thin && ['pass', 'fail', 'inconclusive'].includes(o.row.classification));
  if (scored.length === 0) return null;
  const passed = scored.filter((o) => o.row.classification === 'pass').length;
  return Math.round((10_000 * passed) / scored.length) / 100;
}

/** A check fails when a metric fails; `limits.failed` counts these. */
function checkOf(outcomes: readonly MetricOutcome[], reasons: readonly Reason[]): CheckOutcome {
  if (outcomes.some((o) => o.row.classification === 'fail')) return 'failed';
  if (outcomes.some((o) => o.error)) return 'error';
  if (reasons.some((r) => r.code === 'metric-inconclusive')) return 'inconclusive';
  if (reasons.some((r) => r.effect === 'hold' && ['insufficient-samples', 'min-duration', 'clock-skew'].includes(r.code))) return 'waiting';
  return 'passed';
}

/** Reasons from the per-step and consecutive limits, counting this check. */
function limitReasons(input: DecideInput, check: CheckOutcome): Reason[] {
  const { limits } = input.policy;
  const atStep = [...input.history.filter((d) => d.step === input.step).map((d) => d.check), check];
  const failed = atStep.filter((c) => c === 'failed').length;
  const inconclusive = atStep.filter((c) => c === 'inconclusive').length;
  let errors = 0;
  for (const c of [...input.history.map((d) => d.check), check].reverse()) {
    if (c !== 'error') break;
    errors++;
  }
  const out: Reason[] = [];
  if (failed > limits.failed) out.push({ code: 'failed-limit', effect: 'rollback', message: `${failed} failed checks at step ${input.step}; the policy tolerates ${limits.failed}` });
  // As Argo's inconclusiveLimit pauses rather than aborts: a metric that did not fail never rolls back.
  if (inconclusive > limits.inconclusive) out.push({ code: 'inconclusive-limit', effect: 'hold', message: `${inconclusive} inconclusive checks at step ${input.step}, more than the ${limits.inconclusive} the policy expects: the data cannot tell yet; let the step run for more data, or roll back by hand` });
  if (errors > limits.consecutiveErrors) out.push({ code: 'consecutive-errors', effect: 'rollback', message: `${errors} checks in a row without usable data; the policy tolerates ${limits.consecutiveErrors}` });
  return out;
}

function early(input: DecideInput, decision: 'hold' | 'rollback', reason: Reason): StepDecision {
  return { decision, reasons: [reason], metrics: [], score: null, step: input.step, nextStep: decision === 'hold' ? input.step : null, check: 'waiting', time: new Date(input.now).toISOString(), approvals: [] };
}

/**
 * Decides the current step of a rollout. `judge` compares canary with baseline per metric
 * (default: the interval judge at the input's alpha and window, src/release/judge).
 */
export function decideStep(input: DecideInput, judge?: Judge): StepDecision {
  const { policy, step } = input;
  const state = replay(input.history, policy.steps.length);
  if (state.status === 'rolled-back') return early(input, 'rollback', { code: 'rolled-back', effect: 'rollback', message: 'the rollout was rolled back; it cannot be promoted' });
  if (state.status === 'completed') return { ...early(input, 'hold', { code: 'completed', effect: 'hold', message: 'the rollout is complete; there is no step to decide' }), nextStep: null };
  if (state.step !== step) return early(input, 'hold', { code: 'step-mismatch', effect: 'hold', message: `the rollout is at step ${state.step}, not ${step}` });
  const spec = policy.steps[step]!;
  const judgeOf = judge ?? intervalJudge({ policy, step: spec, alpha: input.alpha, window: input.window });
  const outcomes = policy.metrics.map((m) => judgeMetric(m, spec, input.metrics.find((i) => i.name === m.name), judgeOf));
  const reasons = outcomes.flatMap((o) => o.reasons);
  const started = stepStartOf(input.history, input.startedAt);
  if (input.now < started) reasons.push({ code: 'clock-skew', effect: 'hold', message: `now (${new Date(input.now).toISOString()}) is before the step started (${new Date(started).toISOString()})` });
  else if (input.now - started < spec.minDurationMs) reasons.push({ code: 'min-duration', effect: 'hold', message: `step ${step} has run ${formatDuration(Math.floor((input.now - started) / 1000) * 1000)} of ${formatDuration(spec.minDurationMs)}` });
  const s = score(outcomes);
  const check = checkOf(outcomes, reasons);
  reasons.push(...limitReasons(input, check));
  const approvals = judgeApprovals(policy, step, input.approvals, input.commit);
  reasons.push(...approvals.reasons);
  const decision = reasons.some((r) => r.effect === 'rollback') ? 'rollback' : reasons.some((r) => r.effect === 'hold') ? 'hold' : 'promote';
  if (decision === 'promote') reasons.push({ code: 'all-checks-passed', effect: 'info', message: 'every metric passed (its interval within the tolerance and the limits), the step lasted long enough and has its approvals' });
  const nextStep = decision === 'rollback' ? null : decision === 'hold' ? step : step + 1 < policy.steps.length ? step + 1 : null;
  return { decision, reasons, metrics: outcomes.map((o) => o.row), score: s, step, nextStep, check, time: new Date(input.now).toISOString(), approvals: approvals.judged };
}
