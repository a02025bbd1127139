/**
 * The policy JSON Schema (schemas/policy.schema.json), compiled by the build into ajv
 * standalone code (src/generated/validate-policy.ts, scripts/build-validators.mjs) with all
 * errors and `verbose`, which keeps each error's schema so messages can offer the allowed keys
 * as "did you mean" candidates.
 */
import type { ErrorObject } from 'ajv';
import { policy as validate } from '../generated/validate-policy.js';

/** Schema errors of one parsed policy file (empty when it is valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
