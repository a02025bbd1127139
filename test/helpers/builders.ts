/** Hand-built policies and evidence for engine tests (independent of the YAML loader). */
import type { EvidenceBundle } from '../../src/evidence/types.js';
import type { ApprovalRule, DocumentRule, EffectivePolicy, FreezeRule, MetricRule, Rule, SourceRef, Waiver } from '../../src/policy/types.js';

export const src = (line: number, layer = 'tier:operational', file = 'policies/operational.yaml'): SourceRef => ({ file, line, col: 7, layer });

const base = { severity: 'fail', scope: 'overall', onMissing: 'fail', locked: false, waivable: true, layers: ['tier:operational'] } as const;

export function metricRule(id: string, metric: string, operator: MetricRule['operator'], threshold: number, over: Partial<MetricRule> = {}): MetricRule {
  return { ...base, id, phase: 'testing', kind: 'metric', metric, operator, threshold, onNothingToJudge: 'pass', source: src(10), ...over, layers: [...(over.layers ?? base.layers)] };
}

export function documentRule(id: string, over: Partial<DocumentRule> = {}): DocumentRule {
  return { ...base, id, phase: 'requirements', kind: 'document', docKind: 'requirements', paths: ['docs/requirements/**'], signoff: ['product-manager'], newerThan: [], source: src(20), ...over, layers: ['tier:operational'] };
}

export function freezeRule(id: string, over: Partial<FreezeRule> = {}): FreezeRule {
  return { ...base, id, phase: 'requirements', kind: 'freeze', paths: ['docs/requirements/**'], date: '2026-10-15', approvers: ['change-board'], source: src(30), ...over, layers: ['tier:operational'] };
}

export function approvalRule(id: string, over: Partial<ApprovalRule> = {}): ApprovalRule {
  return { ...base, id, phase: 'implementation', kind: 'approval', minApprovals: 2, roles: ['code-owner'], teams: [], source: src(40), ...over, layers: ['tier:operational'] };
}

export function waiver(rule: string, expires: string, over: Partial<Waiver> = {}): Waiver {
  return { rule, reason: 'legacy module, fix planned in Q1', owner: 'chen.jie', approvers: ['wang.fang'], expires, source: src(90, 'project', 'phasegate.yaml'), ...over };
}

export function policy(rules: Rule[], waivers: Waiver[] = [], warningDays = 14): EffectivePolicy {
  return {
    name: 'acme-payments',
    tier: 'operational',
    layers: [{ name: 'tier:operational', file: 'policies/operational.yaml' }],
    rules,
    waivers,
    settings: { waiverWarningDays: warningDays },
  };
}

export function evidence(over: Partial<EvidenceBundle> = {}): EvidenceBundle {
  return { schemaVersion: 1, metrics: {}, items: [], documents: [], sources: [], ...over };
}

export const NOW = new Date('2026-11-27T12:00:00Z');
