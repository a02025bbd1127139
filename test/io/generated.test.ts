/**
 * src/generated/ is committed and is what the code runs: the package facts and tier policies
 * (scripts/build-assets.mjs) and ajv standalone validators (scripts/build-validators.mjs). Each
 * file must be what its script writes from the sources in the tree now, and each validator
 * must judge exactly as ajv compiling the schema with the same options does: the same verdict
 * and the same errors (with the schema parts `verbose` keeps, which policy and plan messages
 * use for "did you mean"), on valid and invalid inputs.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Options, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsSource, ASSETS_FILE } from '../../scripts/build-assets.mjs';
import { validatorSources } from '../../scripts/build-validators.mjs';
import { SARIF_HEADER_SCHEMA, SARIF_RESULT_SCHEMA, SARIF_RUN_SCHEMA } from '../../src/evidence/sarif/schema.js';
import { BUILTIN_POLICIES, PACKAGE_VERSION } from '../../src/generated/assets.js';
import * as decisionModule from '../../src/generated/validate-decision.js';
import * as evidenceModule from '../../src/generated/validate-evidence.js';
import * as planModule from '../../src/generated/validate-plan.js';
import * as policyModule from '../../src/generated/validate-policy.js';
import * as recordsModule from '../../src/generated/validate-records.js';
import * as reportModule from '../../src/generated/validate-report.js';
import * as sarifModule from '../../src/generated/validate-sarif.js';
import * as verdictModule from '../../src/generated/validate-verdict.js';
import { buildDecisionRecord, type RecordContext } from '../../src/release/record/build.js';
import type { DecisionRecord } from '../../src/release/record/types.js';
import { newAjv } from '../helpers/ajv.js';
import { cli, ROOT, tempDir } from '../helpers/cli.js';

const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const schema = (name: string) => JSON.parse(text(`schemas/${name}.schema.json`)) as object;

/** Runs both validators on every input and expects the same verdict and errors; some inputs pass, some fail. */
function agree(built: ValidateFunction, fresh: ValidateFunction, inputs: unknown[]): void {
  let invalid = 0;
  for (const input of inputs) {
    const ok = built(input);
    expect(ok).toBe(fresh(input));
    expect(built.errors ?? null).toEqual(fresh.errors ?? null);
    if (!ok) invalid++;
  }
  expect(invalid).toBeGreaterThan(0);
  expect(invalid).toBeLessThan(inputs.length);
}

/** Invalid variants of a valid object: an unknown key, each of its first keys removed, nulled or given a number or a list. */
function broken(value: object): unknown[] {
  const keys = Object.keys(value).slice(0, 4);
  const without = (k: string) => Object.fromEntries(Object.entries(value).filter(([key]) => key !== k));
  return [{ ...value, unknownKey: true }, ...keys.flatMap((k) => [without(k), { ...value, [k]: null }, { ...value, [k]: 7 }, { ...value, [k]: ['x'] }]), 'text', null, []];
}

