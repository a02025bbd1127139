/** Renders an effective policy for `phasegate policy explain`: each rule and release setting with where it was set. */
import { stableJson } from '../io/json.js';
import { explainReleaseText } from './explain-release.js';
import { PHASES, type EffectivePolicy, type Phase, type Rule } from '../policy/types.js';

/** The rule's condition in a few words. */
export function describeCondition(rule: Rule): string {
  switch (rule.kind) {
    case 'metric':
      return `${rule.metric}${rule.scope === 'new' ? ' (new code)' : ''} ${rule.operator} ${rule.threshold}`;
    case 'document': {
      const signed = rule.signoff.length ? `, signed by ${rule.signoff.join(' + ')}` : '';
      const newer = rule.newerThan.length ? `, newer than ${rule.newerThan.join(', ')}` : '';
      return `${rule.docKind} document in ${rule.paths.join(', ') || '(any path)'}${signed}${newer}`;
    }
    case 'freeze':
      return `${rule.paths.join(', ')} frozen from ${rule.date}; changes need a change request approved by ${rule.approvers.join(' or ') || 'anyone'}${rule.label ? ` or label "${rule.label}"` : ''}`;
    case 'approval': {
      const extra = [...rule.roles, ...rule.teams.map((t) => `team ${t}`)];
      return `${rule.minApprovals} approval${rule.minApprovals === 1 ? '' : 's'}${extra.length ? ` incl. ${extra.join(', ')}` : ''}`;
    }
  }
}

function flags(rule: Rule): string {
  const f = [rule.severity === 'warn' ? 'warn only' : 'fail'];
  if (rule.onMissing !== 'fail') f.push(`missing evidence: ${rule.onMissing}`);
  if (rule.kind === 'metric' && rule.onNothingToJudge !== 'pass') f.push(`nothing to judge: ${rule.onNothingToJudge}`);
  if (rule.locked) f.push('locked');
  if (!rule.waivable) f.push('not waivable');
  return f.join(', ');
}

function explainText(policy: EffectivePolicy, phases: readonly Phase[]): string {
  const lines = [`policy ${policy.name} (tier ${policy.tier ?? 'none'})`, `layers: ${policy.layers.map((l) => l.name).join(' → ')}`];
  for (const phase of phases) {
    const rules = policy.rules.filter((r) => r.phase === phase);
    lines.push('', `${phase} (${rules.length} rule${rules.length === 1 ? '' : 's'})`);
    for (const r of rules) {
      const at = `${r.source.file}:${r.source.line}:${r.source.col}`;
      lines.push(`  ${r.id}: ${describeCondition(r)} [${flags(r)}]`, `      set at ${at} (${r.source.layer})${r.layers.length > 1 ? `; layers ${r.layers.join(' → ')}` : ''}`);
    }
  }
  const waivers = policy.waivers.filter((w) => phases.some((p) => policy.rules.some((r) => r.id === w.rule && r.phase === p)));
  if (waivers.length) {
    lines.push('', 'waivers');
    for (const w of waivers) {
      lines.push(`  ${w.rule}${w.finding ? ` (finding ${w.finding})` : ''} until ${w.expires}, owner ${w.owner}: ${w.reason}`, `      set at ${w.source.file}:${w.source.line}:${w.source.col}`);
    }
  }
  if (policy.release && policy.releaseSources && phases.includes('release')) lines.push(...explainReleaseText(policy.release, policy.releaseSources));
  return lines.join('\n') + '\n';
}

/** Text or JSON view of the effective policy, optionally for one phase (the release section shows with the release phase). */
export function renderExplain(policy: EffectivePolicy, phase: Phase | undefined, format: 'text' | 'json'): string {
  const phases = phase ? [phase] : PHASES;
  if (format === 'text') return explainText(policy, phases);
  const rules = policy.rules.filter((r) => phases.includes(r.phase));
  const ids = new Set(rules.map((r) => r.id));
  return stableJson({
    schemaVersion: 1,
    policy: policy.name,
    tier: policy.tier,
    layers: policy.layers,
    settings: policy.settings,
    rules: rules.map((r) => ({ ...r, condition: describeCondition(r) })),
    waivers: policy.waivers.filter((w) => ids.has(w.rule)),
    // The rollout section goes with the release phase.
    ...(policy.release && phases.includes('release') ? { release: policy.release, releaseSources: policy.releaseSources } : {}),
  });
}
