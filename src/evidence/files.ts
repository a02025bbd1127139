/**
 * File access for the evidence readers: paths as users see them, located errors, and
 * chunked reads so that no report is ever read whole into memory.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { PhasegateError } from '../errors.js';

/** How much of one message, system-out or other text node a reader keeps. */
export const TEXT_CAP = 64 * 1024;
/** How much of a message an evidence item stores. */
export const ITEM_MESSAGE_CAP = 4 * 1024;
/** How much of a failure's details (stack trace, diff) an evidence item stores. */
export const ITEM_DETAILS_CAP = 8 * 1024;
/** Chunk size of streamed reads. */
export const CHUNK_SIZE = 256 * 1024;

/** `file` relative to `cwd` with forward slashes (absolute when outside `cwd`). */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  if (rel === '' ) return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/**
 * Line breaks and control characters (tab aside) quoted from a report: shown escaped, since a
 * raw CR or LF would split the one-line diagnostic and an ESC would drive the user's terminal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g;

/** A located user error; its message stays on one line whatever report text it quotes. */
export function fileError(file: string, message: string, line?: number, col?: number): PhasegateError {
  const oneLine = message.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new PhasegateError({ file, line, col, message: oneLine });
}

/** Maps an fs error on `file` to a one-line user error. */
export function ioError(file: string, err: unknown): PhasegateError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' ? 'file not found' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied; make the file readable' :
    code === 'EISDIR' ? 'is a folder, not a file; give a file or a glob that matches files' :
    `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
  return fileError(file, why);
}

/** The size of `file` in bytes; a user error if it cannot be read. */
export function fileSize(file: string, shown: string): number {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
    return st.size;
  } catch (err) {
    throw ioError(shown, err);
  }
}

/** The first bytes of `file` as Latin-1 text, byte-order mark and NULs removed: enough to tell a format. */
export function readHead(file: string, shown: string, bytes = 512): string {
  const head = Buffer.alloc(bytes);
  let n = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw ioError(shown, err);
  }
  return head.subarray(0, n).toString('latin1').replace(/^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/, '').replace(/\0/g, '');
}

/** Streams the raw bytes of `file` in chunks; fs errors become user errors naming `shown`. */
export async function* readChunks(file: string, shown: string, size = CHUNK_SIZE): AsyncGenerator<Buffer> {
  const stream = createReadStream(file, { highWaterMark: size });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    if (err instanceof PhasegateError) throw err;
    throw ioError(shown, err);
  } finally {
    stream.destroy();
  }
}

/**
 * A copy of `s` that does not share memory with the chunk it was cut from. V8 keeps a whole
 * parser chunk alive for as long as any slice of it lives; strings kept past the chunk
 * (test names, paths, messages) must be detached or memory grows with the file.
 */
export function detach(s: string): string;
export function detach(s: string | undefined): string | undefined;
export function detach(s: string | undefined): string | undefined {
  return s === undefined ? undefined : (' ' + s).slice(1);
}

/** Cuts `text` to `max` characters, marking the cut. */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [truncated]`;
}

/** The first non-empty line of `text`, trimmed and capped for storage in an item. */
export function firstLine(text: string | undefined): string | undefined {
  if (!text) return undefined;
  for (const raw of text.split(/\r?\n/, 50)) {
    const line = raw.trim();
    if (line) return detach(capText(line, ITEM_MESSAGE_CAP));
  }
  return undefined;
}

/** A whole failure message for an item: trimmed, capped at ITEM_MESSAGE_CAP (the cut marked). */
export function messageText(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? detach(capText(t, ITEM_MESSAGE_CAP)) : undefined;
}

/** A bounded excerpt of a failure's details (stack trace, diff): trimmed, capped at ITEM_DETAILS_CAP. */
export function detailsText(text: string | undefined): string | undefined {
  const t = text?.trim();
  return t ? detach(capText(t, ITEM_DETAILS_CAP)) : undefined;
}
