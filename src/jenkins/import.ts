/**
 * Imports a Jenkins job's completed builds into the history store as run records, through
 * the core's `runRecords` (the same records `phasegate record run` writes): time = the
 * build's start, pipeline = the job's full name, build = its number, commit and branch from
 * the git plugin's BuildData, the `tests.*` metrics and failed tests of its test report.
 *
 * Idempotent: run ids derive from project, pipeline and build number, and builds already in
 * the store are not fetched again (the store is queried first), so a second import adds
 * nothing. Builds still running are skipped; builds without a test report are imported with
 * their metadata only.
 *
 * Memory: a few builds are fetched at once (`concurrency`, default 4) but each report is read
 * into a TestTally as soon as it arrives and dropped; records are appended in build order, in
 * batches, so what is held is about one report per request in flight plus one batch of
 * (small) records.
 *
 * Flaky tests across builds. A run record keeps only failed, errored and flaky tests (passes
 * are implied by tests.total), so a test that failed in build N-1 and passed in build N on the
 * same commit would not look like a flip to the history's flaky-test analysis (flakyAmong:
 * passed and failed on one commit). Jenkins says which tests changed: FIXED passes now and
 * failed in the previous build, REGRESSION fails now and passed in the previous build. When
 * the previous build (number N-1) built the same commit, the matching pass is recorded:
 * - FIXED in N: a `passed` entry for the test in N's record;
 * - REGRESSION in N: a `passed` entry in N-1's record, which is held back one build before it
 *   is appended for this reason.
 * A REGRESSION whose previous build was stored by an earlier import cannot change that record
 * (records are append-only); that flip is then not seen.
 */
import { runRecords } from '../core/records.js';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceBundle } from '../evidence/types.js';
import { TestTally } from '../evidence/tests/tally.js';
import type { HistoryStore } from '../store/port.js';
import type { RunRecord } from '../store/records.js';
import { PhasegateError } from '../errors.js';
import type { BuildSummary, JenkinsApi } from './api.js';
import { gitFacts } from './build-data.js';
import { readJenkinsTestReport, type StatusChanges } from './test-report.js';

export interface ImportOptions {
  api: JenkinsApi;
  store: HistoryStore;
  /** The job's full name, folders separated by `/`. */
  job: string;
  /** How many of the last completed builds to import. */
  builds: number;
  /** The project in the store (default: the job's name; for a multibranch branch job, its project's name). */
  project?: string;
  /** --git-remote: picks the BuildData whose remote URL contains it (src/jenkins/build-data.ts). */
  gitRemote?: string;
  /** Builds fetched at once (default 4). */
  concurrency?: number;
  /** Records appended per store write (default 50). */
  batch?: number;
  /** After each build is read: how many of `total` are done, and its number. */
  onProgress?: (done: number, total: number, build: number) => void;
  /** A caveat about one build's report (declared counts that differ from the cases listed, …). */
  onWarning?: (build: number, message: string) => void;
}

export interface ImportSummary {
  project: string;
  pipeline: string;
  /** Run records the store did not have before. */
  added: number;
  /** Builds fetched and imported with a test report, and without one. */
  withReport: number;
  withoutReport: number;
  /** Completed builds skipped because the store has them. */
  alreadyStored: number;
  /** Builds still running, skipped (numbers, newest first). */
  running: number[];
  /** `passed` entries added from FIXED/REGRESSION statuses on a repeated commit. */
  passesAdded: number;
}

/** What one build gives, once its report has been read. */
interface Fetched {
  summary: BuildSummary;
  commit: string;
  branch: string;
  evidence?: EvidenceBundle;
  changes?: StatusChanges;
  warnings: string[];
}

interface Held {
  number: number;
  commit: string;
  record: RunRecord;
}

/** How many builds beyond --builds to list, so running builds at the top do not shorten the import. */
const LIST_MARGIN = 16;

