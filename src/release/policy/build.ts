/**
 * From the `release` section of one parsed policy file (already checked by the schema) to the
 * effective rollout policy, with the checks the schema cannot make, each located at the
 * offending YAML value: weights that go down, approvals that cannot be met or name unknown
 * people, repeated metric names, a marginal score above the pass score, ratio limits above 1.
 */
import type { Diagnostic } from '../../errors.js';
import { locate } from '../../policy/locate.js';
import { didYouMean } from '../../policy/suggest.js';
import type { PolicyFile } from '../../policy/text.js';
import { DEFAULT_APPROVER_ROLE, parseDuration, type ReleaseMetric, type ReleasePolicy, type ReleaseStep } from './types.js';
import { quoted } from '../../policy/quote.js';

type Obj = Record<string, unknown>;
type RawStep = { weight: number; minDuration?: string; minSamples?: number; approvals?: { min: number; of?: string[]; role?: string } };
type RawMetric = Omit<ReleaseMetric, 'harmful' | 'limit' | 'critical' | 'onNoData'> & Partial<ReleaseMetric>;
interface RawRelease {
  steps: RawStep[];
  metrics: RawMetric[];
  score?: { pass?: number; marginal?: number };
  limits?: { failed?: number; inconclusive?: number; consecutiveErrors?: number };
  approvers?: { name: string; role: string }[];
}

/** Default score thresholds and limits. */
export const RELEASE_DEFAULTS = { score: { pass: 95, marginal: 75 }, limits: { failed: 0, inconclusive: 2, consecutiveErrors: 3 } } as const;

function toStep(s: RawStep): ReleaseStep {
  const a = s.approvals;
  return {
    weight: s.weight,
    minDurationMs: parseDuration(s.minDuration ?? '0s') ?? 0,
    minSamples: s.minSamples ?? 0,
    ...(a ? { approvals: { min: a.min, ...(a.of ? { of: [...a.of] } : {}), role: a.role ?? DEFAULT_APPROVER_ROLE } } : {}),
  };
}

function toMetric(m: RawMetric): ReleaseMetric {
  return {
    name: m.name,
    provider: m.provider,
    query: m.query,
    kind: m.kind,
    harmful: m.harmful ?? (m.kind === 'business' ? 'decrease' : 'increase'),
    limit: { ...(m.limit ?? {}) },
    ...(m.tolerance === undefined ? {} : { tolerance: m.tolerance }),
    critical: m.critical ?? false,
    onNoData: m.onNoData ?? 'hold',
  };
}

function problems(raw: RawRelease, at: (segs: string[], message: string) => void): void {
  const names = new Set((raw.approvers ?? []).map((a) => a.name));
  raw.steps.forEach((s, i) => {
    const prev = raw.steps[i - 1];
    if (prev && s.weight < prev.weight) at(['steps', `${i}`, 'weight'], `release.steps[${i}].weight ${s.weight} is below the previous step's ${prev.weight}; traffic weights never go down`);
    const a = s.approvals;
    if (!a) return;
    if (a.of && a.role) at(['steps', `${i}`, 'approvals', 'role'], `release.steps[${i}].approvals has both of and role; give the people (of) or the role, not both`);
    if (a.of && a.min > a.of.length) at(['steps', `${i}`, 'approvals', 'min'], `release.steps[${i}].approvals.min ${a.min} is more than the ${a.of.length} people in of; it could never be met`);
    a.of?.forEach((who, j) => {
      if (!names.has(who)) at(['steps', `${i}`, 'approvals', 'of', `${j}`], `release.steps[${i}].approvals.of names ${quoted(who)}, who is not in release.approvers${didYouMean(who, [...names], '; add them with their role')}`);
    });
  });
  const seen = new Map<string, number>();
  raw.metrics.forEach((m, i) => {
    const first = seen.get(m.name);
    if (first !== undefined) at(['metrics', `${i}`, 'name'], `metric name "${m.name}" repeats release.metrics[${first}]; metric names are unique`);
    else seen.set(m.name, i);
    const { max, min } = m.limit ?? {};
    if (max !== undefined && min !== undefined && min > max) at(['metrics', `${i}`, 'limit'], `release.metrics[${i}].limit has min ${min} above max ${max}; no value could pass`);
    if (m.kind === 'error-ratio') {
      for (const [key, v] of Object.entries(m.limit ?? {})) {
        if (v < 0 || v > 1) at(['metrics', `${i}`, 'limit', key], `release.metrics[${i}].limit.${key} ${v} is not a ratio; an error ratio is a fraction from 0 to 1 (write 1 % as 0.01)`);
      }
    }
  });
  const score = { ...RELEASE_DEFAULTS.score, ...raw.score };
  if (score.marginal > score.pass) at(['score', raw.score?.marginal === undefined ? 'pass' : 'marginal'], `release.score.marginal ${score.marginal} is above release.score.pass ${score.pass}; marginal is the lower threshold`);
}

/**
 * The rollout policy of one file's `release` section, when it passed the schema (`valid`);
 * otherwise nothing (the schema errors are already reported). Semantic problems come back as
 * located diagnostics, and then no policy.
 */
export function buildReleasePolicy(file: PolicyFile, data: unknown, valid: boolean): { release?: ReleasePolicy; diagnostics: Diagnostic[] } {
  const raw = (data as Obj | null)?.release as RawRelease | undefined;
  if (raw === undefined || !valid) return { diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  problems(raw, (segs, message) => {
    const { line, col } = locate(file, ['release', ...segs]);
    diagnostics.push({ file: file.display, line, col, message });
  });
  if (diagnostics.length > 0) return { diagnostics };
  const release: ReleasePolicy = {
    steps: raw.steps.map(toStep),
    metrics: raw.metrics.map(toMetric),
    score: { ...RELEASE_DEFAULTS.score, ...raw.score },
    limits: { ...RELEASE_DEFAULTS.limits, ...raw.limits },
    approvers: (raw.approvers ?? []).map((a) => ({ name: a.name, role: a.role })),
  };
  return { release, diagnostics };
}
