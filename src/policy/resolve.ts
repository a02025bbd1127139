/**
 * Follows `extends` from a policy file to the built-in tier policies, loading each file once,
 * and returns the layers in application order (parents first, a list of parents in its order,
 * a file reached twice applied once). Missing files, cycles, targets outside the project and
 * chains deeper than MAX_EXTENDS_DEPTH are reported at the `extends` entry that names them; a
 * file reached through `extends` that is not a policy is reported without any of its content.
 */
import path from 'node:path';
import type { Diagnostic } from '../errors.js';
import { confine, MAX_CHAIN_FILES, MAX_EXTENDS_DEPTH } from './confine.js';
import { buildLayer, type Layer } from './layer.js';
import { readProblem, type PolicyReader } from './reader.js';
import { schemaDiagnostics } from './schema-messages.js';
import { schemaErrors } from './schema.js';
import { excerpt, quoted } from './quote.js';
import { didYouMean } from './suggest.js';
import { parsePolicyBytes, type FileMeta } from './text.js';
import { TIERS, type SourceRef, type Tier } from './types.js';

/** Loader options with defaults applied. */
export interface ResolveOptions {
  builtinDir: string;
  cwd: string;
  reader: PolicyReader;
  /** Folders besides `cwd` (and the built-ins) that `extends` may reach. */
  allowedDirs: string[];
}

/** One file, loaded and checked on its own. */
export interface LoadedFile {
  meta: FileMeta;
  layer?: Layer;
  diagnostics: Diagnostic[];
  /** False when the file parsed but is not a mapping with a `schemaVersion` key. */
  policyLike?: boolean;
  /** Set when the file could not be read at all. */
  readError?: string;
}

/** A policy file with everything it extends, in application order. */
export interface Chain {
  layers: Layer[];
  diagnostics: Diagnostic[];
  /** Display names of the files in the order they were reached (the root first). */
  files: string[];
  /** False when some file of the chain is missing, unparsable or in a cycle: layering is skipped. */
  complete: boolean;
}

// Escaped (a file name may hold control characters) but never cut: it names the file.
const posix = (p: string): string => excerpt(p.split(path.sep).join('/'), Infinity);

/** The path of the built-in policy of a tier. */
export const builtinFile = (tier: Tier, builtinDir: string): string => path.resolve(builtinDir, `${tier}.yaml`);

/** How a file is named: built-ins as `tier:<tier>`, others by their path relative to `cwd`. */
export function fileMeta(abs: string, opts: Pick<ResolveOptions, 'builtinDir' | 'cwd'>): FileMeta {
  const dir = path.resolve(opts.builtinDir);
  const tier = TIERS.find((t) => abs === builtinFile(t, dir));
  // Built-ins are shown relative to the package (`policies/strategic.yaml`), the same on every machine.
  if (tier) return { abs, display: posix(path.relative(path.dirname(dir), abs)), layer: `tier:${tier}` };
  const rel = path.relative(opts.cwd, abs);
  const display = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? posix(abs) : posix(rel);
  return { abs, display, layer: display };
}

/** Loads one file (read from `real`, default `abs`): read, parse, schema, layer model. Cached per absolute path. */
export function loadFile(abs: string, opts: ResolveOptions, cache: Map<string, LoadedFile>, real = abs): LoadedFile {
  const hit = cache.get(abs);
  if (hit) return hit;
  const meta = fileMeta(abs, opts);
  let result: LoadedFile;
  try {
    const parsed = parsePolicyBytes(opts.reader.read(real), meta);
    if (parsed.file) {
      const errors = schemaErrors(parsed.file.data);
      const built = buildLayer(parsed.file, errors);
      const data = parsed.file.data;
      const policyLike = data !== null && typeof data === 'object' && !Array.isArray(data) && 'schemaVersion' in data;
      result = { meta, layer: built.layer, policyLike, diagnostics: [...schemaDiagnostics(parsed.file, errors), ...built.diagnostics] };
    } else {
      result = { meta, diagnostics: parsed.diagnostics };
    }
  } catch (err) {
    result = { meta, diagnostics: [], readError: readProblem(err) };
  }
  cache.set(abs, result);
  return result;
}

