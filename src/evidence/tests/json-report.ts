/**
 * JSON test reports written as one document (Jest/Vitest `--json`, Mocha `--reporter json`,
 * CTRF, RSpec `--format json`): a size cap, the shape told from the top-level keys, and the
 * test arrays parsed one element at a time (as SARIF is), so memory holds the text and one
 * element, never the whole object graph. Fields are read through `Fields`, which turns a
 * value of the wrong type into one located error instead of a crash.
 */
import type { PhasegateError } from '../../errors.js';
import { fileError, fileSize } from '../files.js';
import { jsonSyntaxError, readJsonText } from '../json-file.js';
import { locatePointer } from '../json-locate.js';
import { JsonSlicer, JsonStructureError, type Range } from '../json-slicer.js';

/**
 * Larger JSON test reports are refused: the text is held whole (a JSON document has no
 * record boundaries to stream on), and a CI runner's memory is the limit. XML, TAP and
 * line-based reports are streamed and have no cap.
 */
export const MAX_TEST_JSON_BYTES = 256 * 1024 * 1024;

/** The formats phasegate reads from `--junit`, for "unsupported format" messages. */
export const SUPPORTED =
  'JUnit XML, TRX, NUnit 2/3 XML, xUnit.net v1/v2 XML, TAP, go test -json, Dart/Flutter JSON, Jest/Vitest JSON, Mocha JSON, CTRF JSON, RSpec JSON';

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** `text` without ANSI colour codes, which test runners leave in messages. */
export function plain(text: string): string;
export function plain(text: string | undefined): string | undefined;
export function plain(text: string | undefined): string | undefined {
  return text?.replace(ANSI, '');
}

/** The error for a file phasegate recognises but does not read. */
export function unsupported(shown: string, what: string): PhasegateError {
  return fileError(shown, `unsupported format ${what}; supported: ${SUPPORTED}`);
}

/** An open JSON report: its text, top-level members and located errors. */
export class JsonReport {
  private readonly slicer: JsonSlicer;
  /** Top-level member ranges, by key. */
  readonly top = new Map<string, Range>();

  constructor(readonly text: string, readonly shown: string, public what: string) {
    this.slicer = new JsonSlicer(text);
    for (const m of this.slicer.members(this.slicer.ws(0))) if (!this.top.has(m.key)) this.top.set(m.key, m.value);
  }

  /** The parsed value of a top-level member, or undefined when absent. */
  member(key: string): unknown {
    const r = this.top.get(key);
    return r ? this.parse(r) : undefined;
  }

  /** The members of the object at `range`, each as a range (nothing parsed). */
  members(range: Range): Map<string, Range> {
    const out = new Map<string, Range>();
    for (const m of this.slicer.members(range.start)) if (!out.has(m.key)) out.set(m.key, m.value);
    return out;
  }

  /** Each element of the array at `range` (JSON pointer `pointer`), parsed one at a time. */
  *elements(range: Range | undefined, pointer: string): Generator<Fields> {
    if (!range) return;
    if (this.text[range.start] !== '[') throw this.fail(pointer, 'must be array');
    let i = 0;
    for (const r of this.slicer.elements(range.start)) yield this.fields(this.parse(r), `${pointer}/${i++}`);
  }

  /** `value` (at `pointer`) as an object whose fields are read with type checks. */
  fields(value: unknown, pointer: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.fail(pointer, 'must be object');
    return new Fields(this, value as Record<string, unknown>, pointer);
  }

  /** A located error for the value at `pointer`. */
  fail(pointer: string, problem: string): PhasegateError {
    const { line, col } = locatePointer(this.text, pointer);
    return fileError(this.shown, `${pointer || '/'}: ${problem} (not a valid ${this.what})`, line, col);
  }

  private parse(r: Range): unknown {
    return JSON.parse(this.text.slice(r.start, r.end));
  }
}

/** Typed access to one object of a report: a field of the wrong type is a located error. */
export class Fields {
  constructor(
    private readonly report: JsonReport,
    readonly value: Record<string, unknown>,
    readonly pointer: string,
  ) {}

  private get(key: string, type: string): unknown {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== type) throw this.report.fail(`${this.pointer}/${key}`, `must be ${type}`);
    return v;
  }

  str(key: string): string | undefined {
    return this.get(key, 'string') as string | undefined;
  }

  num(key: string): number | undefined {
    return this.get(key, 'number') as number | undefined;
  }

  bool(key: string): boolean | undefined {
    return this.get(key, 'boolean') as boolean | undefined;
  }

  obj(key: string): Fields | undefined {
    const v = this.value[key];
    return v === undefined || v === null ? undefined : this.report.fields(v, `${this.pointer}/${key}`);
  }

  /** An array of strings (a lone string is taken as a one-element list, as some writers do). */
  strings(key: string): string[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw this.report.fail(`${this.pointer}/${key}`, 'must be array of strings');
    return v as string[];
  }

  /** An array of objects. */
  list(key: string): Fields[] {
    const v = this.value[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.report.fail(`${this.pointer}/${key}`, 'must be array');
    return v.map((item, i) => this.report.fields(item, `${this.pointer}/${key}/${i}`));
  }
}

/** Reads `file` as a JSON report within the size cap; syntax errors are located. */
export function openJsonReport(file: string, shown: string, what: string): JsonReport {
  if (fileSize(file, shown) > MAX_TEST_JSON_BYTES) {
    throw fileError(shown, `JSON test report larger than ${MAX_TEST_JSON_BYTES / 1024 / 1024} MB; split the run into several reports or write JUnit XML, which is streamed`);
  }
  const text = readJsonText(file, shown, what);
  return withSyntaxErrors(text, shown, () => new JsonReport(text, shown, what));
}

/** Runs `read`, turning a structural or syntax error in `text` into a located user error. */
export function withSyntaxErrors<T>(text: string, shown: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof JsonStructureError || err instanceof SyntaxError) throw jsonSyntaxError(text, shown);
    throw err;
  }
}
