/**
 * What a decision may carry into a record or an output: each reason keeps its code and a
 * redacted excerpt of its message, each metric row a redacted excerpt of its reason. A
 * provider's error body is thereby never stored raw, even if a provider forgot to redact it.
 */
import { createRedactor, type Redactor } from '../../io/redact.js';
import type { StepDecision } from '../decision/types.js';

/** Characters of a reason's message (or a metric row's reason) kept, after redaction. */
export const MAX_REASON_CHARS = 1_000;

/** `decision` with every message redacted (known secrets of `redact`, then every generic shape) and cut. */
export function redactDecision(decision: StepDecision, redact: Redactor = createRedactor()): StepDecision {
  const cut = (text: string): string => redact.excerpt(text, MAX_REASON_CHARS);
  return {
    ...decision,
    reasons: decision.reasons.map((r) => ({ ...r, message: cut(r.message) })),
    metrics: decision.metrics.map((m) => ({ ...m, reason: cut(m.reason) })),
  };
}
