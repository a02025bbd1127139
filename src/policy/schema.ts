/**
 * The policy JSON Schema (schemas/policy.schema.json), compiled once on first use with ajv in
 * strict mode, reporting all errors. `verbose` keeps each error's schema so messages can offer
 * the allowed keys as "did you mean" candidates.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { newAjv } from '../io/ajv.js';

/** Where the schema lives: `<package>/schemas/`, two folders up from both src/policy and dist/policy. */
export const POLICY_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/policy.schema.json', import.meta.url));


let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // allowUnionTypes: `extends` is a string or a list, and a type list says so most plainly.
    const ajv = newAjv({ verbose: true, allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(readFileSync(POLICY_SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

/** Schema errors of one parsed policy file (empty when it is valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
