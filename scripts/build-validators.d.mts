/** Types of build-validators.mjs, for the test that checks the generated validators are current. */
import type { Options } from 'ajv';

/** One generated module: its file, what it is compiled from, ajv options beyond the base, its schemas and exports (name: $id). */
export interface ValidatorSpec {
  file: string;
  from: string;
  options: Options;
  schemas: object[];
  exports: Record<string, string>;
}

export const ROOT: string;
export const BASE_AJV_OPTIONS: Options;
export function sarifSchemas(root?: string): Promise<object[]>;
export function validatorSpecs(root?: string): Promise<ValidatorSpec[]>;
export function validatorSource(spec: ValidatorSpec): string;
export function validatorSources(root?: string): Promise<Array<{ file: string; text: string }>>;
