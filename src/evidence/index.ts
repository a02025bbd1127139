/**
 * Evidence collection: test, coverage and SARIF reports, code size, documents, git and
 * platform facts, gathered into one deterministic evidence bundle.
 */
import path from 'node:path';
import { stringify } from 'safe-stable-stringify';
import { globSync } from 'tinyglobby';
import { PhasegateError } from '../errors.js';
import { CoverageMap, readCoverageReport } from './coverage/index.js';
import { newCodeCoverage } from './coverage/new-code.js';
import { documentMetrics, parseDocsEntry, readDocument } from './docs.js';
import { displayPath } from './files.js';
import { GitRepo, type AddedLines } from './git.js';
import { ALWAYS_IGNORED, PathResolver } from './paths.js';
import { FindingSet } from './sarif/index.js';
import { measureSize } from './size.js';
import { TestTally, readTestReport } from './tests/index.js';
import { EVIDENCE_SCHEMA_VERSION, type DocumentEvidence, type EvidenceBundle, type EvidenceItem, type EvidenceSource } from './types.js';
import { assertValidEvidence, readFactsFile } from './validate.js';

export { assertValidEvidence, readEvidenceFile } from './validate.js';
export type * from './types.js';

/** What to collect. Globs and paths are relative to `cwd`. */
export interface CollectOptions {
  junit: string[];
  coverage: string[];
  sarif: string[];
  /** `KIND=GLOB` or `GLOB` (kind from front matter `kind:`, else the parent folder). */
  docs: string[];
  /** Source root: code size is measured when given; report paths are matched against it. */
  source?: string;
  /** Base git ref: changed files, new-code coverage, new findings, `size.newKloc`. */
  base?: string;
  /** Platform facts JSON file. */
  facts?: string;
  /** A glob that matches nothing is an error unless this is set. */
  allowEmpty?: boolean;
  cwd: string;
  /** Code-size include globs, relative to `source` (default: everything). */
  include?: string[];
  /** Code-size exclude globs, added to the vendored/generated defaults. */
  exclude?: string[];
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => {
  const x = key(a), y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Files matched by `globs` (absolute, sorted, unique); a glob matching nothing is an error unless allowed. */
function expand(globs: string[], flag: string, cwd: string, allowEmpty: boolean): string[] {
  const files = new Set<string>();
  for (const glob of globs) {
    const matched = globSync(glob, { cwd, absolute: true, onlyFiles: true, dot: true, ignore: ALWAYS_IGNORED, expandDirectories: false });
    if (matched.length === 0 && !allowEmpty) {
      throw new PhasegateError({ message: `${flag} ${glob}: no file matches; check the path and quoting, or pass --allow-empty` });
    }
    for (const f of matched) files.add(path.resolve(f));
  }
  return [...files].sort();
}

/** Collects an evidence bundle as `opts` says. Throws PhasegateError for any input problem. */
export async function collectEvidence(opts: CollectOptions): Promise<EvidenceBundle> {
  const cwd = path.resolve(opts.cwd);
  const allowEmpty = Boolean(opts.allowEmpty);
  const shown = (f: string): string => displayPath(f, cwd);
  const root = opts.source ? path.resolve(cwd, opts.source) : cwd;
  const paths = new PathResolver(cwd, root);
  const metrics: Record<string, number> = {};
  const items: EvidenceItem[] = [];
  const sources: EvidenceSource[] = [];
  const bundle: EvidenceBundle = { schemaVersion: EVIDENCE_SCHEMA_VERSION, metrics, items, documents: [], sources };

  const junitFiles = expand(opts.junit, '--junit', cwd, allowEmpty);
  const coverageFiles = expand(opts.coverage, '--coverage', cwd, allowEmpty);
  const sarifFiles = expand(opts.sarif, '--sarif', cwd, allowEmpty);
  const docEntries = opts.docs.map(parseDocsEntry).map((e) => ({ ...e, files: expand([e.glob], '--docs', cwd, allowEmpty) }));

  const git = new GitRepo(cwd);
  let added: AddedLines | undefined;
  if (opts.base) {
    git.checkBase(opts.base);
    const files = git.changedFiles(opts.base);
    added = git.addedLines(opts.base);
    bundle.changes = { base: opts.base, files };
    metrics['changes.files'] = files.length;
    sources.push({ kind: 'git', path: opts.base });
  }

  if (junitFiles.length > 0) {
    const tally = new TestTally();
    for (const f of junitFiles) sources.push({ kind: 'junit', path: shown(f), format: await readTestReport(f, shown(f), tally, (p) => paths.normalise(p)) });
    Object.assign(metrics, tally.metrics());
    items.push(...tally.items());
  }

  if (coverageFiles.length > 0) {
    const map = new CoverageMap();
    for (const f of coverageFiles) sources.push({ kind: 'coverage', path: shown(f), format: await readCoverageReport(f, shown(f), map, paths) });
    Object.assign(metrics, map.metrics());
    if (added) {
      const fresh = newCodeCoverage(map, added);
      Object.assign(metrics, fresh.metrics);
      bundle.uncoveredNewLines = fresh.uncovered;
    }
  }

  if (sarifFiles.length > 0) {
    const isNewLine = added ? (file: string, line: number | undefined) => isAdded(added!, bundle, file, line) : undefined;
    const findings = new FindingSet(paths, isNewLine);
    for (const f of sarifFiles) {
      findings.read(f, shown(f));
      sources.push({ kind: 'sarif', path: shown(f), format: 'sarif-2.1.0' });
    }
    Object.assign(metrics, findings.metrics());
    items.push(...findings.items.values());
  }

  if (opts.source) {
    Object.assign(metrics, measureSize({ root, cwd, include: opts.include, exclude: opts.exclude }, added));
    sources.push({ kind: 'source', path: shown(root) });
  }

  if (docEntries.length > 0) collectDocuments(docEntries, bundle, shown, git);

  if (opts.facts) {
    const file = path.resolve(cwd, opts.facts);
    bundle.facts = readFactsFile(file, shown(file));
    sources.push({ kind: 'facts', path: shown(file) });
    const approvers = new Set((bundle.facts.approvals ?? []).map((a) => a.by).filter((by) => by !== bundle.facts?.author));
    if (bundle.facts.approvals) metrics['review.approvals'] = approvers.size;
  }

  return finish(bundle);
}

/** A finding is new when its line was added since the base, or its file was added. */
function isAdded(added: AddedLines, bundle: EvidenceBundle, file: string, line: number | undefined): boolean {
  if (line !== undefined) return added.get(file)?.has(line) === true;
  return bundle.changes?.files.some((f) => f.path === file && f.status === 'added') === true;
}

function collectDocuments(
  entries: { kind?: string; files: string[] }[],
  bundle: EvidenceBundle,
  shown: (f: string) => string,
  git: GitRepo,
): void {
  const inRepo = git.isRepo();
  const lastCommit = (f: string): string | undefined => (inRepo ? git.lastCommitDate(f) : undefined);
  const seen = new Map<string, DocumentEvidence>();
  const requirements = new Map<string, boolean>();
  for (const entry of entries) {
    for (const f of entry.files) {
      if (seen.has(f) || f.endsWith('.signoff.yaml')) continue;
      const { doc, requirements: reqs } = readDocument(f, shown(f), entry.kind, lastCommit);
      seen.set(f, doc);
      for (const [id, ok] of reqs ?? []) requirements.set(id, ok || requirements.get(id) === true);
      bundle.sources.push({ kind: 'docs', path: doc.path });
    }
  }
  bundle.documents = [...seen.values()];
  Object.assign(bundle.metrics, documentMetrics(bundle.documents, requirements));
}

/** Sorts everything that has no meaningful order, then checks the bundle against its schema. */
function finish(bundle: EvidenceBundle): EvidenceBundle {
  bundle.items.sort(byKey((i) => `${i.kind}\u0000${i.id}\u0000${i.file ?? ''}\u0000${i.line ?? 0}`));
  bundle.documents.sort(byKey((d) => d.path));
  bundle.sources.sort(byKey((s) => `${s.kind}\u0000${s.path}`));
  bundle.metrics = Object.fromEntries(Object.entries(bundle.metrics).sort(byKey(([k]) => k)));
  assertValidEvidence(bundle, 'collected evidence');
  return bundle;
}

/** The bundle as canonical JSON text (sorted keys, 2-space indent, final newline): byte-identical for equal bundles. */
export function serializeEvidence(bundle: EvidenceBundle): string {
  return `${stringify(bundle, null, 2)}\n`;
}
