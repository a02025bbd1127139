/**
 * The gate engine: policy + evidence + phase + now → verdict. Pure and deterministic:
 * no I/O, no clock (the caller passes `now`), output ordered as the policy orders its rules.
 */
import type { EvidenceBundle, EvidenceItem } from '../evidence/types.js';
import type { EffectivePolicy, Phase, Rule, Waiver } from '../policy/types.js';
import type { Outcome } from './outcome.js';
import { evaluateApproval } from './rules/approval.js';
import { evaluateDocument } from './rules/document.js';
import { evaluateFreeze } from './rules/freeze.js';
import { evaluateMetric, resolvedMetric } from './rules/metric.js';
import { emptySummary, MAX_EVIDENCE_REFS, passes, VERDICT_SCHEMA_VERSION, type EvidenceRef, type GateStatus, type RuleResult, type RuleStatus, type Verdict, type WaiverNotice } from './types.js';
import { applied, timeNotice, unapprovedNotice, unusedNotice, waiverState } from './waivers.js';

export interface GateInput {
  policy: EffectivePolicy;
  evidence: EvidenceBundle;
  phase: Phase;
  now: Date;
  /**
   * Waivers of the policy that do not count, each with why (e.g. on GitHub: its named
   * approvers did not approve the change that added it). They waive nothing and get a notice.
   */
  unapproved?: ReadonlyArray<UnapprovedWaiver>;
}

export interface UnapprovedWaiver {
  waiver: Waiver;
  reason: string;
}

function evaluateRule(rule: Rule, evidence: EvidenceBundle, now: Date, adjust: number): Outcome {
  switch (rule.kind) {
    case 'metric':
      return evaluateMetric(rule, evidence, adjust);
    case 'document':
      return evaluateDocument(rule, evidence);
    case 'freeze':
      return evaluateFreeze(rule, evidence, now);
    case 'approval':
      return evaluateApproval(rule, evidence);
  }
}

/**
 * Rule status before waivers: severity turns a failure into fail or warn; onMissing decides
 * missing evidence; onNothingToJudge decides a metric with nothing to judge (`pass` → `n/a`,
 * `warn` → warn, `fail` → not met, so the severity applies).
 */
function rawStatus(rule: Rule, o: Outcome): RuleStatus {
  if (o.result === 'pass') return 'pass';
  if (o.result === 'fail') return rule.severity;
  if (o.result === 'n/a') {
    const on = rule.kind === 'metric' ? rule.onNothingToJudge : 'pass';
    return on === 'pass' ? 'n/a' : on === 'warn' ? 'warn' : rule.severity;
  }
  return rule.onMissing === 'fail' ? 'error' : rule.onMissing;
}

/** Evidence items by the metric they count in, built once per gate on first use. */
type ItemIndex = (metric: string) => readonly EvidenceItem[];

function indexItems(items: readonly EvidenceItem[]): ItemIndex {
  let index: Map<string, EvidenceItem[]> | undefined;
  return (metric) => {
    if (!index) {
      index = new Map();
      for (const item of items) for (const m of item.counts) (index.get(m) ?? index.set(m, []).get(m)!).push(item);
    }
    return index.get(metric) ?? [];
  };
}

/** The finding waivers that match an evidence item counted in the rule's metric, and how many items they remove. */
function findingAdjustment(rule: Rule, items: ItemIndex, waivers: readonly Waiver[]): { used: Waiver[]; count: number } {
  if (rule.kind !== 'metric' || waivers.length === 0) return { used: [], count: 0 };
  const hits = items(resolvedMetric(rule));
  const used = waivers.filter((w) => hits.some((i) => i.id === w.finding));
  const ids = new Set(used.map((w) => w.finding));
  return { used, count: hits.filter((i) => ids.has(i.id)).length };
}

/** The evidence items counted in a non-passing metric rule's metric, for reports and annotations. */
function evidenceRefs(rule: Rule, items: ItemIndex, status: RuleStatus, metric: string | null): EvidenceRef[] {
  if (rule.kind !== 'metric' || passes(status) || !metric) return [];
  return items(metric)
    .slice(0, MAX_EVIDENCE_REFS)
    .map((i) => {
      const ref: EvidenceRef = { id: i.id, title: i.title, level: i.level };
      if (i.file !== undefined) ref.file = i.file;
      if (i.line !== undefined) ref.line = i.line;
      if (i.message !== undefined) ref.message = i.message;
      return ref;
    });
}

/** What the policy made of nothing to judge, when it did not let the rule pass as n/a. */
function nothingToJudgeNote(rule: Rule, status: RuleStatus): string {
  if (status === 'n/a' || rule.kind !== 'metric') return '';
  return ` (this rule counts nothing to judge as ${rule.onNothingToJudge === 'warn' ? 'a warning' : 'not met'}: onNothingToJudge: ${rule.onNothingToJudge})`;
}

/** The default hint of a rule the policy fails or warns on when there is nothing to judge. */
function nothingToJudgeHint(rule: Rule): string {
  const metric = rule.kind === 'metric' ? resolvedMetric(rule) : rule.id;
  return `give the change something for ${metric} to judge, or let the rule pass when there is nothing to judge (onNothingToJudge: pass)`;
}

