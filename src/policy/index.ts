/**
 * Public API of the policy module: load a tier or a policy file (with its extends chain) into
 * the effective policy the gate reads, validate policy files, and hash an effective policy.
 */
import type { Diagnostic } from '../errors.js';
import { evaluatePolicyFile, refFile, resolveOptions, throwIfAny, type LoadOptions, type PolicyRef } from './loader.js';
import type { LoadedFile } from './resolve.js';
import type { EffectivePolicy } from './types.js';

export { policyDigest } from './digest.js';
export { DEFAULT_BUILTIN_DIR, DEFAULT_WAIVER_WARNING_DAYS, type LoadOptions, type PolicyRef } from './loader.js';
export { memoryReader, nodeReader, type PolicyReader } from './reader.js';

/**
 * Loads a built-in tier policy or a policy file with everything it extends, applied built-in
 * tier → organisation → project. Throws one PhasegateError holding every problem found.
 */
export function loadPolicy(ref: PolicyRef, opts?: LoadOptions): EffectivePolicy {
  const o = resolveOptions(opts);
  const { policy, diagnostics } = evaluatePolicyFile(refFile(ref, o), o);
  throwIfAny(diagnostics);
  return policy!;
}

/**
 * Validates each policy file together with its whole extends chain. Returns every problem
 * (each reported once even when files share a parent); an empty list means all are valid.
 */
export function validatePolicyFiles(files: string[], opts?: LoadOptions): Diagnostic[] {
  const o = resolveOptions(opts);
  const cache = new Map<string, LoadedFile>();
  const seen = new Set<string>();
  const all: Diagnostic[] = [];
  for (const file of files) {
    for (const d of evaluatePolicyFile(file, o, cache).diagnostics) {
      const key = JSON.stringify(d);
      if (!seen.has(key)) {
        seen.add(key);
        all.push(d);
      }
    }
  }
  return all;
}
