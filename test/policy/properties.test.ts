import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { METRICS } from '../../src/catalog/metrics.js';
import { policyDigest } from '../../src/policy/index.js';
import { conditionImplies } from '../../src/policy/fields.js';
import { OPERATORS, PHASES, type EffectivePolicy, type Operator, type Phase, type Rule } from '../../src/policy/types.js';
import { load, problems } from './helpers.js';

type Raw = Record<string, unknown>;

const METRIC_NAMES = METRICS.filter((m) => !m.name.includes('<')).map((m) => m.name);
const WITH_NEW = new Set(METRICS.filter((m) => m.newCounterpart).map((m) => m.name));
const kebab = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}$/);
const names = (minLength = 0) => fc.uniqueArray(kebab, { minLength, maxLength: 3 });
const globs = (minLength = 0) => fc.uniqueArray(kebab.map((k) => `docs/${k}/**`), { minLength, maxLength: 3 });
const oneLine = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /^[^\n\r]+$/.test(s));
const number = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Object.is(x, -0));
const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const metricBody = fc.constantFrom(...METRIC_NAMES).chain((metric) =>
  fc.record(
    {
      metric: fc.constant(metric), operator: fc.constantFrom(...OPERATORS), threshold: number, scope: fc.constantFrom(...(WITH_NEW.has(metric) ? ['overall', 'new'] : ['overall'])),
      onNothingToJudge: fc.constantFrom('pass', 'warn', 'fail'),
    },
    { requiredKeys: ['metric', 'operator', 'threshold'] },
  ),
);
const documentBody = fc.record({ document: fc.record({ kind: kebab, paths: globs(), signoff: names(), newerThan: names() }, { requiredKeys: ['kind'] }) });
const freezeBody = fc.record({ freeze: fc.record({ paths: globs(1), date, approvers: names(), label: kebab }, { requiredKeys: ['paths', 'date'] }) });
const approvalBody = fc.record({ approval: fc.record({ min: fc.integer({ min: 1, max: 5 }), roles: names(), teams: names() }, { requiredKeys: [] }) });
const common = fc.record(
  { severity: fc.constantFrom('fail', 'warn'), onMissing: fc.constantFrom('fail', 'warn', 'pass'), locked: fc.boolean(), waivable: fc.boolean(), description: oneLine, hint: oneLine },
  { requiredKeys: [] },
);
const ruleBody = fc.tuple(fc.oneof(metricBody, documentBody, freezeBody, approvalBody), common).map(([kind, c]) => ({ ...c, ...kind }) as Raw);

interface Generated {
  rules: { id: string; phase: Phase; body: Raw }[];
  text: Raw;
}

const generatedPolicy: fc.Arbitrary<Generated> = fc
  .uniqueArray(kebab, { minLength: 1, maxLength: 8 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.tuple(fc.constantFrom(...PHASES), ruleBody), { minLength: ids.length, maxLength: ids.length }), fc.integer({ min: 0, max: 60 })))
  .map(([ids, bodies, days]) => {
    const rules = ids.map((id, i) => ({ id, phase: bodies[i]![0], body: bodies[i]![1] }));
    const phases: Record<string, Raw[]> = {};
    for (const r of rules) (phases[r.phase] ??= []).push({ id: r.id, ...r.body });
    const waivers = rules.filter((r) => r.body.waivable !== false).slice(0, 2).map((r) => ({ rule: r.id, reason: 'r', owner: 'o', approvers: ['a'], expires: '2027-01-31' }));
    return { rules, text: { schemaVersion: 1, name: 'generated', settings: { waiverWarningDays: days }, phases, ...(waivers.length ? { waivers } : {}) } };
  });

