/**
 * Whether a rollout's history is intact enough to decide on (pure): its chain verifies and the
 * store reported no damage (torn or corrupt lines, duplicate ids with other content) while
 * reading it. A decision is never made on, nor linked onto, a history that fails either.
 */
import { PhasegateError } from '../../errors.js';
import type { StoreWarning } from '../../store/port.js';
import type { HistoryRecord } from '../../store/records.js';
import type { RecordKey } from './key.js';
import type { ChainProblem, DecisionRecord } from './types.js';
import { verifyChain } from './verify.js';

/** The store's warnings that mean damage to the stored history (not completed repairs), as problems. */
export function storeProblems(warnings: readonly StoreWarning[]): ChainProblem[] {
  return warnings.filter((w) => !w.recovered).map((w) => ({ id: w.where, problem: 'store' as const, message: `${w.where}: ${w.message}` }));
}

/** What assertIntact checks. */
export interface IntactInput {
  project: string;
  rollout: string;
  /** The project's decision history records as the store returned them. */
  records: readonly HistoryRecord[];
  /** The store's warnings after reading them. */
  warnings: readonly StoreWarning[];
  key?: RecordKey;
}

/**
 * The rollout's decision records in chain order, after checking that they verify and that the
 * store saw no damage. Throws a PhasegateError (exit 2) with one line naming the first
 * problem and how many there are; a keyed chain without its key throws too (verifyChain).
 */
export function assertIntact(input: IntactInput): DecisionRecord[] {
  const mine = input.records.filter((r) => r.kind === 'decision' && (r.record as Partial<DecisionRecord> | undefined)?.rollout === input.rollout);
  const report = verifyChain(mine, [], { key: input.key });
  const problems = [...storeProblems(input.warnings), ...report.problems];
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new PhasegateError({
      message: `the history of ${input.project}/${input.rollout} is not intact: ${problems[0]!.problem}: ${problems[0]!.message}${more}; nothing was decided or recorded; run phasegate release verify --project ${input.project} to see every problem, and restore the store from a backup`,
    });
  }
  return mine.flatMap((r) => (r.kind === 'decision' ? [r.record] : []));
}
