/**
 * Action inputs read once into typed settings. Values are strict: a boolean is `true` or
 * `false` (GitHub's own YAML 1.2 core schema; `yes` is an error, not false), a choice is one
 * of its values, a number a whole number in range. Every problem is one line naming the input
 * and the fix, exit code 2 by the edge.
 */
import { PhasegateError } from '../errors.js';

/** The inputs every action that reads reports shares, by name (an evidence bundle, or report globs). */
export const REPORT_INPUTS = {
  evidence: 'evidence',
  junit: 'junit',
  coverage: 'coverage',
  sarif: 'sarif',
  docs: 'docs',
  perf: 'perf',
  workingDirectory: 'working-directory',
} as const;

/** How collectEvidence names the report inputs in its messages: `input "junit": …`, never the CLI's flags. */
export const REPORT_INPUT_NAMES = {
  junit: `input "${REPORT_INPUTS.junit}":`,
  coverage: `input "${REPORT_INPUTS.coverage}":`,
  sarif: `input "${REPORT_INPUTS.sarif}":`,
  docs: `input "${REPORT_INPUTS.docs}":`,
  perf: `input "${REPORT_INPUTS.perf}":`,
  allowEmpty: '',
};

/** Reads a raw input ('' when not set); the edge supplies @actions/core's getInput. */
export type InputSource = (name: string) => string;

const bad = (name: string, problem: string): PhasegateError => new PhasegateError({ message: `input "${name}": ${problem}` });

export function text(read: InputSource, name: string, fallback = ''): string {
  const v = read(name).trim();
  return v === '' ? fallback : v;
}

export function required(read: InputSource, name: string): string {
  const v = read(name).trim();
  if (v === '') throw bad(name, 'is required; set it in the step\'s `with:`');
  return v;
}

export function bool(read: InputSource, name: string, fallback: boolean): boolean {
  const v = read(name).trim();
  if (v === '') return fallback;
  if (v === 'true' || v === 'True' || v === 'TRUE') return true;
  if (v === 'false' || v === 'False' || v === 'FALSE') return false;
  throw bad(name, `${JSON.stringify(v.slice(0, 40))} is not a boolean; use true or false`);
}

export function choice<T extends string>(read: InputSource, name: string, values: readonly T[], fallback?: T): T {
  const v = read(name).trim();
  if (v === '' && fallback !== undefined) return fallback;
  if ((values as readonly string[]).includes(v)) return v as T;
  throw bad(name, `${v === '' ? 'is required' : `${JSON.stringify(v.slice(0, 40))} is not allowed`}; use one of ${values.join(', ')}`);
}

export function wholeNumber(read: InputSource, name: string, fallback: number, min: number, max: number): number {
  const v = read(name).trim();
  if (v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw bad(name, `${JSON.stringify(v.slice(0, 40))} is not a whole number from ${min} to ${max}`);
  return Number(v);
}

/** A multiline input: one value per line, blank lines and `#` comments dropped. */
export function lines(read: InputSource, name: string): string[] {
  return read(name).split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}
