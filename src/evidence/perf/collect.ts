/**
 * The `--perf` step of evidence collection: perf.* metrics, their sources, and with
 * `--perf-baseline` the change metrics against a result file or the latest recorded run.
 */
import { PhasegateError } from '../../errors.js';
import { expand, type CollectOptions, type Run } from '../index.js';
import { latestRecordedPerf } from './baseline.js';
import { perfChanges, readPerf } from './index.js';

/** Reads `files` into the run's bundle (metrics, sources, warnings). */
export async function collectPerf(run: Run, files: string[], opts: CollectOptions): Promise<void> {
  const { bundle } = run;
  const current = await readPerf(files.map((file) => ({ file, shown: run.shown(file) })));
  Object.assign(bundle.metrics, current.metrics);
  for (const f of current.formats) bundle.sources.push({ kind: 'perf', path: f.shown, format: f.format });
  if (!opts.perfBaseline) return;
  const baseline = await baselineMetrics(run, opts);
  if (baseline) Object.assign(bundle.metrics, perfChanges(current.metrics, baseline));
}

async function baselineMetrics(run: Run, opts: CollectOptions): Promise<Record<string, number> | undefined> {
  const ref = opts.perfBaseline!;
  const branch = /^store:(.+)$/.exec(ref)?.[1];
  if (branch === undefined) {
    const files = expand([ref], '--perf-baseline', run.cwd, false);
    const read = await readPerf(files.map((file) => ({ file, shown: run.shown(file) })));
    for (const f of read.formats) run.bundle.sources.push({ kind: 'perf', path: f.shown, format: `${f.format} (baseline)` });
    return read.metrics;
  }
  if (!opts.project || !opts.openHistory) throw new PhasegateError({ message: `--perf-baseline ${ref}: give --project P (and --store URL) to read the branch's last recorded run` });
  const store = await opts.openHistory();
  try {
    const found = await latestRecordedPerf(store, opts.project, branch);
    if (!found) {
      (run.bundle.warnings ??= []).push({ file: ref, message: `no run recorded for ${opts.project} on ${branch} has perf.* metrics; no change metrics (record one with phasegate record run --evidence)` });
      return undefined;
    }
    run.bundle.sources.push({ kind: 'perf', path: `${ref}@${found.run.buildId}`, format: 'recorded-run (baseline)' });
    return found.metrics;
  } finally {
    await store.close();
  }
}
