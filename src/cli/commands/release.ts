/**
 * `phasegate release evaluate|approve|status|verify`: the gray-release gate as pipeline steps,
 * over the core's release use-case (src/core/release.ts): this file turns flags into a request
 * and the result into output. Exit codes of evaluate: 0 promote, 1 rollback, 3 hold, 2 could
 * not evaluate.
 */
import { approvalRecord, rolloutStatus } from '../../core/release-records.js';
import { evaluateRelease, RELEASE_EXIT, releaseRequestProblems } from '../../core/release.js';
import { PhasegateError } from '../../errors.js';
import { stableJson } from '../../io/json.js';
import { createRedactor } from '../../io/redact.js';
import { loadPolicy } from '../../policy/index.js';
import type { EffectivePolicy, Tier } from '../../policy/types.js';
import { parseDuration, type ReleaseMetric, type ReleasePolicy } from '../../release/policy/types.js';
import { fileProvider, prometheusProvider, type MetricProvider } from '../../release/providers/index.js';
import { isKeyed, readDecisions, recordKeyFromEnv, storeProblems, verifyChain, type DecisionRecord } from '../../release/record/index.js';
import { openStore } from '../../store/open.js';
import { policyRef, usage } from '../options.js';
import { emit } from '../output.js';
import { releaseLocator } from '../release-locate.js';
import { renderDecisionText } from '../release-text.js';

interface Common {
  store: string;
  project: string;
  rollout: string;
}

export interface EvaluateOptions extends Common {
  step: number;
  tier?: Tier;
  policy?: string;
  prometheus?: string;
  prometheusToken?: string;
  samples?: string;
  window?: string;
  queryStep?: number;
  startedAt?: Date;
  commit?: string;
  now?: Date;
  format: 'text' | 'json';
  out?: string;
}

function releasePolicy(opts: EvaluateOptions): EffectivePolicy & { release: ReleasePolicy } {
  const policy = loadPolicy(policyRef(opts), { cwd: process.cwd() });
  if (!policy.release) throw new PhasegateError({ file: opts.policy, message: 'the policy has no release section; add one (docs/release-gate.md)' });
  if (opts.step >= policy.release.steps.length) throw usage(`--step must be 0 to ${policy.release.steps.length - 1} (the policy has ${policy.release.steps.length} steps)`);
  return policy as EffectivePolicy & { release: ReleasePolicy };
}

/** --window as milliseconds: a positive duration, or absent. */
function windowOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw usage(`--window ${JSON.stringify(text)} is not a positive duration; write one such as 10m or 1h30m, at least the step's minDuration, or leave it out`);
  return ms;
}

/** One provider per kind, made on first use; a metric whose provider has no flag is a usage error. */
function providers(opts: EvaluateOptions): (m: ReleaseMetric) => MetricProvider {
  const cache = new Map<string, MetricProvider>();
  return (m) => {
    const hit = cache.get(m.provider);
    if (hit) return hit;
    let p: MetricProvider;
    if (m.provider === 'prometheus') {
      if (!opts.prometheus) throw usage(`metric ${m.name} reads Prometheus: give --prometheus URL`);
      p = prometheusProvider({ url: opts.prometheus, bearerToken: opts.prometheusToken });
    } else {
      if (!opts.samples) throw usage(`metric ${m.name} reads samples from a file: give --samples FILE`);
      p = fileProvider({ file: opts.samples });
    }
    cache.set(m.provider, p);
    return p;
  };
}

/**
 * Judges the current step (the core's evaluateRelease), prints the decision and the new chain
 * head; exit by decision. A policy the judge cannot work with, a bad --window, a damaged or
 * tampered history and a keyed chain without its key exit 2 with one line each.
 */
