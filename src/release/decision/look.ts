/**
 * What one look at a rollout step reads: the data since the step began, so that every look
 * builds on the last and the always-valid intervals keep their guarantee however often the step
 * is looked at. The start never slides inside a step (not during its minimum duration either).
 *
 * With a window of W, the looks restart on disjoint windows of the step instead: window 0 is
 * [start, start + W], window k the instants after start + k·W up to start + (k + 1)·W; a look
 * reads its window from its beginning, and each window spends its own share of α (levels.ts).
 */
import { windowShare } from '../judge/levels.js';

/** The data range of a look, and its window when the looks restart on windows. */
export interface LookPlan {
  /** When the step began (ms since the epoch). */
  stepStartedAt: number;
  /** The data range read, in ms since the epoch, both ends included. */
  from: number;
  to: number;
  /** With windows: which (0-based) and how long; absent when the whole step is one sequence. */
  window?: { index: number; lengthMs: number };
}

/** The look at `now` on a step that began at `stepStartedAt`, with windows of `windowMs` if given (> 0). */
export function planLook(stepStartedAt: number, now: number, windowMs?: number): LookPlan {
  const to = now;
  if (windowMs === undefined || now <= stepStartedAt) return { stepStartedAt, from: Math.min(stepStartedAt, now), to };
  const index = Math.ceil((now - stepStartedAt) / windowMs) - 1;
  // Window k > 0 starts just after the instant that ends window k − 1: windows never share data.
  const from = stepStartedAt + index * windowMs + (index > 0 ? 1 : 0);
  return { stepStartedAt, from, to, window: { index, lengthMs: windowMs } };
}

/** A duration as the policy writes one: 1h30m, 10m, 45s, 250ms. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's'], [1, 'ms']];
  let rest = ms;
  let out = '';
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out || '0s';
}

/** One line saying what the look read, for the decision's reasons. */
export function describeLook(plan: LookPlan): string {
  const range = `${new Date(plan.from).toISOString()} to ${new Date(plan.to).toISOString()}`;
  if (!plan.window) return `looked at the data from ${range}: everything since the step began`;
  const share = windowShare(plan.window.index);
  return `looked at the data from ${range}: window ${plan.window.index + 1} of ${formatDuration(plan.window.lengthMs)} since the step began at ${new Date(plan.stepStartedAt).toISOString()}; the looks restart on each window, and this one spends ${(share * 100).toFixed(1)} % of α`;
}
