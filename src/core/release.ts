/**
 * One look at a rollout step, the same for every edge (CLI, GitHub Actions, the App, Jenkins):
 * check the policy can be judged, read and verify the rollout's history and approvals, plan
 * the look (the data since the step began, or its window), fetch canary and baseline per
 * metric, decide, and append the hash-chained decision record. The edge supplies the store
 * (opened), the providers, the clock, the record key and the known secrets, and publishes what
 * comes back; nothing here reads the environment or prints.
 */
import { PhasegateError, type Diagnostic } from '../errors.js';
import { policyDigest } from '../policy/digest.js';
import type { EffectivePolicy } from '../policy/types.js';
import { decideStep, describeLook, planLook, stepStartOf, type Approval, type LookPlan, type MetricInput, type StepDecision } from '../release/decision/index.js';
import { judgeabilityProblems, type SettingRef } from '../release/judge/policy-check.js';
import type { ReleaseMetric, ReleasePolicy } from '../release/policy/types.js';
import { fetchPair, type MetricProvider } from '../release/providers/index.js';
import { appendDecision, assertIntact, buildDecisionRecord, redactDecision, type DecisionRecord, type RecordKey } from '../release/record/index.js';
import type { Redactor } from '../io/redact.js';
import type { HistoryStore } from '../store/port.js';
import type { ApprovalRecord } from '../store/records.js';
import { formatDuration } from '../release/decision/look.js';

/** Where a release setting sits in the policy's files (file, line, column), when the edge can tell. */
export type LocateSetting = (ref: SettingRef) => Omit<Diagnostic, 'message'>;

/** One look at a rollout step. */
export interface ReleaseLookRequest {
  project: string;
  rollout: string;
  /** The step judged (0-based); it must be the rollout's current step to be promoted. */
  step: number;
  policy: EffectivePolicy & { release: ReleasePolicy };
  /** The history store, opened by the edge (and closed by it). */
  store: HistoryStore;
  /** The provider of a metric's samples. */
  providerFor: (metric: ReleaseMetric) => MetricProvider;
  now: Date;
  /** When the rollout started; default its first decision's time, else `now`. */
  startedAt?: Date;
  /** The commit released: approvals must name it. */
  commit?: string;
  /** Looks restart on windows of this many ms (--window); undefined: one sequence per step. */
  windowMs?: number;
  /** Seconds between points of a range query (default 60). */
  queryStep?: number;
  /** The record key (keyed chains). */
  key?: RecordKey;
  /** Removes the run's known secrets (URLs with passwords, tokens) from every message. */
  redactor?: Redactor;
  /** Locates a policy setting for the one-line error of a policy the judge cannot work with. */
  locate?: LocateSetting;
  /** The step's error rate (default 0.05). */
  alpha?: number;
}

/** What a look decided, the record appended, and the data range it read. */
export interface ReleaseLook {
  decision: StepDecision;
  record: DecisionRecord;
  look: LookPlan;
}

/** Exit code per decision, for every edge: 0 promote, 1 rollback, 3 hold (2 is "could not evaluate"). */
export const RELEASE_EXIT: Readonly<Record<StepDecision['decision'], number>> = { promote: 0, rollback: 1, hold: 3 };

/** Every reason the policy or the request cannot be judged, located; empty when they can. */
export function releaseRequestProblems(req: Pick<ReleaseLookRequest, 'policy' | 'step' | 'windowMs' | 'locate'>): Diagnostic[] {
  const { release } = req.policy;
  const at = (ref: SettingRef) => req.locate?.(ref) ?? {};
  const out = judgeabilityProblems(release).map((p) => ({ ...at(p.at), message: p.message }));
  if (!Number.isInteger(req.step) || req.step < 0 || req.step >= release.steps.length) {
    out.push({ message: `step ${req.step} is not a step of the policy: it has ${release.steps.length} (0 to ${release.steps.length - 1})` });
    return out;
  }
  const spec = release.steps[req.step]!;
  if (req.windowMs !== undefined && req.windowMs < spec.minDurationMs) {
    out.push({
      ...at({ step: req.step, key: 'minDuration' }),
      message: `--window ${formatDuration(req.windowMs)} is shorter than release.steps[${req.step}].minDuration ${formatDuration(spec.minDurationMs)}: a window must hold the step's whole minimum duration; give --window ${formatDuration(spec.minDurationMs)} or more, or leave it out (each look then reads everything since the step began)`,
    });
  }
  return out;
}

/** Canary and baseline of every metric over the look's range; provider failures become data failures. */
async function fetchMetrics(req: ReleaseLookRequest, look: LookPlan): Promise<MetricInput[]> {
  return Promise.all(
    req.policy.release.metrics.map(async (m): Promise<MetricInput> => {
      const pair = await fetchPair(req.providerFor(m), { query: m.query, start: new Date(look.from), end: new Date(look.to), step: req.queryStep ?? 60 });
      if (!pair.ok) {
        const failed = { ok: false as const, reason: pair.reason, message: pair.message };
        return { name: m.name, canary: failed, baseline: failed };
      }
      // Sorted once here: rank statistics ignore order, and every later pass over 10^6 values is then cheaper.
      const data = (s: typeof pair.canary) => ({ ok: true as const, samples: Array.from(Float64Array.from(s.samples).sort()), digest: s.digest, source: s.source, count: s.samples.length });
      return { name: m.name, canary: data(pair.canary), baseline: data(pair.baseline) };
    }),
  );
}

/**
 * Judges the rollout's current step and appends the decision to its hash chain. Throws a
 * PhasegateError (the edge exits 2) before anything is fetched or written when the policy
 * cannot be judged or the request is wrong, and before deciding when the history is not
 * intact or is keyed without its key.
 */
export async function evaluateRelease(req: ReleaseLookRequest): Promise<ReleaseLook> {
  const problems = releaseRequestProblems(req);
  if (problems.length > 0) throw new PhasegateError(problems);
  const { release } = req.policy;
  const { project, rollout, store } = req;
  const records = await store.query({ project, kinds: ['decision'] });
  const history = assertIntact({ project, rollout, records, warnings: store.warnings(), key: req.key });
  const approvals: Approval[] = (await store.query({ project, kinds: ['approval'] }))
    .filter((r): r is ApprovalRecord => r.kind === 'approval' && r.rollout === rollout)
    .map((r) => ({ who: r.who, time: r.time, commit: r.commit, step: r.step }));
  const now = req.now.getTime();
  const startedAt = req.startedAt?.getTime() ?? (history[0] ? Date.parse(history[0].time) : now);
  const look = planLook(stepStartOf(history, startedAt), now, req.windowMs);
  const metrics = await fetchMetrics(req, look);
  const decided = decideStep({ policy: release, step: req.step, metrics, approvals, now, startedAt, history, commit: req.commit, alpha: req.alpha, window: look.window?.index });
  const withLook: StepDecision = { ...decided, reasons: [...decided.reasons, { code: 'look', effect: 'info', message: describeLook(look) }] };
  const decision = req.redactor ? redactDecision(withLook, req.redactor) : withLook;
  const context = { project, rollout, policy: { name: req.policy.name, digest: policyDigest(req.policy) }, weight: release.steps[req.step]!.weight, commit: req.commit, key: req.key };
  const record = buildDecisionRecord(context, decision, history.at(-1));
  await appendDecision(store, record);
  return { decision, record, look };
}