export async function releaseEvaluate(opts: EvaluateOptions): Promise<number> {
  const policy = releasePolicy(opts);
  const windowMs = windowOf(opts.window);
  const locate = releaseLocator(policy);
  // Before the store is opened: a request that cannot be judged touches nothing.
  const problems = releaseRequestProblems({ policy, step: opts.step, windowMs, locate });
  if (problems.length > 0) throw new PhasegateError(problems);
  const key = recordKeyFromEnv();
  const store = await openStore(opts.store);
  try {
    const { decision: d, record, look } = await evaluateRelease({
      project: opts.project,
      rollout: opts.rollout,
      step: opts.step,
      policy,
      store,
      providerFor: providers(opts),
      now: opts.now ?? new Date(),
      startedAt: opts.startedAt,
      commit: opts.commit,
      windowMs,
      queryStep: opts.queryStep,
      key,
      // Known secrets (store and Prometheus URLs, the token) leave every message before it is printed or stored.
      redactor: createRedactor({ urls: [opts.store, opts.prometheus], values: [opts.prometheusToken] }),
      locate,
    });
    const json = () =>
      stableJson({
        decision: d.decision,
        reasons: d.reasons,
        metrics: d.metrics,
        step: d.step,
        nextStep: d.nextStep,
        score: d.score,
        look: { from: new Date(look.from).toISOString(), to: new Date(look.to).toISOString(), ...(look.window ? { window: look.window.index } : {}) },
        record: { id: record.id, seq: record.seq, hash: record.hash, alg: record.alg, ...(record.keyId ? { keyId: record.keyId } : {}) },
        head: `${record.project}/${record.rollout}=${record.hash}`,
      });
    emit(opts.format === 'json' ? json() : renderDecisionText(d, record), opts.out);
    return RELEASE_EXIT[d.decision];
  } finally {
    await store.close();
  }
}

export interface ApproveOptions extends Common {
  by: string;
  role: string;
  step: number;
  commit: string;
  time?: Date;
}

/** Records an approval; whether it counts is decided at the next evaluation, against the policy. */
export async function releaseApprove(opts: ApproveOptions): Promise<number> {
  const rec = approvalRecord({ project: opts.project, rollout: opts.rollout, step: opts.step, by: opts.by, role: opts.role, commit: opts.commit, time: opts.time ?? new Date() });
  const store = await openStore(opts.store);
  try {
    const added = await store.append([rec]);
    process.stdout.write(added ? `recorded ${opts.by}'s approval (${opts.role}) of step ${opts.step} of ${opts.project}/${opts.rollout} at ${opts.commit}\n` : `${opts.by} already approved step ${opts.step} at ${opts.commit}; a second approval by the same person does not count\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Prints where a rollout stands: its state, last decision and chain head. */
export async function releaseStatus(opts: Common & { steps?: number; format: 'text' | 'json' }): Promise<number> {
  const store = await openStore(opts.store);
  let history: DecisionRecord[];
  try {
    history = await readDecisions(store, opts.project, opts.rollout);
  } finally {
    await store.close();
  }
  const status = rolloutStatus(history, opts.steps);
  if (!status) throw new PhasegateError({ message: `no decision recorded for ${opts.project}/${opts.rollout}; run phasegate release evaluate first` });
  const { state, last } = status;
  const out = { project: opts.project, rollout: opts.rollout, ...status };
  emit(opts.format === 'json' ? stableJson(out) : `${opts.project}/${opts.rollout}: ${status.decisions} decisions; last ${last.decision} at step ${last.step} (${last.time}); state ${stableJson(state).replace(/\s+/g, ' ').trim()}\nchain head ${status.head}\n`, undefined);
  return 0;
}

/**
 * Verifies every decision chain of a project and the store's reading of it; exit 0 intact,
 * 1 tampering or damage found (edited, removed or forged records, torn lines, duplicate ids),
 * 2 when keyed records cannot be checked (no record key, or another one).
 */
export async function releaseVerify(opts: { store: string; project: string; anchor?: string[] }): Promise<number> {
  const key = recordKeyFromEnv();
  const anchors = (opts.anchor ?? []).map((a) => {
    const m = /^([^/=]+)\/([^=]+)=([0-9a-f]{64})$/.exec(a);
    if (!m) throw usage(`--anchor ${a}: expected PROJECT/ROLLOUT=HASH (the chain head printed by release evaluate or status)`);
    return { project: m[1]!, rollout: m[2]!, hash: m[3]! };
  });
  const store = await openStore(opts.store);
  try {
    const records = await store.query({ project: opts.project, kinds: ['decision'] });
    const report = verifyChain(records, anchors, { key });
    const problems = [...storeProblems(store.warnings()), ...report.problems];
    for (const p of problems) process.stderr.write(`phasegate: ${p.problem}: ${p.message}\n`);
    const chains = Object.keys(report.heads).length;
    const unkeyed = key ? records.filter((r) => r.kind === 'decision' && !isKeyed(r.record ?? {})).length : 0;
    const note = unkeyed > 0 ? ` (${unkeyed} of them unkeyed, sha256 only: recorded without a record key)` : '';
    process.stdout.write(problems.length === 0 ? `${records.length} decision records in ${chains} chain${chains === 1 ? '' : 's'} verified: intact${note}\n` : `decision records of ${opts.project} have been tampered with or damaged: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
