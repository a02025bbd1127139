/**
 * Validation of verdicts against schemas/verdict.schema.json (ajv standalone code, strict with
 * all errors, that the build generates: src/generated/validate-verdict.ts), plus the one invariant a JSON Schema cannot state: the summary
 * counts agree with the rule statuses.
 */
import type { ErrorObject } from 'ajv';
import { verdict as validate } from '../../generated/validate-verdict.js';
import { PhasegateError, type Diagnostic } from '../../errors.js';
import { emptySummary, RULE_STATUSES, type Verdict } from '../types.js';

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
  return `${at}: ${e.message ?? 'is invalid'}`;
}

/** The summary counts that disagree with the rules; a missing `n/a` (a verdict from before it) counts as 0. */
function summaryProblems(v: Verdict): string[] {
  const counted = emptySummary();
  for (const r of v.rules) counted[r.status] += 1;
  const said = (s: keyof typeof counted): number => v.summary[s] ?? 0;
  // JSON Pointer escapes `/` as `~1`, as ajv's own messages do: /summary/n~1a.
  return RULE_STATUSES.filter((s) => counted[s] !== said(s)).map(
    (s) => `/summary/${s.replace(/\//g, '~1')}: says ${said(s)} but ${counted[s]} rule${counted[s] === 1 ? ' has' : 's have'} status ${s}`,
  );
}

/**
 * Asserts that `value` is a valid verdict: it matches schemas/verdict.schema.json and its
 * summary agrees with its rules. A verdict written before the `n/a` status may lack
 * `summary["n/a"]`; it is valid, and `withNaCount` fills the count in. Throws a PhasegateError with one diagnostic per problem,
 * all reported together; `shown` names the verdict (usually its file) in them.
 */
export function assertValidVerdict(value: unknown, shown = 'verdict'): asserts value is Verdict {
  // `if` errors only repeat the then/else error beneath them.
  const problems = validate(value)
    ? summaryProblems(value as Verdict)
    : (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
  if (problems.length === 0) return;
  const diagnostics: Diagnostic[] = problems.map((p) => ({ file: shown, message: `${p} (not a valid phasegate verdict)` }));
  throw new PhasegateError(diagnostics);
}

/** The verdict with `summary["n/a"]` set (0 when a verdict written before `n/a` existed lacks it). */
export function withNaCount(v: Verdict): Verdict {
  return (v.summary as Partial<Verdict['summary']>)['n/a'] === undefined ? { ...v, summary: { ...v.summary, 'n/a': 0 } } : v;
}
