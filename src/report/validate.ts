/**
 * Validation of health reports against schemas/report.schema.json (ajv compiled once,
 * lazily, strict with all errors), as the verdict validator does for verdicts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../cli/package-info.js';
import { PhasegateError } from '../errors.js';
import { newAjv } from '../io/ajv.js';
import type { Report } from './types.js';

/** Where the report schema lives: `<package>/schemas/report.schema.json`. */
export const REPORT_SCHEMA_FILE = path.join(PACKAGE_ROOT, 'schemas', 'report.schema.json');

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // allowUnionTypes: "number or null" is how the schema says "not measured".
    const ajv = newAjv({ allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

const describe = (e: ErrorObject): string => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")` : ''}`;

/**
 * Asserts that `value` is a valid health report (schemas/report.schema.json). Throws a
 * PhasegateError with one diagnostic per problem, all reported together.
 */
export function assertValidReport(value: unknown, shown = 'report'): asserts value is Report {
  const validate = validator();
  if (validate(value)) return;
  throw new PhasegateError((validate.errors ?? []).map((e) => ({ file: shown, message: `${describe(e)} (not a valid phasegate report)` })));
}
