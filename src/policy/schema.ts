/**
 * The policy JSON Schema (schemas/policy.schema.json), compiled by the build ahead of time
 * (scripts/build-validators.mjs), or else once on first use with ajv in strict mode,
 * reporting all errors. `verbose` keeps each error's schema so messages can offer the allowed
 * keys as "did you mean" candidates.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { newAjv } from '../io/ajv.js';
import { precompiled } from '../io/precompiled.js';

/** How the schema is compiled, at build time and at run time alike. allowUnionTypes: `extends` is a string or a list, and a type list says so most plainly. */
export const POLICY_AJV_OPTIONS: Options = { verbose: true, allowUnionTypes: true };

/** Where the schema lives: `<package>/schemas/`, two folders up from both src/policy and dist/policy. */
export const POLICY_SCHEMA_FILE = fileURLToPath(new URL('../../schemas/policy.schema.json', import.meta.url));


let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const text = readFileSync(POLICY_SCHEMA_FILE, 'utf8');
    compiled = precompiled<{ policy: ValidateFunction }>(import.meta.url, './policy-validator.cjs', text)?.policy
      ?? newAjv(POLICY_AJV_OPTIONS).compile(JSON.parse(text) as object);
  }
  return compiled;
}

/** Schema errors of one parsed policy file (empty when it is valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
