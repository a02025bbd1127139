/**
 * Schema validation of evidence bundles, facts files and SARIF. The validators are ajv
 * standalone code the build generates from schemas/evidence.schema.json and the SARIF subset
 * in src/evidence/sarif/schema.ts (scripts/build-validators.mjs), so checking a collected
 * bundle or a SARIF log neither loads ajv nor reads a schema.
 */
import { evidence as evidenceValidator, facts as factsValidator } from '../generated/validate-evidence.js';
import { sarifHeader, sarifResult, sarifRun } from '../generated/validate-sarif.js';
import { assertSchema, readJsonFile } from './json-file.js';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceBundle, type Facts } from './types.js';
import { fileError } from './files.js';
import { locatePointer } from './json-locate.js';

/** Asserts that `value` is a valid evidence bundle; `shown` names it in the error. */
export function assertValidEvidence(value: unknown, shown = 'evidence', text?: string): asserts value is EvidenceBundle {
  assertSchema(evidenceValidator, value, text, shown, 'evidence bundle');
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
  assertSchema(factsValidator, value, text, shown, 'facts file');
  return value as Facts;
}

/** Which part of a SARIF log `value` is; `pointer` is where it sits in the document. */
export type SarifPart = 'header' | 'run' | 'result';

const sarifValidator = (part: SarifPart) => (part === 'header' ? sarifHeader : part === 'run' ? sarifRun : sarifResult);

/** Whether `value` is a valid part of a SARIF log (assertValidSarifPart says where it is not). */
export function isValidSarifPart(part: SarifPart, value: unknown): boolean {
  return sarifValidator(part)(value);
}

/**
 * Validates one part of a SARIF log against the subset of SARIF 2.1.0 this reader uses;
 * `text` is the whole log, for locating an error.
 */
export function assertValidSarifPart(part: SarifPart, value: unknown, text: string, shown: string, pointer: string): void {
  const validate = sarifValidator(part);
  assertSchema(validate, value, text, shown, 'SARIF 2.1.0 log', pointer);
}