/** The effective rule a generated rule must give, written without the loader's code. */
function expected(id: string, phase: Phase, b: Raw): Omit<Rule, 'source' | 'layers'> {
  const base = {
    id, phase,
    severity: b.severity ?? 'fail', scope: b.scope ?? 'overall', onMissing: b.onMissing ?? 'fail', locked: b.locked ?? false, waivable: b.waivable ?? true,
    ...(b.description === undefined ? {} : { description: b.description }), ...(b.hint === undefined ? {} : { hint: b.hint }),
  };
  if (b.metric) return { ...base, kind: 'metric', metric: b.metric, operator: b.operator, threshold: b.threshold, onNothingToJudge: b.onNothingToJudge ?? 'pass' } as Rule;
  const d = (b.document ?? b.freeze ?? b.approval) as Raw;
  if (b.document) return { ...base, kind: 'document', docKind: d.kind, paths: d.paths ?? [], signoff: d.signoff ?? [], newerThan: d.newerThan ?? [] } as Rule;
  if (b.freeze) return { ...base, kind: 'freeze', paths: d.paths, date: d.date, approvers: d.approvers ?? [], ...(d.label === undefined ? {} : { label: d.label }) } as Rule;
  return { ...base, kind: 'approval', minApprovals: d.min ?? 1, roles: d.roles ?? [], teams: d.teams ?? [] } as Rule;
}

const withoutSource = (p: EffectivePolicy) => p.rules.map(({ source: _s, layers: _l, ...r }) => r);

/** Writes an effective rule back as a policy rule entry (every field explicit). */
function toEntry(r: Rule): Raw {
  const { id, severity, scope, onMissing, locked, waivable, description, hint } = r;
  const common = { id, severity, onMissing, locked, waivable, ...(description === undefined ? {} : { description }), ...(hint === undefined ? {} : { hint }) };
  switch (r.kind) {
    case 'metric':
      return { ...common, metric: r.metric, operator: r.operator, threshold: r.threshold, scope, onNothingToJudge: r.onNothingToJudge };
    case 'document':
      return { ...common, document: { kind: r.docKind, paths: r.paths, signoff: r.signoff, newerThan: r.newerThan } };
    case 'freeze':
      return { ...common, freeze: { paths: r.paths, date: r.date, approvers: r.approvers, ...(r.label === undefined ? {} : { label: r.label }) } };
    case 'approval':
      return { ...common, approval: { min: r.minApprovals, roles: r.roles, teams: r.teams } };
  }
}

function reserialise(p: EffectivePolicy): string {
  const phases: Record<string, Raw[]> = {};
  for (const r of p.rules) (phases[r.phase] ??= []).push(toEntry(r));
  const waivers = p.waivers.map(({ source: _s, ...w }) => w);
  return stringify({ schemaVersion: 1, name: p.name, settings: p.settings, phases, waivers });
}

describe('generated valid policies', () => {
  it('load into exactly the rules they state, defaults filled in', () => {
    fc.assert(
      fc.property(generatedPolicy, (g) => {
        const p = load({ 'project.yaml': stringify(g.text) });
        const order = PHASES.flatMap((phase) => g.rules.filter((r) => r.phase === phase));
        expect(withoutSource(p)).toEqual(order.map((r) => expected(r.id, r.phase, r.body)));
        expect(p.settings.waiverWarningDays).toBe((g.text.settings as Raw).waiverWarningDays);
      }),
      { numRuns: 150 },
    );
  });

  it('give the same effective policy when written back out and loaded again', () => {
    fc.assert(
      fc.property(generatedPolicy, (g) => {
        const first = load({ 'project.yaml': stringify(g.text) });
        const second = load({ 'project.yaml': reserialise(first) });
        expect(withoutSource(second)).toEqual(withoutSource(first));
        expect(second.waivers.map(({ source: _s, ...w }) => w)).toEqual(first.waivers.map(({ source: _s, ...w }) => w));
        expect(policyDigest(second)).toBe(policyDigest(first));
      }),
      { numRuns: 100 },
    );
  });

  it('load deterministically, and their digest ignores layout but not meaning', () => {
    fc.assert(
      fc.property(generatedPolicy, (g) => {
        const block = stringify(g.text);
        const flow = stringify(g.text, { collectionStyle: 'flow' });
        const a = load({ 'project.yaml': block });
        expect(load({ 'project.yaml': block })).toEqual(a);
        expect(policyDigest(load({ 'project.yaml': flow }))).toBe(policyDigest(a));
        const first = g.rules[0]!;
        const changed = { ...g.text, phases: { ...(g.text.phases as Raw), [first.phase]: [{ id: first.id, ...first.body, severity: first.body.severity === 'warn' ? 'fail' : 'warn' }, ...((g.text.phases as Record<string, Raw[]>)[first.phase]!.slice(1))] } };
        expect(policyDigest(load({ 'project.yaml': stringify(changed) }))).not.toBe(policyDigest(a));
      }),
      { numRuns: 100 },
    );
  });
});

