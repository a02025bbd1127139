/** `phasegate policy validate` and `phasegate policy explain`. */
import { formatDiagnostic } from '../../errors.js';
import { loadPolicy, validatePolicyFiles } from '../../policy/index.js';
import type { Phase, Tier } from '../../policy/types.js';
import { renderExplain } from '../explain.js';
import { policyRef } from '../options.js';
import { emit } from '../output.js';

/** Validates policy files; prints every problem; 0 when all are valid, else 2. */
export function validateCommand(files: string[]): number {
  const problems = validatePolicyFiles(files, { cwd: process.cwd() });
  for (const d of problems) process.stderr.write(`phasegate: ${formatDiagnostic(d)}\n`);
  if (problems.length > 0) return 2;
  process.stdout.write(`${files.length} polic${files.length === 1 ? 'y' : 'ies'} valid: ${files.join(', ')}\n`);
  return 0;
}

export interface ExplainOptions {
  tier?: Tier;
  policy?: string;
  phase?: Phase;
  format: 'text' | 'json';
}

/** Prints the effective rules and release settings of a policy with where each was set. */
export function explainCommand(opts: ExplainOptions): number {
  const policy = loadPolicy(policyRef(opts), { cwd: process.cwd() });
  emit(renderExplain(policy, opts.phase, opts.format), undefined);
  return 0;
}
