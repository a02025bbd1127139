/**
 * Evidence collection: test, coverage and SARIF reports, code size, documents, git and
 * platform facts, gathered into one deterministic evidence bundle. Each kind's reader is
 * imported when that kind is collected (`import()`), so collecting one small report does not
 * pay for loading every reader, the YAML parser and the schema validator.
 */
import path from 'node:path';
import { stableJson } from '../io/json.js';
import { PhasegateError } from '../errors.js';
import type * as Docs from './docs.js';
import { displayPath } from './files.js';
import { GitRepo, type AddedLines } from './git.js';
import { expand } from './expand.js';
import { PathResolver } from './paths.js';
import type { Emit, RetryMode } from './tests/tally.js';
import { EVIDENCE_SCHEMA_VERSION, type DocumentEvidence, type EvidenceBundle } from './types.js';
import type { SizeSettings } from '../policy/types.js';
import type { HistoryStore } from '../store/port.js';
import { assertValidEvidence, readFactsFile } from './validate.js';

export { assertValidEvidence, readEvidenceFile } from './validate.js';
export { expand } from './expand.js';
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
  /** Performance-test results: JMeter JTL, k6 summary JSON, Gatling stats.json, Locust _stats.csv. */
  perf?: string[];
  /**
   * Baseline for perf.*Change metrics: a performance result file (or glob), or `store:BRANCH`
   * for the latest run recorded on BRANCH (needs `store` and `project`).
   */
  perfBaseline?: string;
  /**
   * Opens the history store for `perfBaseline: store:BRANCH` (the edge supplies it, with the URL
   * it was given: the core never opens a store by itself).
   */
  openHistory?: () => Promise<HistoryStore>;
  /** Project in the history store for `perfBaseline: store:BRANCH`. */
  project?: string;
  /** The policy's `settings.size`: languages counted besides or instead of the defaults, more paths left out. */
  size?: SizeSettings;
  /**
   * Which same-named test cases are one test: `marked` (default) merges only elements the
   * report marks as retries; `same-name` merges every repeat of suite + classname + name, for
   * reports that repeat a test on purpose (Gradle without `mergeReruns`, re-run report files).
   */
  retries?: RetryMode;
  /**
   * How many failed tests, and findings of each level, become evidence items (default 1,000);
   * the rest are counted only. An edge that annotates more (GitHub's max-annotations) raises it.
   */
  maxItems?: number;
  /**
   * How messages name each report input and what allows a glob that matches nothing: by
   * default the CLI's (`--junit`, `pass --allow-empty`); an action names its inputs instead.
   */
  names?: ReportInputNames;
  /**
   * Test results that are not files, read into the same tally as the `junit` reports (an edge
   * supplies them: `collect --jenkins-build` reads a Jenkins build's test report).
   */
  testSources?: TestSource[];
}

/** Test results an edge fetched (not a file): read into the tally with the reports. */
export interface TestSource {
  /** How the source is named in the bundle's `sources` and in messages (no credentials). */
  shown: string;
  /** The bundle source's `format`, e.g. `jenkins-test-report`. */
  format: string;
  read(emit: Emit): void;
}

/** The names messages give the report inputs (REPORT_FLAGS: the CLI's). */
export interface ReportInputNames {
  junit: string;
  coverage: string;
  sarif: string;
  docs: string;
  perf: string;
  /** What lets a glob match nothing, or '' when nothing does. */
  allowEmpty: string;
}

