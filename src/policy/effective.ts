/**
 * From merged rule states to the effective rules and waivers the gate engine reads, with the
 * checks that need the final picture: `scope: new` needs a new-code counterpart, and every
 * waiver must name an enabled, waivable rule.
 */
import { METRICS, metricInfo } from '../catalog/metrics.js';
import type { Diagnostic } from '../errors.js';
import type { Layer } from './layer.js';
import { current, diagnosticAt, where, type RuleState } from './merge.js';
import { didYouMean } from './suggest.js';
import { PHASES, type OnMissing, type OnNothingToJudge, type Operator, type Rule, type Scope, type Severity, type Waiver } from './types.js';

const strings = (v: unknown): string[] => [...(v as string[])];

function toRule(s: RuleState): Rule {
  const v = (f: string) => current(s, f);
  const description = v('description') as string | undefined;
  const hint = v('hint') as string | undefined;
  const base = {
    id: s.id,
    phase: s.phase,
    severity: v('severity') as Severity,
    scope: (s.kind === 'metric' ? v('scope') : 'overall') as Scope,
    onMissing: v('onMissing') as OnMissing,
    locked: v('locked') as boolean,
    waivable: v('waivable') as boolean,
    ...(description === undefined ? {} : { description }),
    ...(hint === undefined ? {} : { hint }),
    source: { ...s.source },
    layers: [...s.layers],
  };
  switch (s.kind) {
    case 'metric':
      return {
        ...base,
        kind: 'metric',
        metric: v('metric') as string,
        operator: v('operator') as Operator,
        threshold: v('threshold') as number,
        onNothingToJudge: v('onNothingToJudge') as OnNothingToJudge,
      };
    case 'document':
      return { ...base, kind: 'document', docKind: v('document.kind') as string, paths: strings(v('document.paths')), signoff: strings(v('document.signoff')), newerThan: strings(v('document.newerThan')) };
    case 'freeze': {
      const label = v('freeze.label') as string | undefined;
      return { ...base, kind: 'freeze', paths: strings(v('freeze.paths')), date: v('freeze.date') as string, approvers: strings(v('freeze.approvers')), ...(label === undefined ? {} : { label }) };
    }
    case 'approval':
      return { ...base, kind: 'approval', minApprovals: v('approval.min') as number, roles: strings(v('approval.roles')), teams: strings(v('approval.teams')) };
  }
}

const WITH_NEW = METRICS.filter((m) => m.newCounterpart).map((m) => m.name);

function scopeProblem(s: RuleState): Diagnostic | undefined {
  if (s.kind !== 'metric' || current(s, 'scope') !== 'new') return undefined;
  const metric = String(current(s, 'metric'));
  const info = metricInfo(metric);
  // An unknown metric is reported where it is named; a second message would only repeat it.
  if (!info || info.newCounterpart) return undefined;
  const at = s.fieldAt.get('scope') ?? s.source;
  return diagnosticAt(at, `scope: new needs a metric with a new-code counterpart and ${metric} has none; use scope: overall or one of ${WITH_NEW.join(', ')}`);
}

/** The enabled, complete rules, phase by phase in the order they were first defined. */
export function effectiveRules(states: readonly RuleState[]): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const live = states.filter((s) => s.complete && current(s, 'enabled') === true);
  const diagnostics = live.map(scopeProblem).filter((d): d is Diagnostic => d !== undefined);
  const rules = PHASES.flatMap((phase) => live.filter((s) => s.phase === phase).map(toRule));
  return { rules, diagnostics };
}

function waiverProblem({ rule, finding }: Omit<Waiver, 'source'>, states: ReadonlyMap<string, RuleState>): string | undefined {
  const s = states.get(rule);
  if (!s) {
    const enabled = [...states.values()].filter((x) => current(x, 'enabled') === true).map((x) => x.id);
    return `waiver for unknown rule "${rule}"${didYouMean(rule, enabled, '; waive a rule id of the effective policy (see phasegate policy explain)')}`;
  }
  if (current(s, 'enabled') !== true) {
    return `waiver for rule "${rule}", which is disabled (enabled: false at ${where(s.fieldAt.get('enabled') ?? s.source)}); remove the waiver`;
  }
  if (current(s, 'waivable') !== true) {
    const at = s.fieldAt.get('waivable') ?? s.source;
    return `rule "${rule}" is not waivable (waivable: false set by ${at.layer} at ${where(at)}); remove the waiver and fix the finding instead`;
  }
  // The gate subtracts waived findings from a metric's count; any other rule would ignore it silently.
  if (finding !== undefined && s.kind !== 'metric') {
    return `finding waivers apply to metric rules and "${rule}" is ${s.kind === 'approval' ? 'an' : 'a'} ${s.kind} rule; remove finding to waive the whole rule`;
  }
  return undefined;
}

/** Waivers of every layer, in layer order, each checked against the merged rules. */
export function effectiveWaivers(layers: readonly Layer[], states: readonly RuleState[]): { waivers: Waiver[]; diagnostics: Diagnostic[] } {
  const byId = new Map(states.map((s) => [s.id, s]));
  const waivers: Waiver[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of layers.flatMap((l) => l.waivers)) {
    if (!entry.value) continue;
    const problem = waiverProblem(entry.value, byId);
    if (problem) {
      diagnostics.push(diagnosticAt(entry.ruleAt, problem));
      continue;
    }
    const { rule, finding, reason, owner, approvers, expires } = entry.value;
    waivers.push({ rule, ...(finding === undefined ? {} : { finding }), reason, owner, approvers: [...approvers], expires, source: { ...entry.at } });
  }
  return { waivers, diagnostics };
}