async function fetchBuild(api: JenkinsApi, job: string, pipeline: string, summary: BuildSummary, gitRemote: string | undefined): Promise<Fetched> {
  const [build, report] = await Promise.all([api.build(job, summary.number), api.testReport(job, summary.number)]);
  const { commit, branch } = gitFacts(build.actions, pipeline, gitRemote);
  const base: Fetched = { summary: { ...summary, ...pick(build) }, commit, branch, warnings: [] };
  if (report === null || report === undefined) return base;
  const tally = new TestTally('marked');
  const changes = readJenkinsTestReport(report, `${pipeline} #${summary.number}`, tally.emitter(`${pipeline} #${summary.number}`));
  const evidence: EvidenceBundle = { schemaVersion: EVIDENCE_SCHEMA_VERSION, metrics: tally.metrics(), items: tally.items(), documents: [], sources: [] };
  return { ...base, evidence, changes, warnings: tally.warnings().map((w) => w.message) };
}

function pick(b: BuildSummary): BuildSummary {
  return { number: b.number, building: b.building, result: b.result, timestamp: b.timestamp, duration: b.duration, url: b.url };
}

/** Adds a `passed` entry for each of `ids` the record does not list yet; returns how many. */
function addPasses(record: RunRecord, ids: readonly string[]): number {
  const tests = (record.tests ??= []);
  const have = new Set(tests.map((t) => t.id));
  let n = 0;
  for (const id of ids) {
    if (have.has(id)) continue;
    have.add(id);
    tests.push({ id, outcome: 'passed' });
    n++;
  }
  return n;
}

/** Imports the job's last completed builds (see the module comment). */
export async function importJenkinsBuilds(opts: ImportOptions): Promise<ImportSummary> {
  const { api, store } = opts;
  const job = await api.job(opts.job);
  const pipeline = job.fullName;
  const project = opts.project ?? job.multibranchProject ?? job.name;
  const listed = await api.builds(opts.job, opts.builds + LIST_MARGIN);
  const running = listed.filter((b) => b.building).map((b) => b.number);
  const completed = listed.filter((b) => !b.building).slice(0, opts.builds).sort((a, b) => a.number - b.number);

  const stored = new Map<string, string>();
  for (const r of await store.query({ project, kinds: ['run'] })) if (r.kind === 'run' && r.pipeline === pipeline) stored.set(r.buildId, r.commit);
  const todo = completed.filter((b) => !stored.has(String(b.number)));
  const summary: ImportSummary = { project, pipeline, added: 0, withReport: 0, withoutReport: 0, alreadyStored: completed.length - todo.length, running, passesAdded: 0 };

  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const batchSize = Math.max(1, opts.batch ?? 50);
  let batch: RunRecord[] = [];
  let held: Held | undefined;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    summary.added += await store.append(records);
  };

  // Fetch up to `concurrency` builds ahead, read them in build order.
  const inflight: Array<Promise<Fetched>> = [];
  let next = 0;
  const startMore = (): void => {
    while (inflight.length < concurrency && next < todo.length) {
      const p = fetchBuild(api, opts.job, pipeline, todo[next++]!, opts.gitRemote);
      p.catch(() => undefined); // awaited in order below; a later failure must not be "unhandled" meanwhile
      inflight.push(p);
    }
  };
  startMore();
  let done = 0;
  try {
    while (inflight.length > 0) {
      const f = await inflight.shift()!;
      startMore();
      const n = f.summary.number;
      for (const w of f.warnings) opts.onWarning?.(n, w);
      const [record] = runRecords({ project, time: new Date(f.summary.timestamp), pipeline, build: String(n), commit: f.commit, branch: f.branch }, f.evidence);
      if (f.evidence) summary.withReport++;
      else summary.withoutReport++;
      if (f.changes && f.commit !== '') {
        const prevCommit = held?.number === n - 1 ? held.commit : stored.get(String(n - 1));
        if (prevCommit === f.commit) {
          summary.passesAdded += addPasses(record, f.changes.fixed);
          // The previous build's record can take the pass only while it is still held back.
          if (held?.number === n - 1 && held.record.tests) summary.passesAdded += addPasses(held.record, f.changes.regressions);
        }
      }
      if (held) batch.push(held.record);
      held = { number: n, commit: f.commit, record };
      if (batch.length >= batchSize) await flush();
      opts.onProgress?.(++done, todo.length, n);
    }
    if (held) batch.push(held.record);
    held = undefined;
    await flush();
  } catch (err) {
    // Every record appended so far is whole; the held-back one waits for the next import.
    await flush().catch(() => undefined);
    if (err instanceof PhasegateError && summary.added > 0) {
      throw new PhasegateError({ message: `${err.message} (${summary.added} builds were imported before this; run the import again to add the rest)` });
    }
    throw err;
  }
  return summary;
}
