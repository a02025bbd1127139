/**
 * The loading pipeline: resolve the extends chain, merge its layers, build the effective
 * policy, and gather every problem of every file on the way, sorted by file and position.
 */
import { builtinReader, DEFAULT_BUILTIN_DIR } from './builtin.js';
import { POLICY_PATH_ENV, policyPathDirs } from './confine.js';
import { formatDiagnostic, PhasegateError, type Diagnostic } from '../errors.js';
import { layerRelease } from '../release/policy/merge.js';
import { effectiveRules, effectiveWaivers } from './effective.js';
import type { Layer } from './layer.js';
import { diagnosticAt, mergeRules, where } from './merge.js';
import { nodeReader, type PolicyReader } from './reader.js';
import { mergeSize } from './size-settings.js';
import { builtinFile, resolveChain, type Chain, type LoadedFile, type ResolveOptions } from './resolve.js';
import type { EffectivePolicy, SourceRef, Tier } from './types.js';

export { DEFAULT_BUILTIN_DIR };

/** Default `waiverWarningDays`. */
export const DEFAULT_WAIVER_WARNING_DAYS = 14;

/** Options of loadPolicy and validatePolicyFiles. */
export interface LoadOptions {
  /**
   * Folder to read the built-in `<tier>.yaml` policies from. Default: the package's own, whose
   * text is compiled into the code (src/policy/builtin.ts); they are named `policies/<tier>.yaml`.
   */
  builtinDir?: string;
  /** Layer names and paths in messages are relative to this folder (default: process.cwd()). */
  cwd?: string;
  /** How files are read (default: the file system). */
  reader?: PolicyReader;
  /** Folders besides `cwd` that `extends` may reach (default: those of PHASEGATE_POLICY_PATH). */
  allowedDirs?: string[];
}

/** A built-in tier policy, or a policy file (absolute or relative to `cwd`). */
export type PolicyRef = { tier: Tier } | { file: string };

/** The options with their defaults filled in. */
export function resolveOptions(opts: LoadOptions = {}): ResolveOptions {
  const cwd = opts.cwd ?? process.cwd();
  const allowedDirs = opts.allowedDirs ?? policyPathDirs(process.env[POLICY_PATH_ENV], cwd);
  const reader = opts.reader ?? nodeReader;
  if (opts.builtinDir !== undefined) return { builtinDir: opts.builtinDir, cwd, reader, allowedDirs };
  return { builtinDir: DEFAULT_BUILTIN_DIR, cwd, reader: builtinReader(reader, DEFAULT_BUILTIN_DIR), allowedDirs };
}

/** The effective tier: set once, then only repeated; a contradiction is reported. */
function tierOf(layers: readonly Layer[], diagnostics: Diagnostic[]): Tier | null {
  let set: { value: Tier; at: SourceRef } | undefined;
  for (const t of layers.map((l) => l.tier)) {
    if (!t) continue;
    if (set && set.value !== t.value) {
      diagnostics.push(diagnosticAt(t.at, `tier "${t.value}" contradicts tier "${set.value}" set by ${set.at.layer} at ${where(set.at)}; remove tier here (it is inherited) or extend the ${t.value} policy instead`));
    } else {
      set ??= t;
    }
  }
  return set?.value ?? null;
}

function build(chain: Chain): { policy?: EffectivePolicy; diagnostics: Diagnostic[] } {
  if (!chain.complete) return { diagnostics: chain.diagnostics };
  const { layers } = chain;
  const merged = mergeRules(layers);
  const rules = effectiveRules(merged.rules);
  const waivers = effectiveWaivers(layers, merged.rules);
  const diagnostics = [...chain.diagnostics, ...merged.diagnostics, ...rules.diagnostics, ...waivers.diagnostics];
  const tier = tierOf(layers, diagnostics);
  const days = layers.map((l) => l.waiverWarningDays).filter((d) => d !== undefined);
  const policy: EffectivePolicy = {
    name: layers.at(-1)?.name ?? '',
    tier,
    layers: layers.map((l) => ({ name: l.file.layer, file: l.file.display })),
    rules: rules.rules,
    waivers: waivers.waivers,
    settings: { waiverWarningDays: days.at(-1) ?? DEFAULT_WAIVER_WARNING_DAYS },
  };
  // Only when a layer sets it, so policies without one keep their earlier digests.
  const size = mergeSize(layers.map((l) => l.size));
  if (size) policy.settings.size = size;
  // The same for the KPI window and base branch: the outermost layer that sets one wins.
  const window = layers.map((l) => l.doraWindowDays).filter((d) => d !== undefined).at(-1);
  if (window !== undefined) policy.settings.doraWindowDays = window;
  const base = layers.map((l) => l.baseBranch).filter((b) => b !== undefined).at(-1);
  if (base !== undefined) policy.settings.baseBranch = base;
  // Only when a layer has one: merged key by key, locks enforced (docs/release-gate.md).
  const release = layerRelease(layers.map((l) => l.release));
  diagnostics.push(...release.diagnostics);
  if (release.release) {
    policy.release = release.release;
    policy.releaseSources = release.sources;
  }
  return { policy, diagnostics };
}

/** Diagnostics without repeats, by the order files were reached, then line and column. */
function ordered(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const unique = [...new Map(diagnostics.map((d) => [formatDiagnostic(d), d])).values()];
  const rank = (d: Diagnostic) => (d.file === undefined ? -1 : files.indexOf(d.file));
  return unique.sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Loads the chain at `file` (absolute or relative to cwd) into an effective policy plus all its problems. */
export function evaluatePolicyFile(file: string, opts: ResolveOptions, cache = new Map<string, LoadedFile>()): { policy?: EffectivePolicy; diagnostics: Diagnostic[] } {
  const chain = resolveChain(file, opts, cache);
  const result = build(chain);
  return { policy: result.policy, diagnostics: ordered(result.diagnostics, chain.files) };
}

/** The file a policy reference names. */
export function refFile(ref: PolicyRef, opts: ResolveOptions): string {
  return 'tier' in ref ? builtinFile(ref.tier, opts.builtinDir) : ref.file;
}

/** Throws every diagnostic as one PhasegateError. */
export function throwIfAny(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) throw new PhasegateError(diagnostics);
}
