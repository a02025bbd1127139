/** What a single rule evaluator finds, before severity, missing-evidence policy and waivers apply. */
import type { Operator } from '../policy/types.js';

export interface Outcome {
  /**
   * `missing`: the evidence this rule needs was not collected. `n/a`: the evidence says there is
   * nothing to judge (the metric is in the bundle's `notApplicable`; the message gives the reason).
   */
  result: 'pass' | 'fail' | 'missing' | 'n/a';
  actual: number | string | null;
  metric: string | null;
  operator: Operator | null;
  threshold: number | string | null;
  /** One sentence: what was found. */
  message: string;
  /** A default fix hint, used when the rule has none of its own. */
  hint: string;
}

/** An outcome for a rule that could not be judged because its evidence is absent. */
export function missing(message: string, hint: string, partial: Partial<Outcome> = {}): Outcome {
  return { result: 'missing', actual: null, metric: null, operator: null, threshold: null, message, hint, ...partial };
}
