/**
 * Validation of health reports against schemas/report.schema.json (ajv standalone code, strict
 * with all errors, that the build generates: src/generated/validate-report.ts), as the verdict
 * validator does for verdicts.
 */
import type { ErrorObject } from 'ajv';
import { PhasegateError } from '../errors.js';
import { report as validate } from '../generated/validate-report.js';
import type { Report } from './types.js';

const describe = (e: ErrorObject): string => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")` : ''}`;

/**
 * Asserts that `value` is a valid health report (schemas/report.schema.json). Throws a
 * PhasegateError with one diagnostic per problem, all reported together.
 */
export function assertValidReport(value: unknown, shown = 'report'): asserts value is Report {
  if (validate(value)) return;
  throw new PhasegateError((validate.errors ?? []).map((e) => ({ file: shown, message: `${describe(e)} (not a valid phasegate report)` })));
}
