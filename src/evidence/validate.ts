/**
 * Schema validation of evidence bundles, facts files and SARIF, with ajv compiled once
 * (strict, all errors). The bundle schema is schemas/evidence.schema.json in the package;
 * the build compiles it and the SARIF subset ahead of time (scripts/build-validators.mjs) so
 * that checking a collected bundle or a SARIF log does not load ajv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { newAjv } from '../io/ajv.js';
import { precompiled } from '../io/precompiled.js';
import { PACKAGE_ROOT } from '../cli/package-info.js';
import { assertSchema, readJsonFile } from './json-file.js';
import { SARIF_HEADER_SCHEMA, SARIF_RESULT_SCHEMA, SARIF_RUN_SCHEMA, SARIF_SCHEMAS_TEXT } from './sarif/schema.js';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceBundle, type Facts } from './types.js';
import { fileError } from './files.js';
import { locatePointer } from './json-locate.js';

const EVIDENCE_SCHEMA_ID = 'https://phasegate.dev/schemas/evidence.schema.json';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

type Key = 'evidence' | 'facts' | 'sarifHeader' | 'sarifRun' | 'sarifResult';
const readSchemaText = (): string => readFileSync(path.join(PACKAGE_ROOT, 'schemas', 'evidence.schema.json'), 'utf8');

/** The build's standalone validator of `key`, when it was compiled from the schema this package runs. */
function ready(key: Key): ValidateFunction | undefined {
  const mod = key === 'evidence' || key === 'facts'
    ? precompiled<Record<Key, ValidateFunction>>(import.meta.url, './evidence-validators.cjs', readSchemaText())
    : precompiled<Record<Key, ValidateFunction>>(import.meta.url, './sarif-validators.cjs', SARIF_SCHEMAS_TEXT);
  return mod?.[key];
}

/** The validator for `key`, compiled on first use (compiling every schema up front costs a cold run ~50 ms). */
function validator(key: Key): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv ? undefined : ready(key);
    if (!v) {
      if (!ajv) {
        ajv = newAjv();
        ajv.addSchema(JSON.parse(readSchemaText()) as object);
      }
      if (key === 'evidence') v = ajv.getSchema(EVIDENCE_SCHEMA_ID)!;
      else if (key === 'facts') v = ajv.getSchema(`${EVIDENCE_SCHEMA_ID}#/definitions/facts`)!;
      else v = ajv.compile(key === 'sarifHeader' ? SARIF_HEADER_SCHEMA : key === 'sarifRun' ? SARIF_RUN_SCHEMA : SARIF_RESULT_SCHEMA);
    }
    compiled.set(key, v);
  }
  return v;
}

/** Asserts that `value` is a valid evidence bundle; `shown` names it in the error. */
export function assertValidEvidence(value: unknown, shown = 'evidence', text?: string): asserts value is EvidenceBundle {
  assertSchema(validator('evidence'), value, text, shown, 'evidence bundle');
}

/** Reads and validates an evidence bundle file (what `phasegate gate --evidence FILE` reads). */
export function readEvidenceFile(file: string): EvidenceBundle {
  const { text, value } = readJsonFile(file, file, 'a phasegate evidence bundle (JSON)');
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== EVIDENCE_SCHEMA_VERSION) {
    const { line, col } = locatePointer(text, '/schemaVersion');
    throw fileError(file, `evidence schemaVersion ${version} is not supported (this phasegate reads ${EVIDENCE_SCHEMA_VERSION}); collect it again with this version`, line, col);
  }
  assertValidEvidence(value, file, text);
  return value;
}

/** Reads and validates a platform facts file (`--facts FILE`). */
export function readFactsFile(file: string, shown: string): Facts {
  const { text, value } = readJsonFile(file, shown, 'a facts JSON object (author, labels, approvals, changeRequest)');
  assertSchema(validator('facts'), value, text, shown, 'facts file');
  return value as Facts;
}

/** Which part of a SARIF log `value` is; `pointer` is where it sits in the document. */
export type SarifPart = 'header' | 'run' | 'result';

/** Whether `value` is a valid part of a SARIF log (assertValidSarifPart says where it is not). */
export function isValidSarifPart(part: SarifPart, value: unknown): boolean {
  return validator(part === 'header' ? 'sarifHeader' : part === 'run' ? 'sarifRun' : 'sarifResult')(value);
}

/**
 * Validates one part of a SARIF log against the subset of SARIF 2.1.0 this reader uses;
 * `text` is the whole log, for locating an error.
 */
export function assertValidSarifPart(part: SarifPart, value: unknown, text: string, shown: string, pointer: string): void {
  const validate = validator(part === 'header' ? 'sarifHeader' : part === 'run' ? 'sarifRun' : 'sarifResult');
  assertSchema(validate, value, text, shown, 'SARIF 2.1.0 log', pointer);
}
