/**
 * The metrics engine's only door to the file system: whole small text files (plans, tracker
 * exports, cost sheets) read as strict UTF-8, with the path shown as users gave it.
 */
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { displayPath, fileError } from '../evidence/files.js';
import { readRegularFile } from '../io/regular-file.js';
import { positionAt } from '../evidence/json-locate.js';

/** An input file: its absolute path and the name messages show. */
export interface InputFile {
  abs: string;
  shown: string;
}

/** Names `file` (absolute or relative to `cwd`) for reading and for messages. */
export function inputFile(file: string, cwd = process.cwd()): InputFile {
  const abs = path.resolve(cwd, file);
  return { abs, shown: displayPath(abs, cwd) };
}

/** Plans, tracker exports and cost sheets larger than this are refused before reading. */
export const MAX_METRICS_FILE_BYTES = 64 * 1024 * 1024;

/** The file's bytes; a missing, unreadable, non-regular (FIFO, device, folder) or oversized file is a one-line user error. */
export function readBytes(f: InputFile): Uint8Array {
  return readRegularFile(f.abs, f.shown, MAX_METRICS_FILE_BYTES);
}

/** The file as text (UTF-8, a leading BOM dropped); other encodings are refused, located. */
export function readText(f: InputFile): string {
  const bytes = readBytes(f);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const lax = new TextDecoder('utf-8').decode(bytes.subarray(start));
    const { line, col } = positionAt(lax, Math.max(0, lax.indexOf('\uFFFD')));
    throw fileError(f.shown, 'not valid UTF-8; save the file as UTF-8', line, col);
  }
}
