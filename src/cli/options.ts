/** Parsing and checking of option values shared by several commands. */
import { PhasegateError } from '../errors.js';
import { PHASES, TIERS, type Phase, type Tier } from '../policy/types.js';

/** Commander accumulator for repeatable options (`--junit a --junit b`). */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The policy reference from `--tier` / `--policy`: exactly one is required. */
export function policyRef(opts: { tier?: Tier; policy?: string }): { tier: Tier } | { file: string } {
  if (opts.tier && opts.policy) throw usage('give either --tier or --policy, not both');
  if (opts.tier) return { tier: opts.tier };
  if (opts.policy) return { file: opts.policy };
  throw usage(`give --tier (${TIERS.join('|')}) or --policy FILE`);
}

/** A usage error (exit 2) with the usual one-line form. */
export function usage(message: string): PhasegateError {
  return new PhasegateError({ message: `${message} (run with --help for usage)` });
}

export const PHASE_CHOICES: readonly Phase[] = PHASES;
export const TIER_CHOICES: readonly Tier[] = TIERS;

/** Whether to colour terminal output: only on a TTY, never when NO_COLOR is set (no-color.org). */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** The history store when neither --store nor PHASEGATE_STORE says otherwise. */
export { DEFAULT_STORE_URL as DEFAULT_STORE } from '../store/port.js';
