/**
 * From the merged `release` section to the effective rollout policy: steps ordered by weight
 * (equal weights in the order first defined), defaults applied, and the checks that need the
 * merged picture, each located where the offending value was set: approvals that cannot be met
 * or name people who are not listed, ratio limits outside 0..1, a minimum above a maximum, a
 * marginal score above the pass score, a section left without steps or metrics.
 */
import type { Diagnostic } from '../../errors.js';
import { quoted } from '../../policy/quote.js';
import { didYouMean } from '../../policy/suggest.js';
import type { SourceRef } from '../../policy/types.js';
import { valueRef, type Origin } from './entries.js';
import { current, diagnosticAt, type EntryState, type Placed, type ReleaseState } from './state.js';
import { DEFAULT_APPROVER_ROLE, parseDuration, type ReleaseMetric, type ReleasePolicy, type ReleaseStep } from './types.js';

type Report = (at: Origin, message: string) => void;

const where = (r: SourceRef): string => `${r.file}:${r.line}:${r.col}`;

/** `release.steps[1].approvals.min` for the value at `o`. */
export const pathLabel = (o: Origin): string => o.segs.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
const parent = (o: Origin): Origin => ({ file: o.file, segs: o.segs.slice(0, -1) });
/** The origin set by the later layer (the first one on a tie). */
const later = (a: Placed | undefined, b: Placed | undefined): Placed | undefined => (a && b ? (b.seq > a.seq ? b : a) : (a ?? b));
const live = (list: readonly EntryState[]): EntryState[] => list.filter((e) => current(e, 'enabled') === true);

/** The enabled steps by weight, steps of equal weight in the order first defined. */
export function orderedSteps(state: ReleaseState): EntryState[] {
  return live(state.lists.steps).sort((a, b) => (a.fields.get('weight') as number) - (b.fields.get('weight') as number) || a.order - b.order);
}

function toStep(s: EntryState): ReleaseStep {
  const min = s.fields.get('approvals.min') as number | undefined;
  const of = s.fields.get('approvals.of') as string[] | undefined;
  return {
    ...(s.key === undefined ? {} : { id: s.key }),
    weight: s.fields.get('weight') as number,
    minDurationMs: parseDuration(String(current(s, 'minDuration'))) ?? 0,
    minSamples: current(s, 'minSamples') as number,
    ...(min === undefined ? {} : { approvals: { min, ...(of ? { of: [...of] } : {}), role: (s.fields.get('approvals.role') as string | undefined) ?? DEFAULT_APPROVER_ROLE } }),
  };
}

function toMetric(m: EntryState): ReleaseMetric {
  const v = (f: string) => current(m, f);
  const limit = Object.fromEntries(['max', 'min'].flatMap((k) => (m.fields.has(`limit.${k}`) ? [[k, m.fields.get(`limit.${k}`)]] : [])));
  return {
    name: m.key!,
    provider: v('provider') as ReleaseMetric['provider'],
    query: v('query') as string,
    kind: v('kind') as ReleaseMetric['kind'],
    harmful: v('harmful') as ReleaseMetric['harmful'],
    limit,
    ...(m.fields.has('tolerance') ? { tolerance: m.fields.get('tolerance') as number } : {}),
    critical: v('critical') as boolean,
    onNoData: v('onNoData') as ReleaseMetric['onNoData'],
  };
}