/**
 * How many items count in a metric: readers list a bounded number of failures and findings
 * but count them all, so a count metric larger than its listed items is the total.
 */
function itemTotal(listed: number, value: number | undefined): number {
  return listed > 0 && value !== undefined && Number.isInteger(value) && value > listed ? value : listed;
}

function missingNote(rule: Rule, status: RuleStatus): string {
  if (status === 'pass') return ' (missing evidence counts as pass for this rule)';
  if (status === 'warn') return ' (missing evidence counts as a warning for this rule)';
  return rule.onMissing === 'fail' ? ' (missing evidence fails this rule)' : '';
}

function judge(rule: Rule, input: GateInput, items: ItemIndex, active: readonly Waiver[], notices: WaiverNotice[]): RuleResult {
  const whole = active.find((w) => w.finding === undefined);
  const findingWaivers = active.filter((w) => w.finding !== undefined);
  const before = evaluateRule(rule, input.evidence, input.now, 0);
  const failedBefore = !passes(rawStatus(rule, before));
  const { used, count } = failedBefore ? findingAdjustment(rule, items, findingWaivers) : { used: [], count: 0 };
  const outcome = count > 0 ? evaluateRule(rule, input.evidence, input.now, count) : before;
  let status = rawStatus(rule, outcome);
  let waiver: Waiver | undefined;
  if (count > 0 && status === 'pass') {
    status = 'waived';
    waiver = used[0];
  } else if (!passes(status) && whole) {
    status = 'waived';
    waiver = whole;
  }
  for (const w of active) {
    if (w !== waiver && !used.includes(w)) notices.push(unusedNotice(w));
  }
  const note = outcome.result === 'missing' ? missingNote(rule, status) : outcome.result === 'n/a' ? nothingToJudgeNote(rule, status) : '';
  const message = outcome.message + note;
  const refs = evidenceRefs(rule, items, status, outcome.metric);
  const total = rule.kind === 'metric' && !passes(status) && outcome.metric ? itemTotal(items(outcome.metric).length, input.evidence.metrics[outcome.metric]) : 0;
  const hint = outcome.result === 'n/a' && !rule.hint ? nothingToJudgeHint(rule) : (rule.hint ?? outcome.hint);
  return {
    id: rule.id,
    kind: rule.kind,
    status,
    severity: rule.severity,
    metric: outcome.metric,
    actual: outcome.actual,
    operator: outcome.operator,
    threshold: outcome.threshold,
    source: rule.source,
    waiver: waiver ? applied(waiver) : null,
    message: waiver ? `${message} — waived: ${waiver.reason}` : message,
    // n/a has nothing to fix: no hint, not even the rule's own ("add tests…").
    hint: passes(status) ? null : hint || null,
    evidence: refs,
    evidenceCount: total,
  };
}

/**
 * Overall status: fail if a fail-severity rule fails or errors; warn on any other warning or
 * error; else pass (`n/a` rules pass). Waiver notices (expired, expiring, unused, unapproved) are reported
 * beside the rules but never change the status: an expired waiver already shows as the failure
 * it no longer covers, and adding a waiver must never make a verdict worse.
 */
export function overallStatus(rules: readonly RuleResult[]): GateStatus {
  if (rules.some((r) => r.status === 'fail' || (r.status === 'error' && r.severity === 'fail'))) return 'fail';
  if (rules.some((r) => r.status === 'warn' || r.status === 'error')) return 'warn';
  return 'pass';
}

/** Evaluates one phase gate. */
export function evaluateGate(input: GateInput): Verdict {
  const { policy, phase, now } = input;
  const warnDays = policy.settings.waiverWarningDays;
  const rules = policy.rules.filter((r) => r.phase === phase);
  const ids = new Set(rules.map((r) => r.id));
  const notices: WaiverNotice[] = [];
  const refused = new Map((input.unapproved ?? []).map((u) => [u.waiver, u.reason]));
  const relevant: Waiver[] = [];
  for (const w of policy.waivers) {
    if (!ids.has(w.rule)) continue;
    const reason = refused.get(w);
    if (reason === undefined) relevant.push(w);
    else notices.push(unapprovedNotice(w, reason));
  }
  for (const w of relevant) {
    const n = timeNotice(w, now, warnDays);
    if (n) notices.push(n);
  }
  const active = new Map<string, Waiver[]>();
  for (const w of relevant) {
    if (waiverState(w, now, warnDays).state !== 'expired') (active.get(w.rule) ?? active.set(w.rule, []).get(w.rule)!).push(w);
  }
  const items = indexItems(input.evidence.items);
  const results = rules.map((r) => judge(r, input, items, r.waivable ? (active.get(r.id) ?? []) : [], notices));
  const summary = emptySummary();
  for (const r of results) summary[r.status] += 1;
  return {
    schemaVersion: VERDICT_SCHEMA_VERSION,
    phase,
    tier: policy.tier,
    policy: policy.name,
    now: now.toISOString(),
    status: overallStatus(results),
    summary,
    rules: results,
    notices,
  };
}
