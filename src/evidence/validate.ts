/**
 * Schema validation of evidence bundles, facts files and SARIF, with ajv compiled once
 * (strict, all errors). The bundle schema is schemas/evidence.schema.json in the package.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { PACKAGE_ROOT } from '../cli/package-info.js';
import { assertSchema, readJsonFile } from './json-file.js';
import { SARIF_SCHEMA } from './sarif/schema.js';
import type { EvidenceBundle, Facts } from './types.js';

const EVIDENCE_SCHEMA_ID = 'https://phasegate.dev/schemas/evidence.schema.json';
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;

let compiled: { evidence: ValidateFunction; facts: ValidateFunction; sarif: ValidateFunction } | undefined;

function validators(): NonNullable<typeof compiled> {
  if (!compiled) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas', 'evidence.schema.json'), 'utf8')) as object;
    ajv.addSchema(schema);
    compiled = {
      evidence: ajv.getSchema(EVIDENCE_SCHEMA_ID)!,
      facts: ajv.getSchema(`${EVIDENCE_SCHEMA_ID}#/definitions/facts`)!,
      sarif: ajv.compile(SARIF_SCHEMA),
    };
  }
  return compiled;
}

/** Asserts that `value` is a valid evidence bundle; `shown` names it in the error. */
export function assertValidEvidence(value: unknown, shown = 'evidence', text?: string): asserts value is EvidenceBundle {
  assertSchema(validators().evidence, value, text, shown, 'evidence bundle');
}

/** Reads and validates an evidence bundle file (what `phasegate gate --evidence FILE` reads). */
export function readEvidenceFile(file: string): EvidenceBundle {
  const { text, value } = readJsonFile(file, file, 'a phasegate evidence bundle (JSON)');
  assertValidEvidence(value, file, text);
  return value;
}

/** Reads and validates a platform facts file (`--facts FILE`). */
export function readFactsFile(file: string, shown: string): Facts {
  const { text, value } = readJsonFile(file, shown, 'a facts JSON object (author, labels, approvals, changeRequest)');
  assertSchema(validators().facts, value, text, shown, 'facts file');
  return value as Facts;
}

/** Validates a parsed SARIF log against the subset of SARIF 2.1.0 this reader uses. */
export function assertValidSarif(value: unknown, text: string, shown: string): void {
  assertSchema(validators().sarif, value, text, shown, 'SARIF 2.1.0 log');
}