const isTier = (ref: string): boolean => (TIERS as readonly string[]).includes(ref);

function refTarget(ref: string, from: string, builtinDir: string): string {
  return isTier(ref) ? builtinFile(ref as Tier, builtinDir) : path.resolve(path.dirname(from), ref);
}

function unreadable(via: { ref: string; at: SourceRef } | undefined, f: LoadedFile): Diagnostic {
  if (!via) return { file: f.meta.display, message: f.readError === 'file not found' ? 'policy file not found' : String(f.readError) };
  // A bare word that is not found is most likely a misspelt tier name.
  const guess = /^[A-Za-z-]+$/.test(via.ref) ? didYouMean(via.ref, TIERS) : '';
  return { file: via.at.file, line: via.at.line, col: via.at.col, message: `extends ${quoted(via.ref)}: ${f.readError}${guess}` };
}

/** A file reached through `extends` must look like a policy before its problems (which quote it) are shown. */
const notAPolicy = (f: LoadedFile): boolean => !f.readError && f.policyLike === false;

/** Loads the file at `root` and everything it extends. */
export function resolveChain(root: string, opts: ResolveOptions, cache: Map<string, LoadedFile>): Chain {
  const chain: Chain = { layers: [], diagnostics: [], files: [], complete: true };
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (abs: string, via?: { ref: string; at: SourceRef }): void => {
    if (stack.includes(abs)) {
      const names = [...stack.slice(stack.indexOf(abs)), abs].map((f) => fileMeta(f, opts).display);
      chain.diagnostics.push({ file: via?.at.file, line: via?.at.line, col: via?.at.col, message: `extends cycle: ${names.join(' -> ')}` });
      chain.complete = false;
      return;
    }
    if (done.has(abs)) return;
    const at = { file: via?.at.file, line: via?.at.line, col: via?.at.col };
    if (stack.length >= MAX_EXTENDS_DEPTH) {
      chain.diagnostics.push({ ...at, message: `extends chain deeper than ${MAX_EXTENDS_DEPTH} files; merge some layers` });
      chain.complete = false;
      return;
    }
    if (done.size >= MAX_CHAIN_FILES) {
      // Said once, at the first entry past the limit.
      if (chain.complete) chain.diagnostics.push({ ...at, message: `extends reaches more than ${MAX_CHAIN_FILES} files; merge some layers` });
      chain.complete = false;
      return;
    }
    done.add(abs);
    let real = abs;
    if (via && !isTier(via.ref)) {
      try {
        const place = confine(abs, [opts.cwd, opts.builtinDir, ...opts.allowedDirs], opts.reader);
        if ('problem' in place) {
          chain.diagnostics.push({ ...at, message: `extends ${quoted(via.ref)}: ${place.problem}` });
          chain.complete = false;
          return;
        }
        real = place.real;
      } catch {
        // Not there (or unreadable): loadFile reports it in its own words.
      }
    }
    const f = loadFile(abs, opts, cache, real);
    if (via && notAPolicy(f)) {
      chain.diagnostics.push({ ...at, message: `extends ${quoted(via.ref)}: not a phasegate policy (no schemaVersion key in a YAML mapping); extends names policy files only` });
      chain.complete = false;
      return;
    }
    chain.files.push(f.meta.display);
    if (f.readError) chain.diagnostics.push(unreadable(via, f));
    chain.diagnostics.push(...f.diagnostics);
    if (!f.layer) {
      chain.complete = false;
      return;
    }
    chain.complete &&= f.layer.extendsValid;
    stack.push(abs);
    for (const e of f.layer.extends) visit(refTarget(e.ref, abs, opts.builtinDir), e);
    stack.pop();
    chain.layers.push(f.layer);
  };
  visit(path.resolve(opts.cwd, root));
  return chain;
}
