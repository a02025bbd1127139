/**
 * The build's standalone validators (scripts/build-validators.mjs) are what the CLI runs; they
 * must be compiled from the schemas in the tree and judge exactly as ajv compiling those
 * schemas does: the same verdict and the same errors (with the schema parts `verbose` keeps,
 * which policy messages use for "did you mean").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { newAjv } from '../../src/io/ajv.js';
import { schemaHash } from '../../src/io/precompiled.js';
import { SARIF_HEADER_SCHEMA, SARIF_RESULT_SCHEMA, SARIF_RUN_SCHEMA, SARIF_SCHEMAS_TEXT } from '../../src/evidence/sarif/schema.js';
import { POLICY_AJV_OPTIONS } from '../../src/policy/schema.js';
import { ROOT } from '../helpers/cli.js';

const load = (file: string) => createRequire(import.meta.url)(path.join(ROOT, 'dist', file)) as Record<string, ValidateFunction> & { schemaHash: string };
const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Runs both validators on every input and expects the same verdict and errors. */
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

describe('precompiled validators', () => {
  it('the policy validator is built from schemas/policy.schema.json and reports as ajv does', () => {
    const built = load('policy/policy-validator.cjs');
    expect(built.schemaHash).toBe(schemaHash(text('schemas/policy.schema.json')));
    const fresh = newAjv(POLICY_AJV_OPTIONS).compile(JSON.parse(text('schemas/policy.schema.json')) as object);
    const tiers = ['strategic', 'operational', 'innovation'].map((t) => parse(text(`policies/${t}.yaml`)) as Record<string, unknown>);
    const broken = tiers.flatMap((p) => [
      { ...p, phases: { ...(p.phases as object), testing: { rules: [{ id: 'x', metric: 'tests.failed', op: '≈', value: 'zero' }] } } },
      { ...p, schemaVersion: '1', unknownKey: true },
      { ...p, extends: 7 },
    ]);
    agree(built.policy!, fresh, [...tiers, parse(text('policies/examples/project.yaml')), ...broken]);
  });

  it('the SARIF validators are built from the schemas in src/evidence/sarif/schema.ts and report as ajv does', () => {
    const built = load('evidence/sarif-validators.cjs');
    expect(built.schemaHash).toBe(schemaHash(SARIF_SCHEMAS_TEXT));
    const logs = ['eslint-security.sarif', 'flawfinder.sarif'].map((f) => JSON.parse(text(`test/fixtures/evidence/sarif/${f}`)) as { runs: Array<{ results: unknown[] }> });
    const results = logs.flatMap((l) => l.runs.flatMap((r) => r.results));
    const bad = [{}, { message: 'x' }, { message: { text: 1 } }, { ...(results[0] as object), level: 'fatal' }, { ...(results[0] as object), locations: [{ physicalLocation: { region: { startLine: -1 } } }] }];
    agree(built.sarifResult!, newAjv().compile(SARIF_RESULT_SCHEMA), [...results, ...bad]);
    const runs = logs.flatMap((l) => l.runs.map((r) => ({ ...r, results: [] })));
    agree(built.sarifRun!, newAjv().compile(SARIF_RUN_SCHEMA), [...runs, {}, { tool: { driver: {} } }]);
    agree(built.sarifHeader!, newAjv().compile(SARIF_HEADER_SCHEMA), [...logs.map((l) => ({ ...l, runs: [] })), { version: '2.0.0', runs: [] }]);
  });

  it('the evidence validators are built from schemas/evidence.schema.json', () => {
    expect(load('evidence/evidence-validators.cjs').schemaHash).toBe(schemaHash(text('schemas/evidence.schema.json')));
  });
});
