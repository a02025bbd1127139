/** `phasegate policy validate` and `phasegate policy explain`. */
import { formatDiagnostic, type Diagnostic } from '../../errors.js';
import { judgeabilityProblems } from '../../release/judge/policy-check.js';
import { releaseLocator } from '../release-locate.js';
import { loadPolicy, validatePolicyFiles } from '../../policy/index.js';
import type { Phase, Tier } from '../../policy/types.js';
import { renderExplain } from '../explain.js';
import { policyRef } from '../options.js';
import { emit } from '../output.js';

/** What the release judge cannot work with in the release sections of valid files (src/release/judge/policy-check.ts). */
function judgeProblems(files: string[]): Diagnostic[] {
  return files.flatMap((file) => {
    const policy = loadPolicy({ file }, { cwd: process.cwd() });
    if (!policy.release) return [];
    const locate = releaseLocator(policy);
    return judgeabilityProblems(policy.release).map((p) => ({ ...locate(p.at), message: p.message }));
  });
}

/** Validates policy files (and what the release judge needs of them); prints every problem; 0 when all are valid, else 2. */
export function validateCommand(files: string[]): number {
  const invalid = validatePolicyFiles(files, { cwd: process.cwd() });
  const problems = invalid.length > 0 ? invalid : judgeProblems(files);
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
