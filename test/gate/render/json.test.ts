import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../../src/gate/engine.js';
import { renderVerdict } from '../../../src/gate/render/index.js';
import { assertValidVerdict } from '../../../src/gate/render/validate.js';
import { PhasegateError } from '../../../src/errors.js';
import { stableJson } from '../../../src/io/json.js';
import { NOW, evidence, metricRule, policy, waiver } from '../../helpers/builders.js';
import { HOSTILE, hostileVerdict, mixedVerdict } from './verdicts.js';

/** A deep copy with every object's keys inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

function problems(v: unknown): string[] {
  try {
    assertValidVerdict(v, 'out/testing.verdict.json');
    return [];
  } catch (err) {
    if (!(err instanceof PhasegateError)) throw err;
    return err.diagnostics.map((d) => `${d.file}: ${d.message}`);
  }
}

describe('stableJson', () => {
  it('sorts keys at every depth, indents by two spaces and ends with a newline', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('is byte-identical whatever order the keys were inserted in', () => {
    const v = mixedVerdict();
    expect(stableJson(reversedKeys(v))).toBe(stableJson(v));
  });

  it('omits undefined properties like JSON.stringify', () => {
    expect(stableJson({ a: undefined, b: 1 })).toBe('{\n  "b": 1\n}\n');
  });

  it.each([
    ['NaN', { a: Number.NaN }],
    ['Infinity', { a: Number.POSITIVE_INFINITY }],
    ['a bigint', { a: 1n }],
    ['undefined', undefined],
  ])('throws on %s instead of writing something else', (_name, value) => {
    expect(() => stableJson(value)).toThrow();
  });

  it('throws on a circular structure', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(() => stableJson(o)).toThrow(/circular/i);
  });
});

describe('json format', () => {
  it('is stableJson of the verdict and round-trips to an equal, schema-valid verdict', () => {
    const v = mixedVerdict();
    const out = renderVerdict(v, 'json', { color: false });
    expect(out).toBe(stableJson(v));
    const back: unknown = JSON.parse(out);
    expect(back).toEqual(v);
    expect(problems(back)).toEqual([]);
  });

  it('gives the same bytes for a verdict built with its keys in another order', () => {
    const v = mixedVerdict();
    expect(renderVerdict(reversedKeys(v) as typeof v, 'json', { color: true })).toBe(renderVerdict(v, 'json', { color: false }));
  });

  it('keeps hostile text intact and valid JSON', () => {
    const back = JSON.parse(renderVerdict(hostileVerdict(), 'json', { color: false })) as ReturnType<typeof mixedVerdict>;
    expect(back.rules[1]?.message).toBe(HOSTILE);
  });
});

describe('assertValidVerdict', () => {
  it('accepts what the gate engine produces, waivers and notices included', () => {
    const rules = [
      metricRule('coverage', 'coverage.line', '>=', 80),
      metricRule('tests', 'tests.failed', '<=', 0),
      metricRule('flaky', 'tests.flaky', '<=', 0),
      metricRule('size', 'size.kloc', '<=', 100),
    ];
    const waivers = [waiver('tests', '2026-12-01'), waiver('size', '2027-06-30')];
    const metrics = { 'coverage.line': 70, 'tests.failed': 2, 'size.kloc': 10 };
    const v = evaluateGate({ policy: policy(rules, waivers), evidence: evidence({ metrics }), phase: 'testing', now: NOW });
    expect(v.summary).toEqual({ pass: 1, warn: 0, fail: 1, waived: 1, error: 1, 'n/a': 0 });
    expect(v.notices.map((n) => n.state).sort()).toEqual(['expiring', 'unused']);
    expect(problems(JSON.parse(renderVerdict(v, 'json', { color: false })))).toEqual([]);
  });

  it('reports every problem at once, each naming the verdict and the JSON pointer', () => {
    const v = mixedVerdict() as unknown as Record<string, unknown>;
    const rules = v.rules as Record<string, unknown>[];
    rules[0]!.status = 'skipped';
    rules[1]!.extra = true;
    v.now = 'yesterday';
    expect(problems(v)).toEqual([
      'out/testing.verdict.json: /now: must match format "date-time" (not a valid phasegate verdict)',
      'out/testing.verdict.json: /rules/0/status: must be one of "pass", "warn", "fail", "waived", "error", "n/a" (not a valid phasegate verdict)',
      'out/testing.verdict.json: /rules/1: unknown property "extra" (not a valid phasegate verdict)',
    ]);
  });

  it('requires a waiver exactly on waived rules and no hint on passes', () => {
    const v = mixedVerdict();
    v.rules[0] = { ...v.rules[0]!, hint: 'nothing to do', waiver: v.rules[5]!.waiver };
    v.rules[5] = { ...v.rules[5]!, waiver: null };
    expect(problems(v).map((p) => p.replace(/^[^:]+: /, '').replace(/ \(not a valid phasegate verdict\)$/, ''))).toEqual([
      '/rules/0/waiver: must be null',
      '/rules/0/hint: must be null',
      '/rules/5/waiver: must be object',
    ]);
  });

  it('checks that the summary agrees with the rules', () => {
    const v = mixedVerdict();
    v.summary.pass = 3;
    expect(problems(v)).toEqual(['out/testing.verdict.json: /summary/pass: says 3 but 1 rule has status pass (not a valid phasegate verdict)']);
  });
});