/** A condition at least as strict as `[op, t]`, built from the operator's direction alone. */
function tighterCondition(op: Operator, t: number): fc.Arbitrary<[Operator, number]> {
  const up = fc.double({ min: 0, max: 1000, noNaN: true });
  const strictlyUp = up.map((d) => d + 1);
  switch (op) {
    case '>=':
      return fc.oneof(up.map((d): [Operator, number] => ['>=', t + d]), up.map((d): [Operator, number] => ['>', t + d]), up.map((d): [Operator, number] => ['==', t + d]));
    case '>':
      return fc.oneof(up.map((d): [Operator, number] => ['>', t + d]), strictlyUp.map((d): [Operator, number] => ['>=', t + d]), strictlyUp.map((d): [Operator, number] => ['==', t + d]));
    case '<=':
      return fc.oneof(up.map((d): [Operator, number] => ['<=', t - d]), up.map((d): [Operator, number] => ['<', t - d]), up.map((d): [Operator, number] => ['==', t - d]));
    case '<':
      return fc.oneof(up.map((d): [Operator, number] => ['<', t - d]), strictlyUp.map((d): [Operator, number] => ['<=', t - d]), strictlyUp.map((d): [Operator, number] => ['==', t - d]));
    case '==':
      return fc.constant(['==', t]);
    case '!=':
      return fc.oneof(fc.constant<[Operator, number]>(['!=', t]), strictlyUp.map((d): [Operator, number] => ['==', t + d]), up.map((d): [Operator, number] => ['>', t + d]), up.map((d): [Operator, number] => ['<', t - d]));
  }
}

const stricterOrSame = <T>(order: readonly T[], from: T) => fc.constantFrom(...order.slice(order.indexOf(from)));

type LockedBase = { operator: Operator; threshold: number; severity: string; onMissing: string; onNothingToJudge: string; waivable: boolean; roles: string[]; min: number };

const lockedBase: fc.Arbitrary<LockedBase> = fc.record({
  operator: fc.constantFrom(...OPERATORS),
  threshold: fc.integer({ min: -1000, max: 1000 }),
  severity: fc.constantFrom('warn', 'fail'),
  onMissing: fc.constantFrom('pass', 'warn', 'fail'),
  onNothingToJudge: fc.constantFrom('pass', 'warn', 'fail'),
  waivable: fc.boolean(),
  roles: names(),
  min: fc.integer({ min: 1, max: 4 }),
});

const baseFile = (b: LockedBase) =>
  stringify({
    schemaVersion: 1, name: 'strategic', tier: 'strategic',
    phases: {
      testing: [{ id: 'm', metric: 'coverage.line', operator: b.operator, threshold: b.threshold, severity: b.severity, onMissing: b.onMissing, onNothingToJudge: b.onNothingToJudge, waivable: b.waivable, locked: true }],
      release: [{ id: 'a', approval: { min: b.min, roles: b.roles }, locked: true }],
    },
  });

