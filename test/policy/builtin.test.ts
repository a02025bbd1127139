import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricInfo } from '../../src/catalog/metrics.js';
import { DEFAULT_BUILTIN_DIR, loadPolicy, memoryReader, nodeReader, validatePolicyFiles } from '../../src/policy/index.js';
import { TIERS, type ApprovalRule, type DocumentRule, type EffectivePolicy, type MetricRule, type Rule } from '../../src/policy/types.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const opts = { cwd: REPO, builtinDir: path.join(REPO, 'policies') };
const tiers = Object.fromEntries(TIERS.map((t) => [t, loadPolicy({ tier: t }, opts)])) as Record<(typeof TIERS)[number], EffectivePolicy>;
const byId = (p: EffectivePolicy) => new Map(p.rules.map((r) => [r.id, r]));

describe('shipped policies', () => {
  it('all validate, the example included', () => {
    const files = ['policies/strategic.yaml', 'policies/operational.yaml', 'policies/innovation.yaml', 'policies/examples/project.yaml'];
    expect(validatePolicyFiles(files, opts)).toEqual([]);
  });

  it('are named by default where the package ships them, and read from the text compiled into the code', () => {
    expect(path.resolve(DEFAULT_BUILTIN_DIR)).toBe(path.join(REPO, 'policies'));
    for (const tier of TIERS) {
      const fromFiles = loadPolicy({ tier }, { builtinDir: path.join(REPO, 'policies') });
      expect(loadPolicy({ tier })).toEqual(fromFiles);
      // A reader that holds no file at all: the tier is still found, by name and through extends.
      expect(loadPolicy({ tier }, { reader: memoryReader({}) })).toEqual(fromFiles);
      const child = loadPolicy({ file: 'p.yaml' }, { cwd: '/project', reader: memoryReader({ 'p.yaml': `schemaVersion: 1\nname: p\nextends: ${tier}\n` }, '/project') });
      expect([child.layers, child.rules]).toEqual([[{ name: `tier:${tier}`, file: `policies/${tier}.yaml` }, { name: 'p.yaml', file: 'p.yaml' }], fromFiles.rules]);
    }
  });

  it.each(TIERS)('%s points editors at the schema and is named after its tier', (tier) => {
    const text = readFileSync(path.join(REPO, 'policies', `${tier}.yaml`), 'utf8');
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
    expect(ref && existsSync(path.resolve(REPO, 'policies', ref))).toBe(true);
    expect([tiers[tier].name, tiers[tier].tier, tiers[tier].layers]).toEqual([tier, tier, [{ name: `tier:${tier}`, file: `policies/${tier}.yaml` }]]);
  });

  it.each(TIERS)('%s: every rule has a hint, every metric is in the catalogue, every phase has rules', (tier) => {
    const p = tiers[tier];
    expect(p.rules.filter((r) => !r.hint).map((r) => r.id)).toEqual([]);
    expect(p.rules.filter((r) => r.kind === 'metric' && !metricInfo(r.metric)).map((r) => r.id)).toEqual([]);
    expect([...new Set(p.rules.map((r) => r.phase))]).toEqual(['requirements', 'design', 'implementation', 'testing', 'release']);
  });

  it.each(TIERS)('%s: security is locked and never waivable, and critical findings fail', (tier) => {
    const security = tiers[tier].rules.filter((r) => (r.kind === 'metric' && r.metric.startsWith('security.')) || (r.kind === 'document' && r.docKind === 'security-assessment'));
    expect(security.length).toBeGreaterThanOrEqual(5);
    expect(security.filter((r) => !r.locked || r.waivable).map((r) => r.id)).toEqual([]);
    const critical = security.filter((r): r is MetricRule => r.kind === 'metric' && r.metric === 'security.critical');
    expect(critical.map((r) => [r.phase, r.scope, r.operator, r.threshold, r.severity])).toEqual([
      ['implementation', 'overall', '==', 0, 'fail'],
      ['testing', 'overall', '==', 0, 'fail'],
    ]);
  });

  it('give each tier its coverage targets', () => {
    const coverage = (p: EffectivePolicy) => ['coverage-line', 'coverage-new'].map((id) => (byId(p).get(id) as MetricRule).threshold);
    expect(TIERS.map((t) => coverage(tiers[t]))).toEqual([[80, 90], [70, 80], [50, 60]]);
  });
});

const SEVERITY = ['warn', 'fail'];
const ON_MISSING = ['pass', 'warn', 'fail'];

