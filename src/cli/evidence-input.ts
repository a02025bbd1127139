/** Turns the collect flags of `collect` and `gate` into an evidence bundle. */
import { collectEvidence, readEvidenceFile, type CollectOptions, type TestSource } from '../evidence/index.js';
import type { EvidenceBundle } from '../evidence/types.js';
import type { SizeSettings } from '../policy/types.js';
import type { HistoryStore } from '../store/port.js';
import { DEFAULT_STORE, usage } from './options.js';

type Lists = 'junit' | 'coverage' | 'sarif' | 'docs' | 'perf';

/** The collect flags as commander parses them: a repeatable flag never given is undefined. */
export type CollectFlags = Omit<CollectOptions, 'cwd' | 'openHistory' | Lists> & Partial<Pick<CollectOptions, Lists>> & { testRetries?: CollectOptions['retries']; store?: string; jenkinsBuild?: string[] };

/** True when any collect flag was given. */
export function hasCollectFlags(f: CollectFlags): boolean {
  return [f.junit, f.coverage, f.sarif, f.docs, f.perf, f.jenkinsBuild].some((l) => (l?.length ?? 0) > 0) || Boolean(f.source || f.base || f.facts);
}

/** Collects evidence as the flags say, relative to `cwd`; `size` is the policy's `settings.size`, if any. The bundle's warnings go to stderr, one line each. */
export async function collectFromFlags(f: CollectFlags, cwd: string, size?: SizeSettings): Promise<EvidenceBundle> {
  const { junit, coverage, sarif, docs, source, base, facts, allowEmpty, include, exclude, testRetries } = f;
  const lists = { junit: junit ?? [], coverage: coverage ?? [], sarif: sarif ?? [], docs: docs ?? [] };
  const testSources = await jenkinsSources(f);
  const bundle = await collectEvidence({ ...lists, source, base, facts, allowEmpty: Boolean(allowEmpty), include, exclude, retries: testRetries, cwd, ...perfOptions(f, cwd), ...(size ? { size } : {}), ...(testSources.length ? { testSources } : {}) });
  for (const w of bundle.warnings ?? []) process.stderr.write(`warning: ${w.file}: ${w.message}\n`);
  return bundle;
}

/** The test reports of `--jenkins-build URL` builds (the Jenkins client is loaded only then). */
async function jenkinsSources(f: CollectFlags): Promise<TestSource[]> {
  if (!f.jenkinsBuild?.length) return [];
  const { jenkinsBuildSource } = await import('../jenkins/collect.js');
  const out: TestSource[] = [];
  for (const url of f.jenkinsBuild) {
    const source = await jenkinsBuildSource(url, { allowEmpty: Boolean(f.allowEmpty) });
    if (source) out.push(source);
    else process.stderr.write(`warning: --jenkins-build: the build published no test results (allowed by --allow-empty)\n`);
  }
  return out;
}

/** The evidence for a gate: a bundle file or freshly collected (with the policy's `settings.size`), never both. */
export async function gateEvidence(f: CollectFlags & { evidence?: string }, cwd: string, size?: SizeSettings): Promise<EvidenceBundle> {
  if (f.evidence && hasCollectFlags(f)) throw usage('give either --evidence FILE or collect flags (--junit, --coverage, ...), not both');
  if (f.evidence) return readEvidenceFile(f.evidence);
  if (!hasCollectFlags(f)) throw usage('give --evidence FILE or collect flags such as --junit GLOB and --coverage GLOB');
  return collectFromFlags(f, cwd, size);
}

/** The performance flags: `--perf`, `--perf-baseline`, and the store it may read. */
function perfOptions(f: CollectFlags, cwd: string): Pick<CollectOptions, 'perf' | 'perfBaseline' | 'openHistory' | 'project'> {
  if (f.perfBaseline && !(f.perf?.length)) throw usage('--perf-baseline needs --perf GLOB (the results to compare with it)');
  const openHistory = async (): Promise<HistoryStore> => (await import('../store/open.js')).openStore(f.store ?? DEFAULT_STORE, { cwd });
  return { perf: f.perf ?? [], perfBaseline: f.perfBaseline, openHistory, project: f.project };
}
