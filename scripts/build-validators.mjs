// Build step (after tsc): compiles the schemas checked on every run into standalone validator
// code, so that a run validates without loading and compiling ajv (src/io/precompiled.ts):
//   dist/evidence/evidence-validators.cjs  the evidence bundle and facts (schemas/evidence.schema.json)
//   dist/evidence/sarif-validators.cjs     the SARIF subset the reader uses (src/evidence/sarif/schema.ts)
//   dist/policy/policy-validator.cjs       the policy schema (schemas/policy.schema.json)
// Each file records the hash of the schema text it was compiled from; the code that loads it
// uses it only when that hash matches the schema it would compile, else it compiles with ajv.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newAjv } from '../dist/io/ajv.js';
import { schemaHash } from '../dist/io/precompiled.js';
import { SARIF_SCHEMAS_TEXT, SARIF_HEADER_SCHEMA, SARIF_RESULT_SCHEMA, SARIF_RUN_SCHEMA } from '../dist/evidence/sarif/schema.js';
import { POLICY_AJV_OPTIONS } from '../dist/policy/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const standalone = createRequire(import.meta.url)('ajv/dist/standalone').default;

/** Compiles `schemas` (each with an $id) with `options` and writes them, exported as `refs` names them. */
function build(file, text, schemas, refs, options = {}) {
  const ajv = newAjv({ ...options, code: { source: true } });
  for (const s of schemas) ajv.addSchema(s);
  const code = standalone(ajv, refs);
  writeFileSync(path.join(root, 'dist', file), `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(text))};\n`);
}

const evidenceText = readFileSync(path.join(root, 'schemas/evidence.schema.json'), 'utf8');
const evidence = JSON.parse(evidenceText);
build('evidence/evidence-validators.cjs', evidenceText, [evidence], { evidence: evidence.$id, facts: `${evidence.$id}#/definitions/facts` });

build('evidence/sarif-validators.cjs', SARIF_SCHEMAS_TEXT, [SARIF_HEADER_SCHEMA, SARIF_RUN_SCHEMA, SARIF_RESULT_SCHEMA],
  { sarifHeader: SARIF_HEADER_SCHEMA.$id, sarifRun: SARIF_RUN_SCHEMA.$id, sarifResult: SARIF_RESULT_SCHEMA.$id });

const policyText = readFileSync(path.join(root, 'schemas/policy.schema.json'), 'utf8');
const policy = JSON.parse(policyText);
build('policy/policy-validator.cjs', policyText, [policy], { policy: policy.$id }, POLICY_AJV_OPTIONS);