/** What the demo writes: an evidence bundle, five verdicts, a health report and history records. */
let demo: string;
beforeAll(() => {
  demo = tempDir();
  const r = cli(['demo', '--out-dir', demo]);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(demo, { recursive: true, force: true }));
const demoJson = (file: string) => JSON.parse(readFileSync(path.join(demo, file), 'utf8')) as object;

describe('generated assets', () => {
  it('src/generated/assets.ts is what scripts/build-assets.mjs writes from the sources now', () => {
    expect(text(ASSETS_FILE)).toBe(assetsSource());
  });

  it('holds the version of package.json and the exact text of each tier policy', () => {
    expect(PACKAGE_VERSION).toBe((JSON.parse(text('package.json')) as { version: string }).version);
    expect(Object.keys(BUILTIN_POLICIES)).toEqual(['strategic', 'operational', 'innovation']);
    for (const [tier, yaml] of Object.entries(BUILTIN_POLICIES)) expect(yaml).toBe(text(`policies/${tier}.yaml`));
  });
});

describe('generated validators', () => {
  it('each file in src/generated/ is what scripts/build-validators.mjs writes from the schemas now', async () => {
    const sources = await validatorSources();
    const onDisk = readdirSync(path.join(ROOT, 'src/generated')).filter((f) => f.startsWith('validate-')).map((f) => `src/generated/${f}`);
    expect(sources.map((s) => s.file).sort()).toEqual(onDisk.sort());
    for (const { file, text: code } of sources) expect(text(file), file).toBe(code);
  });

  const fresh = (name: string, options: Options = {}): ValidateFunction => newAjv(options).compile(schema(name));

  it('policy: as ajv with { verbose, allowUnionTypes } on the shipped policies and broken ones', () => {
    const files = ['policies/strategic.yaml', 'policies/operational.yaml', 'policies/innovation.yaml', 'policies/examples/project.yaml', 'examples/acme-payments/phasegate.yaml'];
    const policies = files.map((f) => parse(text(f)) as Record<string, unknown>);
    const bad = policies.slice(0, 3).flatMap((p) => [
      { ...p, phases: { ...(p.phases as object), testing: [{ id: 'x', metric: 'tests.failed', op: '≈', threshold: 'zero' }] } },
      { ...p, schemaVersion: '1', unknownKey: true },
      { ...p, extends: 7 },
      { ...p, extends: ['operational', 'operational'] },
      { ...p, waivers: [{ rule: 'x', reason: 'r', owner: 'o', approvers: [], expires: '2026-02-30' }] },
    ]);
    agree(policyModule.policy, fresh('policy', { verbose: true, allowUnionTypes: true }), [...policies, ...bad, ...broken(policies[0]!)]);
  });

  it('plan: as ajv with { verbose } on the example plan and broken ones', () => {
    const plan = parse(text('examples/acme-payments/.phasegate/plan.yaml')) as Record<string, unknown>;
    const bad = [{ ...plan, phases: { ...(plan.phases as object), desing: {} } }, { ...plan, currency: 'euro' }, { ...plan, start: '2026-13-01' }];
    agree(planModule.plan, fresh('plan', { verbose: true }), [plan, ...bad, ...broken(plan)]);
  });

  it('evidence and facts: as ajv on the demo bundle, the example facts and broken ones', () => {
    const ajv = newAjv();
    ajv.addSchema(schema('evidence'));
    const id = 'https://phasegate.dev/schemas/evidence.schema.json';
    const bundle = demoJson('evidence.json') as Record<string, unknown>;
    agree(evidenceModule.evidence, ajv.getSchema(id)!, [bundle, ...broken(bundle), { ...bundle, metrics: { 'tests.total': 'many' } }]);
    const facts = JSON.parse(text('examples/acme-payments/facts.json')) as object;
    agree(evidenceModule.facts, ajv.getSchema(`${id}#/definitions/facts`)!, [facts, ...broken(facts)]);
  });

  it('SARIF: as ajv on real logs and broken parts', () => {
    const logs = ['eslint-security.sarif', 'flawfinder.sarif'].map((f) => JSON.parse(text(`test/fixtures/evidence/sarif/${f}`)) as { runs: Array<{ results: unknown[] }> });
    const results = logs.flatMap((l) => l.runs.flatMap((r) => r.results));
    const bad = [{}, { message: 'x' }, { message: { text: 1 } }, { ...(results[0] as object), level: 'fatal' }, { ...(results[0] as object), locations: [{ physicalLocation: { region: { startLine: -1 } } }] }];
    agree(sarifModule.sarifResult, newAjv().compile(SARIF_RESULT_SCHEMA), [...results, ...bad]);
    const runs = logs.flatMap((l) => l.runs.map((r) => ({ ...r, results: [] })));
    agree(sarifModule.sarifRun, newAjv().compile(SARIF_RUN_SCHEMA), [...runs, {}, { tool: { driver: {} } }]);
    agree(sarifModule.sarifHeader, newAjv().compile(SARIF_HEADER_SCHEMA), [...logs.map((l) => ({ ...l, runs: [] })), { version: '2.0.0', runs: [] }]);
  });

  it('verdict: as ajv on the demo verdicts and broken ones', () => {
    const verdicts = ['requirements', 'design', 'implementation', 'testing', 'release'].map((p) => demoJson(`${p}.verdict.json`));
    agree(verdictModule.verdict, fresh('verdict'), [...verdicts, ...broken(verdicts[0]!), { ...verdicts[4], status: 'maybe' }]);
  });

  it('report: as ajv with { allowUnionTypes } on the demo report and broken ones', () => {
    const report = demoJson('report.json');
    agree(reportModule.report, fresh('report', { allowUnionTypes: true }), [report, ...broken(report)]);
  });

  it('records: as ajv on the demo history and broken records', () => {
    const dir = path.join(demo, 'history');
    const records = readdirSync(dir).filter((f) => f.endsWith('.ndjson')).flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as object));
    expect(records.length).toBeGreaterThan(10);
    agree(recordsModule.records, fresh('records'), [...records, ...broken(records[0]!), { ...records[0], time: '2026-11-20 09:00' }]);
  });

  it('decision: as ajv with { allowUnionTypes } on built records and broken ones', () => {
    const ctx: RecordContext = { project: 'payments', rollout: 'v2.4.0', policy: { name: 'payments', digest: 'a'.repeat(64) }, weight: 10, commit: 'abc123' };
    const records: DecisionRecord[] = [];
    for (const decision of ['hold', 'promote', 'rollback'] as const) {
      records.push(buildDecisionRecord(ctx, {
        decision, step: 0, nextStep: decision === 'promote' ? 1 : 0, check: 'waiting', score: 100, time: `2026-11-27T10:0${records.length}:00.000Z`,
        reasons: [{ code: 'min-duration', effect: 'hold', message: 'step 0 has run 2m of 10m' }],
        metrics: [{ metric: 'http-errors', critical: true, classification: 'pass', canary: 0.004, baseline: 0.004, effect: 0, interval: null, pValue: null, reason: 'ok', samples: { canary: 900, baseline: 950 }, data: { canary: 'c'.repeat(64), baseline: 'b'.repeat(64) } }],
        approvals: [],
      }, records.at(-1)));
    }
    agree(decisionModule.decision, fresh('decision', { allowUnionTypes: true }), [...records, ...broken(records[0]!), { ...records[0], score: 'high' }]);
  });
});