function approvalProblems(s: EntryState, approvers: ReadonlyMap<string, EntryState>, report: Report): void {
  const min = s.fields.get('approvals.min') as number | undefined;
  const of = s.fields.get('approvals.of') as string[] | undefined;
  const ofAt = s.origins.get('approvals.of');
  const who = ofAt ?? s.origins.get('approvals.role');
  if (min === undefined && who) report(parent(who), `${pathLabel(parent(who))} needs min: how many approvals promote out of the step`);
  if (!of || !ofAt) return;
  const minAt = s.origins.get('approvals.min')!;
  if (min !== undefined && min > of.length) {
    const at = later(minAt, ofAt)!;
    report(at, at === minAt ? `${pathLabel(minAt)} ${min} is more than the ${of.length} people in of; it could never be met` : `${pathLabel(ofAt)} names ${of.length} people, fewer than approvals.min ${min}; it could never be met`);
  }
  of.forEach((name, j) => {
    const person = approvers.get(name);
    if (person && current(person, 'enabled') === true) return;
    const named = `${pathLabel(ofAt)} names ${quoted(name)}`;
    if (person) report(person.origins.get('enabled')!, `approver ${quoted(name)} is removed here, but ${named} (at ${where(valueRef(ofAt, `${j}`))}); keep them, or take them out of that step's of`);
    else report({ file: ofAt.file, segs: [...ofAt.segs, `${j}`] }, `${named}, who is not in release.approvers${didYouMean(name, live([...approvers.values()]).map((a) => a.key!), '; add them with their role')}`);
  });
}

function metricProblems(m: EntryState, report: Report): void {
  const maxAt = m.origins.get('limit.max');
  const minAt = m.origins.get('limit.min');
  const max = m.fields.get('limit.max') as number | undefined;
  const min = m.fields.get('limit.min') as number | undefined;
  const both = later(maxAt, minAt);
  if (max !== undefined && min !== undefined && min > max && both) report(parent(both), `${pathLabel(parent(both))} has min ${min} above max ${max}; no value could pass`);
  if (current(m, 'kind') !== 'error-ratio') return;
  for (const [v, at] of [[max, maxAt], [min, minAt]] as const) {
    if (v !== undefined && (v < 0 || v > 1)) report(at!, `${pathLabel(at!)} ${v} is not a ratio; an error ratio is a fraction from 0 to 1 (write 1 % as 0.01)`);
  }
}

function scoreProblem(score: EntryState, report: Report): void {
  const pass = current(score, 'pass') as number;
  const marginal = current(score, 'marginal') as number;
  const at = later(score.origins.get('marginal'), score.origins.get('pass'));
  if (marginal > pass && at) report(at, `release.score.marginal ${marginal} is above release.score.pass ${pass}; marginal is the lower threshold`);
}

function emptyProblem(state: ReleaseState, part: 'steps' | 'metrics', left: number, diagnostics: Diagnostic[]): void {
  if (!state.given[part]) diagnostics.push(diagnosticAt(state.first, `missing required key "${part}" in release`, false));
  else if (left === 0) diagnostics.push(diagnosticAt(state.last, `release has no ${part} left: every one is removed (enabled: false); keep at least one`, false));
}

/**
 * The effective rollout policy of the merged section, or none when a problem was found (each
 * reported where the offending value was set).
 */
export function buildRelease(state: ReleaseState): { release?: ReleasePolicy; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (at, message) => diagnostics.push(diagnosticAt(at, message, false));
  const steps = orderedSteps(state);
  const metrics = live(state.lists.metrics);
  const approvers = live(state.lists.approvers);
  emptyProblem(state, 'steps', steps.length, diagnostics);
  emptyProblem(state, 'metrics', metrics.length, diagnostics);
  const byName = new Map(state.lists.approvers.map((a) => [a.key!, a]));
  for (const s of steps) approvalProblems(s, byName, report);
  for (const m of metrics) metricProblems(m, report);
  scoreProblem(state.score, report);
  if (diagnostics.length > 0) return { diagnostics };
  const release: ReleasePolicy = {
    steps: steps.map(toStep),
    metrics: metrics.map(toMetric),
    score: { pass: current(state.score, 'pass') as number, marginal: current(state.score, 'marginal') as number },
    limits: { failed: current(state.limits, 'failed') as number, inconclusive: current(state.limits, 'inconclusive') as number, consecutiveErrors: current(state.limits, 'consecutiveErrors') as number },
    approvers: approvers.map((a) => ({ name: a.key!, role: a.fields.get('role') as string })),
  };
  return { release, diagnostics };
}
