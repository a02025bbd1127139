/**
 * `phasegate release evaluate|approve|status|verify`: the gray-release gate as pipeline steps.
 * Exit codes of evaluate: 0 promote, 1 rollback, 3 hold, 2 could not evaluate.
 */
import { PhasegateError } from '../../errors.js';
import { stableJson } from '../../io/json.js';
import { loadPolicy, policyDigest } from '../../policy/index.js';
import type { EffectivePolicy, Tier } from '../../policy/types.js';
import { decideStep, replay, type Approval, type MetricInput, type StepDecision } from '../../release/decision/index.js';
import type { ReleaseMetric } from '../../release/policy/types.js';
import { fetchPair, fileProvider, prometheusProvider, type MetricProvider } from '../../release/providers/index.js';
import { appendDecision, assertIntact, buildDecisionRecord, isKeyed, readDecisions, recordKeyFromEnv, redactDecision, storeProblems, verifyChain, type DecisionRecord } from '../../release/record/index.js';
import { createRedactor } from '../../io/redact.js';
import { openStore, recordId } from '../../store/open.js';
import { RECORD_SCHEMA_VERSION, type ApprovalRecord } from '../../store/records.js';
import { policyRef, usage } from '../options.js';
import { emit } from '../output.js';
import { renderDecisionText } from '../release-text.js';

export const DECISION_EXIT: Record<StepDecision['decision'], number> = { promote: 0, rollback: 1, hold: 3 };

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

function releasePolicy(opts: EvaluateOptions): EffectivePolicy & { release: NonNullable<EffectivePolicy['release']> } {
  const policy = loadPolicy(policyRef(opts), { cwd: process.cwd() });
  if (!policy.release) throw new PhasegateError({ file: opts.policy, message: 'the policy has no release section; add one (docs/release-gate.md)' });
  if (opts.step < 0 || opts.step >= policy.release.steps.length) throw usage(`--step must be 0 to ${policy.release.steps.length - 1} (the policy has ${policy.release.steps.length} steps)`);
  return policy as EffectivePolicy & { release: NonNullable<EffectivePolicy['release']> };
}

function providerFor(m: ReleaseMetric, opts: EvaluateOptions, cache: Map<string, MetricProvider>): MetricProvider {
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
}

async function gather(metrics: readonly ReleaseMetric[], opts: EvaluateOptions, start: Date, end: Date): Promise<MetricInput[]> {
  const cache = new Map<string, MetricProvider>();
  return Promise.all(
    metrics.map(async (m): Promise<MetricInput> => {
      const pair = await fetchPair(providerFor(m, opts, cache), { query: m.query, start, end, step: opts.queryStep ?? 60 });
      if (!pair.ok) return { name: m.name, canary: { ok: false, reason: pair.reason, message: pair.message }, baseline: { ok: false, reason: pair.reason, message: pair.message } };
      // Sorted once here: rank statistics ignore order, and every later pass over 10^6 values is then cheaper.
      const data = (s: typeof pair.canary) => ({ ok: true as const, samples: Array.from(Float64Array.from(s.samples).sort()), digest: s.digest, source: s.source, count: s.samples.length });
      return { name: m.name, canary: data(pair.canary), baseline: data(pair.baseline) };
    }),
  );
}

/** When the current step began: the last promotion, else the rollout's start. */
function stepStarted(history: readonly DecisionRecord[], startedAt: number): number {
  const promoted = history.filter((d) => d.decision === 'promote').at(-1);
  return promoted ? Date.parse(promoted.time) : startedAt;
}

/**
 * Judges the current step, appends the decision to the hash chain, prints it and the new chain
 * head; exit by decision. Refuses (exit 2) before deciding when the rollout's history does not
 * verify or the store reports damage, or when the chain is keyed and its key is not set.
 */
export async function releaseEvaluate(opts: EvaluateOptions): Promise<number> {
  const policy = releasePolicy(opts);
  const key = recordKeyFromEnv();
  const rel = policy.release;
  const now = opts.now ?? new Date();
  const { parseDuration } = await import('../../release/policy/types.js');
  const windowMs = opts.window === undefined ? undefined : parseDuration(opts.window);
  if (opts.window !== undefined && (windowMs === undefined || windowMs <= 0)) throw usage('--window must be a duration such as 10m or 1h');
  const store = await openStore(opts.store);
  try {
    const records = await store.query({ project: opts.project, kinds: ['decision'] });
    const history = assertIntact({ project: opts.project, rollout: opts.rollout, records, warnings: store.warnings(), key });
    const approvals: Approval[] = (await store.query({ project: opts.project, kinds: ['approval'] }))
      .filter((r): r is ApprovalRecord => r.kind === 'approval' && r.rollout === opts.rollout)
      .map((r) => ({ who: r.who, time: r.time, commit: r.commit, step: r.step }));
    const startedAt = opts.startedAt?.getTime() ?? (history[0] ? Date.parse(history[0].time) : now.getTime());
    const stepStart = stepStarted(history, startedAt);
    // Each look reads all the data since the step began (sequential testing), unless --window says otherwise.
    const from = windowMs !== undefined ? now.getTime() - windowMs : Math.min(stepStart, now.getTime() - rel.steps[opts.step]!.minDurationMs);
    const metrics = await gather(rel.metrics, opts, new Date(from), now);
    // Known secrets (store and Prometheus URLs, the token) leave every message before it is printed or stored.
    const redact = createRedactor({ urls: [opts.store, opts.prometheus], values: [opts.prometheusToken] });
    const d = redactDecision(decideStep({ policy: rel, step: opts.step, metrics, approvals, now: now.getTime(), startedAt, history, commit: opts.commit }), redact);
    const ctx = { project: opts.project, rollout: opts.rollout, policy: { name: policy.name, digest: policyDigest(policy) }, weight: rel.steps[opts.step]!.weight, commit: opts.commit, key };
    const record = buildDecisionRecord(ctx, d, history.at(-1));
    await appendDecision(store, record);
    emit(opts.format === 'json' ? stableJson({ decision: d.decision, reasons: d.reasons, metrics: d.metrics, step: d.step, nextStep: d.nextStep, score: d.score, record: { id: record.id, seq: record.seq, hash: record.hash, alg: record.alg, ...(record.keyId ? { keyId: record.keyId } : {}) }, head: `${record.project}/${record.rollout}=${record.hash}` }) : renderDecisionText(d, record), opts.out);
    return DECISION_EXIT[d.decision];
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
  const time = (opts.time ?? new Date()).toISOString();
  const rec: ApprovalRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    kind: 'approval',
    id: recordId(opts.project, 'approval', opts.rollout, String(opts.step), opts.by, opts.commit),
    project: opts.project,
    time,
    rollout: opts.rollout,
    step: opts.step,
    who: opts.by,
    role: opts.role,
    commit: opts.commit,
  };
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
  const last = history.at(-1);
  if (!last) throw new PhasegateError({ message: `no decision recorded for ${opts.project}/${opts.rollout}; run phasegate release evaluate first` });
  const state = replay(history, opts.steps ?? last.step + 2);
  const out = { project: opts.project, rollout: opts.rollout, state, decisions: history.length, last: { decision: last.decision, step: last.step, time: last.time, reasons: last.reasons }, head: last.hash };
  emit(opts.format === 'json' ? stableJson(out) : `${opts.project}/${opts.rollout}: ${history.length} decisions; last ${last.decision} at step ${last.step} (${last.time}); state ${stableJson(state).replace(/\s+/g, ' ').trim()}\nchain head ${last.hash}\n`, undefined);
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
