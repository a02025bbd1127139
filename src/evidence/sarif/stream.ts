/**
 * SARIF logs streamed in two passes, so that memory holds a chunk and one result, never the
 * log's text (a 200,000-result log is ~80 MB of text): the first pass reads the header and
 * each run without its results and validates them, the second hands each result, validated,
 * to the caller with its run's context. Anything unusual (invalid JSON or schema, bad
 * encoding, a key given twice) makes `streamSarif` answer false: the caller then reads the
 * file whole, which says exactly what is wrong and where.
 */
import { EncodingError } from '../decode.js';
import { fileSize } from '../files.js';
import { MAX_JSON_BYTES } from '../json-file.js';
import { JsonStructureError } from '../json-slicer.js';
import { JsonStream, setMember } from '../json-stream.js';
import { isValidSarifPart } from '../validate.js';

const OPEN_OBJ = 123, OPEN_ARR = 91;

/**
 * Streams the SARIF log `file`: `onRun` turns each valid run (without its results) into a
 * context, `onResult` receives each valid result with its run's context. Returns false,
 * possibly after some results, when the log must be read whole instead (see the module comment).
 */
export async function streamSarif<C>(
  file: string,
  shown: string,
  onRun: (run: Record<string, unknown>) => C,
  onResult: (context: C, result: unknown) => void,
): Promise<boolean> {
  const size = fileSize(file, shown);
  if (size === 0 || size > MAX_JSON_BYTES) return false;
  try {
    const runs = await readRuns(new JsonStream(file, shown));
    return runs !== undefined && (await readResults(new JsonStream(file, shown), runs.map(onRun), onResult));
  } catch (err) {
    if (err instanceof JsonStructureError || err instanceof SyntaxError || err instanceof EncodingError) return false;
    throw err;
  }
}

/** Pass 1: the runs without their results, when the header and every run are valid. */
async function readRuns(s: JsonStream): Promise<Record<string, unknown>[] | undefined> {
  if ((await s.peek()) !== OPEN_OBJ) return undefined;
  const header: Record<string, unknown> = {};
  const runs: Record<string, unknown>[] = [];
  for await (const key of s.entries()) {
    if (Object.hasOwn(header, key)) return undefined;
    if (key !== 'runs' || (await s.peek()) !== OPEN_ARR) {
      setMember(header, String(key), JSON.parse(await s.text()));
      continue;
    }
    header.runs = [];
    for await (const _ of s.entries()) {
      if ((await s.peek()) !== OPEN_OBJ) return undefined;
      const run: Record<string, unknown> = {};
      for await (const k of s.entries()) {
        if (Object.hasOwn(run, k)) return undefined;
        if (k === 'results' && (await s.peek()) === OPEN_ARR) {
          run.results = [];
          await s.skip();
        } else setMember(run, String(k), JSON.parse(await s.text()));
      }
      runs.push(run);
    }
  }
  await s.end();
  return isValidSarifPart('header', header) && runs.every((r) => isValidSarifPart('run', r)) ? runs : undefined;
}

/** Pass 2: each run's results; false at the first invalid one. */
async function readResults<C>(s: JsonStream, contexts: C[], onResult: (context: C, result: unknown) => void): Promise<boolean> {
  for await (const key of s.entries()) {
    if (key !== 'runs') {
      await s.skip();
      continue;
    }
    let i = 0;
    for await (const _ of s.entries()) {
      const context = contexts[i++]!;
      for await (const k of s.entries()) {
        if (k !== 'results' || (await s.peek()) !== OPEN_ARR) {
          await s.skip();
          continue;
        }
        const valid = await s.eachElement((text) => {
          const result: unknown = JSON.parse(text);
          if (!isValidSarifPart('result', result)) return false;
          onResult(context, result);
          return true;
        });
        if (!valid) return false;
      }
    }
  }
  return true;
}