/** Independent of the loader's own loosening check: the same operator, and the threshold no looser. */
function metricAtLeastAsStrict(a: MetricRule, b: MetricRule): void {
  expect([a.metric, a.scope, a.operator]).toEqual([b.metric, b.scope, b.operator]);
  if (a.operator.startsWith('>')) expect(a.threshold).toBeGreaterThanOrEqual(b.threshold);
  else if (a.operator.startsWith('<')) expect(a.threshold).toBeLessThanOrEqual(b.threshold);
  else expect(a.threshold).toBe(b.threshold);
}

function atLeastAsStrict(a: Rule, b: Rule): void {
  expect(a.kind).toBe(b.kind);
  expect(SEVERITY.indexOf(a.severity)).toBeGreaterThanOrEqual(SEVERITY.indexOf(b.severity));
  expect(ON_MISSING.indexOf(a.onMissing)).toBeGreaterThanOrEqual(ON_MISSING.indexOf(b.onMissing));
  expect(a.waivable && !b.waivable).toBe(false);
  expect(b.locked && !a.locked).toBe(false);
  if (a.kind === 'metric') metricAtLeastAsStrict(a, b as MetricRule);
  if (a.kind === 'approval') {
    expect(a.minApprovals).toBeGreaterThanOrEqual((b as ApprovalRule).minApprovals);
    expect(a.roles).toEqual(expect.arrayContaining((b as ApprovalRule).roles));
  }
  if (a.kind === 'document') expect(a.signoff).toEqual(expect.arrayContaining((b as DocumentRule).signoff));
}

describe('tiers are ordered by strictness', () => {
  it('strategic is at least as strict as operational on every rule they share', () => {
    const strategic = byId(tiers.strategic);
    const shared = tiers.operational.rules.filter((r) => strategic.has(r.id));
    expect(shared.map((r) => r.id)).toEqual(tiers.operational.rules.map((r) => r.id));
    for (const o of shared) atLeastAsStrict(strategic.get(o.id)!, o);
  });

  it('operational is at least as strict as innovation where they measure the same thing', () => {
    const operational = byId(tiers.operational);
    const comparable = tiers.innovation.rules.filter((r) => {
      const o = operational.get(r.id);
      return o && (r.kind !== 'metric' || (o as MetricRule).scope === r.scope);
    });
    expect(comparable.length).toBeGreaterThanOrEqual(15);
    for (const i of comparable) atLeastAsStrict(operational.get(i.id)!, i);
  });
});

describe('the example project policy', () => {
  const p = loadPolicy({ file: 'policies/examples/project.yaml' }, opts);
  const operational = byId(tiers.operational);
  const rules = byId(p);

  it('extends operational', () => {
    expect(p.layers.map((l) => l.name)).toEqual(['tier:operational', 'policies/examples/project.yaml']);
    expect([p.name, p.tier]).toEqual(['settlement-service', 'operational']);
  });

  it('adds a dated freeze, tightens coverage, overrides the defect threshold and waives one rule until 2027', () => {
    expect(rules.get('requirements-freeze')).toMatchObject({ kind: 'freeze', date: '2026-10-15', approvers: ['change-board'], locked: true });
    expect([(operational.get('coverage-line') as MetricRule).threshold, (rules.get('coverage-line') as MetricRule).threshold]).toEqual([70, 85]);
    expect([(operational.get('defect-density') as MetricRule).threshold, (rules.get('defect-density') as MetricRule).threshold]).toEqual([2, 3]);
    expect(p.waivers.map((w) => [w.rule, w.expires.slice(0, 4), w.source.file])).toEqual([['coverage-new', '2027', 'policies/examples/project.yaml']]);
  });
});

describe('docs/policy-language.md', () => {
  it('opens with an example that validates and means what the text says', () => {
    const doc = readFileSync(path.join(REPO, 'docs', 'policy-language.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const memory = memoryReader({ 'first.yaml': example }, REPO);
    const reader = { read: (f: string) => (f.endsWith('first.yaml') ? memory.read(f) : nodeReader.read(f)) };
    expect(validatePolicyFiles(['first.yaml'], { ...opts, reader })).toEqual([]);
    const p = loadPolicy({ file: 'first.yaml' }, { ...opts, reader });
    expect(p.rules.filter((r) => r.layers.includes('first.yaml')).map((r) => [r.id, (r as MetricRule).threshold])).toEqual([['coverage-line', 85], ['branch-coverage', 60]]);
    expect(p.waivers.map((w) => w.rule)).toEqual(['coverage-line']);
  });
});