describe('locked rules', () => {
  it('accept any override that only tightens them', () => {
    const scenario = lockedBase.chain((b) =>
      fc.record({
        base: fc.constant(b),
        condition: tighterCondition(b.operator, b.threshold),
        severity: fc.option(stricterOrSame(['warn', 'fail'], b.severity), { nil: undefined }),
        onMissing: fc.option(stricterOrSame(['pass', 'warn', 'fail'], b.onMissing), { nil: undefined }),
        onNothingToJudge: fc.option(stricterOrSame(['pass', 'warn', 'fail'], b.onNothingToJudge), { nil: undefined }),
        waivable: fc.option(b.waivable ? fc.boolean() : fc.constant(false), { nil: undefined }),
        min: fc.integer({ min: b.min, max: b.min + 3 }),
        moreRoles: names(),
      }),
    );
    fc.assert(
      fc.property(scenario, (s) => {
        const roles = [...new Set([...s.base.roles, ...s.moreRoles])];
        const m = { id: 'm', operator: s.condition[0], threshold: s.condition[1], severity: s.severity, onMissing: s.onMissing, onNothingToJudge: s.onNothingToJudge, waivable: s.waivable };
        const project = stringify({ schemaVersion: 1, name: 'p', extends: 'strategic', phases: { testing: [m], release: [{ id: 'a', approval: { min: s.min, roles } }] } });
        const files = { 'builtin/strategic.yaml': baseFile(s.base), 'project.yaml': project };
        expect(problems(files)).toEqual([]);
        const p = load(files);
        expect(p.rules[0]).toMatchObject({ operator: s.condition[0], threshold: s.condition[1], severity: s.severity ?? s.base.severity, onMissing: s.onMissing ?? s.base.onMissing,
          onNothingToJudge: s.onNothingToJudge ?? s.base.onNothingToJudge, locked: true });
        expect(p.rules[1]).toMatchObject({ minApprovals: s.min, roles });
      }),
      { numRuns: 200 },
    );
  });

  it('reject every threshold moved the loose way, once, at the threshold', () => {
    const scenario = lockedBase.filter((b) => b.operator !== '==' && b.operator !== '!=').chain((b) => fc.record({ base: fc.constant(b), delta: fc.integer({ min: 1, max: 500 }) }));
    fc.assert(
      fc.property(scenario, ({ base, delta }) => {
        const looser = base.operator.startsWith('>') ? base.threshold - delta : base.threshold + delta;
        const project = `schemaVersion: 1\nname: p\nextends: strategic\nphases:\n  testing:\n    - id: m\n      threshold: ${looser}\n`;
        const found = problems({ 'builtin/strategic.yaml': baseFile(base), 'project.yaml': project });
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(/^project\.yaml:7:7: cannot loosen locked rule "m": condition /);
      }),
      { numRuns: 100 },
    );
  });
});

describe('conditionImplies', () => {
  const holds = (op: Operator, t: number, x: number): boolean =>
    ({ '>=': x >= t, '>': x > t, '<=': x <= t, '<': x < t, '==': x === t, '!=': x !== t })[op];
  // Integer thresholds: a grid of quarter steps has a point on, between and beyond every bound.
  const grid = Array.from({ length: 57 }, (_, i) => -7 + i * 0.25);

  it('agrees with checking every point of a fine grid', () => {
    const cond = fc.tuple(fc.constantFrom(...OPERATORS), fc.integer({ min: -5, max: 5 }));
    fc.assert(
      fc.property(cond, cond, (next, prev) => {
        const brute = grid.every((x) => !holds(next[0], next[1], x) || holds(prev[0], prev[1], x));
        expect(conditionImplies(next, prev)).toBe(brute);
      }),
      { numRuns: 500 },
    );
  });

  it('handles large thresholds where adding 1 would be lost', () => {
    expect(conditionImplies(['>=', 1e20], ['>', 1e20])).toBe(false);
    expect(conditionImplies(['>', 1e20], ['>=', 1e20])).toBe(true);
  });
});