export const REPORT_FLAGS: ReportInputNames = { junit: '--junit', coverage: '--coverage', sarif: '--sarif', docs: '--docs', perf: '--perf', allowEmpty: 'pass --allow-empty' };

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => {
  const x = key(a), y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** What every collection step shares. */
export interface Run {
  cwd: string;
  bundle: EvidenceBundle;
  paths: PathResolver;
  git: GitRepo;
  /** Lines added since --base, per file; undefined without a base. */
  added?: AddedLines;
  shown(file: string): string;
}

/** Collects an evidence bundle as `opts` says. Throws PhasegateError for any input problem. */
export async function collectEvidence(opts: CollectOptions): Promise<EvidenceBundle> {
  const cwd = path.resolve(opts.cwd);
  const allowEmpty = Boolean(opts.allowEmpty);
  const root = opts.source ? path.resolve(cwd, opts.source) : cwd;
  const run: Run = {
    cwd,
    bundle: { schemaVersion: EVIDENCE_SCHEMA_VERSION, metrics: {}, items: [], documents: [], sources: [] },
    paths: new PathResolver(cwd, root),
    git: new GitRepo(cwd),
    shown: (f) => displayPath(f, cwd),
  };
  // Every glob is checked before any report is read: a typo fails fast.
  const n = opts.names ?? REPORT_FLAGS;
  const junit = expand(opts.junit, n.junit, cwd, allowEmpty, undefined, n.allowEmpty);
  const coverage = expand(opts.coverage, n.coverage, cwd, allowEmpty, undefined, n.allowEmpty);
  const sarif = expand(opts.sarif, n.sarif, cwd, allowEmpty, undefined, n.allowEmpty);
  const docsReader = opts.docs.length > 0 ? await import('./docs.js') : undefined;
  const docsSeen = new Set<string>(); // a document reached twice (two entries, a link) is read once
  const docs = opts.docs.map((d) => docsReader!.parseDocsEntry(d)).map((e) => ({ ...e, files: expand([e.glob], n.docs, cwd, allowEmpty, docsSeen, n.allowEmpty) }));
  const perf = expand(opts.perf ?? [], n.perf, cwd, allowEmpty, undefined, n.allowEmpty);

  if (opts.base) collectChanges(run, opts.base);
  const testSources = opts.testSources ?? [];
  if (junit.length > 0 || testSources.length > 0) await collectTests(run, junit, opts.retries ?? 'marked', opts.maxItems, testSources);
  if (coverage.length > 0) await collectCoverage(run, coverage);
  if (sarif.length > 0) await collectFindings(run, sarif, opts.maxItems);
  if (opts.source) {
    const { measureSize } = await import('./size.js');
    const reports = [...junit, ...coverage, ...sarif, ...perf]; // never counted as code
    const size = measureSize({ root, cwd, include: opts.include, exclude: opts.exclude, reports, settings: opts.size }, run.added, opts.base && run.added ? run.git.baseVersions(opts.base) : undefined);
    Object.assign(run.bundle.metrics, size.metrics);
    run.bundle.size = size.size;
    run.bundle.sources.push({ kind: 'source', path: run.shown(root) });
    // 0 changed KLOC is a real size, but a density over it has nothing to judge.
    if (run.bundle.metrics['size.newKloc'] === 0) addNotApplicable(run.bundle, { 'defects.newDensity': 'no code line added or changed since the base (size.newKloc is 0)' });
  }
  if (docs.length > 0) collectDocuments(docsReader!, docs, run.bundle, run.shown, run.git);
  if (opts.facts) collectFacts(run, path.resolve(cwd, opts.facts));
  if (perf.length > 0) await (await import('./perf/collect.js')).collectPerf(run, perf, opts);
  return finish(run.bundle);
}

function collectChanges(run: Run, base: string): void {
  run.git.checkBase(base);
  const files = run.git.changedFiles(base);
  run.added = run.git.addedLines(base);
  const since = run.git.firstCommitTime(base);
  run.bundle.changes = { base, ...(since ? { since } : {}), files };
  run.bundle.metrics['changes.files'] = files.length;
  run.bundle.sources.push({ kind: 'git', path: base });
}

async function collectTests(run: Run, files: string[], retries: RetryMode, maxItems?: number, sources: readonly TestSource[] = []): Promise<void> {
  const { TestTally, readTestReport } = await import('./tests/index.js');
  const tally = new TestTally(retries, maxItems);
  for (const f of files) {
    const format = await readTestReport(f, run.shown(f), tally, (p) => run.paths.normalise(p));
    run.bundle.sources.push({ kind: 'junit', path: run.shown(f), format });
  }
  for (const s of sources) {
    s.read(tally.emitter(s.shown));
    run.bundle.sources.push({ kind: 'junit', path: s.shown, format: s.format });
  }
  Object.assign(run.bundle.metrics, tally.metrics());
  // One at a time: a spread of a large array overflows the call stack.
  for (const item of tally.items()) run.bundle.items.push(item);
  const warnings = tally.warnings();
  for (const w of warnings) (run.bundle.warnings ??= []).push(w);
}

async function collectCoverage(run: Run, files: string[]): Promise<void> {
  const { CoverageMap, readCoverageReport } = await import('./coverage/index.js');
  const map = new CoverageMap();
  for (const f of files) {
    const format = await readCoverageReport(f, run.shown(f), map, run.paths);
    run.bundle.sources.push({ kind: 'coverage', path: run.shown(f), format });
  }
  Object.assign(run.bundle.metrics, map.metrics());
  if (run.added) {
    const { newCodeCoverage } = await import('./coverage/new-code.js');
    const fresh = newCodeCoverage(map, run.added);
    Object.assign(run.bundle.metrics, fresh.metrics);
    run.bundle.uncoveredNewLines = fresh.uncovered;
    addNotApplicable(run.bundle, fresh.notApplicable);
  }
}

/** Records metrics with nothing to judge, with the reason; the bundle keeps `notApplicable` absent while empty. */
function addNotApplicable(bundle: EvidenceBundle, entries: Record<string, string>): void {
  if (Object.keys(entries).length > 0) bundle.notApplicable = { ...bundle.notApplicable, ...entries };
}

async function collectFindings(run: Run, files: string[], maxItems?: number): Promise<void> {
  const { FindingSet } = await import('./sarif/index.js');
  const { added, bundle } = run;
  const findings = new FindingSet(run.paths, added ? (file, line) => isAdded(added, bundle, file, line) : undefined, maxItems);
  for (const f of files) {
    await findings.read(f, run.shown(f));
    bundle.sources.push({ kind: 'sarif', path: run.shown(f), format: 'sarif-2.1.0' });
  }
  Object.assign(bundle.metrics, findings.metrics());
  // One at a time: spreading 130,000 findings into push() overflows the call stack.
  for (const item of findings.items.values()) bundle.items.push(item);
  const warnings = findings.warnings();
  if (warnings.length > 0) {
    bundle.warnings ??= [];
    for (const w of warnings) bundle.warnings.push(w);
  }
}

function collectFacts(run: Run, file: string): void {
  const facts = readFactsFile(file, run.shown(file));
  run.bundle.facts = facts;
  run.bundle.sources.push({ kind: 'facts', path: run.shown(file) });
  if (facts.approvals) run.bundle.metrics['review.approvals'] = new Set(facts.approvals.map((a) => a.by).filter((by) => by !== facts.author)).size;
}

/** A finding is new when its line was added since the base, or its file was added. */
function isAdded(added: AddedLines, bundle: EvidenceBundle, file: string, line: number | undefined): boolean {
  if (line !== undefined) return added.get(file)?.has(line) === true;
  return bundle.changes?.files.some((f) => f.path === file && f.status === 'added') === true;
}

function collectDocuments(
  { documentMetrics, readDocument }: typeof Docs,
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

/**
 * Sorts everything that has no meaningful order, then checks the bundle against its schema.
 * The readers build the bundle from checked input, so a schema error here is a phasegate bug,
 * never the user's bad input: it is thrown as an internal error, not a PhasegateError.
 * Exported for tests; callers use collectEvidence.
 */
export function finish(bundle: EvidenceBundle): EvidenceBundle {
  bundle.items.sort(byKey((i) => `${i.kind}\u0000${i.id}\u0000${i.file ?? ''}\u0000${i.line ?? 0}`));
  bundle.documents.sort(byKey((d) => d.path));
  bundle.sources.sort(byKey((s) => `${s.kind}\u0000${s.path}`));
  bundle.metrics = Object.fromEntries(Object.entries(bundle.metrics).sort(byKey(([k]) => k)));
  if (bundle.notApplicable) bundle.notApplicable = Object.fromEntries(Object.entries(bundle.notApplicable).sort(byKey(([k]) => k)));
  if (bundle.warnings?.length) bundle.warnings.sort(byKey((w) => `${w.file}\u0000${w.message}`));
  else delete bundle.warnings;
  try {
    assertValidEvidence(bundle, 'collected evidence');
  } catch (err) {
    if (!(err instanceof PhasegateError)) throw err;
    throw new Error(`phasegate bug: the evidence it collected fails its own bundle schema (${err.message}); please report it with the input reports`);
  }
  return bundle;
}

/** The bundle as canonical JSON text (sorted keys, 2-space indent, final newline): byte-identical for equal bundles. */
export function serializeEvidence(bundle: EvidenceBundle): string {
  return stableJson(bundle);
}
