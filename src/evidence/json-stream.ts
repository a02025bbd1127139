/**
 * A JSON file read in chunks and walked one member or element at a time, so that a large
 * log is never held whole: only the chunk being read and the value being parsed are in
 * memory. Structure between values is checked here; the values themselves by JSON.parse.
 * Any problem throws JsonStructureError (or JSON.parse's SyntaxError, or decode.ts's
 * EncodingError); callers then re-read the file whole to say exactly where it is wrong.
 */
import { readText } from './decode.js';
import { JsonStructureError } from './json-slicer.js';

const QUOTE = 34, OPEN_OBJ = 123, CLOSE_OBJ = 125, OPEN_ARR = 91, CLOSE_ARR = 93, COMMA = 44, COLON = 58;
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Sequential access to the JSON text of one file (strict UTF-8, byte-order mark dropped). */
export class JsonStream {
  private buf = '';
  private pos = 0;
  private eof = false;
  private consumed = 0;
  private readonly chunks: AsyncGenerator<string>;

  /** `chunkSize` (bytes) is for tests of values cut across chunks. */
  constructor(file: string, shown: string, chunkSize?: number) {
    this.chunks = readText(file, shown, false, chunkSize);
  }

  /** Offset of the cursor in the whole text (for messages). */
  get offset(): number {
    return this.consumed + this.pos;
  }

  /** Appends the next chunk, dropping the text before `keep`; false at the end of the file. */
  private async more(keep: number): Promise<boolean> {
    if (this.eof) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.eof = true;
      return false;
    }
    this.consumed += keep;
    this.buf = this.buf.slice(keep) + next.value;
    this.pos -= keep;
    return true;
  }

  private fail(): never {
    throw new JsonStructureError(this.offset);
  }

  /** The character code at the cursor after whitespace; NaN at the end of the text. */
  async peek(): Promise<number> {
    for (;;) {
      while (this.pos < this.buf.length && isSpace(this.buf.charCodeAt(this.pos))) this.pos++;
      if (this.pos < this.buf.length || !(await this.more(this.pos))) return this.buf.charCodeAt(this.pos);
    }
  }

  private async expect(code: number): Promise<void> {
    if ((await this.peek()) !== code) this.fail();
    this.pos++;
  }

  /**
   * The members (keys) of the object, or the indices of the array, at the cursor. The
   * caller must read or skip each value before asking for the next.
   */
  async *entries(): AsyncGenerator<string | number> {
    const open = await this.peek();
    if (open !== OPEN_OBJ && open !== OPEN_ARR) this.fail();
    const close = open === OPEN_OBJ ? CLOSE_OBJ : CLOSE_ARR;
    this.pos++;
    if ((await this.peek()) === close) {
      this.pos++;
      return;
    }
    for (let n = 0; ; n++) {
      if (open === OPEN_OBJ) {
        if ((await this.peek()) !== QUOTE) this.fail();
        const key = JSON.parse(await this.scan(true)) as string;
        await this.expect(COLON);
        yield key;
      } else yield n;
      const c = await this.peek();
      this.pos++;
      if (c === close) return;
      if (c !== COMMA) this.fail();
    }
  }

  /** The text of the value at the cursor (for JSON.parse), the cursor moved past it. */
  text(): Promise<string> {
    return this.scan(true);
  }

  /** Moves the cursor past the value there without keeping its text. */
  async skip(): Promise<void> {
    await this.scan(false);
  }

  /** Throws unless only whitespace is left. */
  async end(): Promise<void> {
    if (!Number.isNaN(await this.peek())) this.fail();
  }

  /** Scans the value at the cursor; returns its text when `keep`, else '' (and keeps no text). */
  private async scan(keep: boolean): Promise<string> {
    const first = await this.peek();
    let start = this.pos;
    let i = start;
    let depth = 0;
    let inString = false;
    const primitive = first !== QUOTE && first !== OPEN_OBJ && first !== OPEN_ARR;
    for (;;) {
      const s = this.buf;
      let done = false;
      let b = -2; // the next backslash at or after i (-1: none in this buffer; -2: not looked for)
      while (i < s.length) {
        const c = s.charCodeAt(i);
        if (inString) {
          // Jump from escape to escape, then to the closing quote: each indexOf scans ahead once.
          let q = s.indexOf('"', i);
          if (b === -2 || (b >= 0 && b < i)) b = s.indexOf('\\', i);
          while (b >= 0 && (q < 0 || b < q) && b + 1 < s.length) {
            i = b + 2;
            if (q >= 0 && q < i) q = s.indexOf('"', i);
            b = s.indexOf('\\', i);
          }
          if (b >= 0 && (q < 0 || b < q)) {
            i = b; // an escape cut by the chunk's end: resume there
            break;
          }
          if (q < 0) {
            i = s.length;
            break;
          }
          i = q + 1;
          inString = false;
          if (depth === 0) {
            done = true;
            break;
          }
        } else if (primitive) {
          if (c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c)) {
            done = true;
            break;
          }
          i++;
        } else if (c === QUOTE) {
          inString = true;
          i++;
        } else if (c === OPEN_OBJ || c === OPEN_ARR) {
          depth++;
          i++;
        } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
          i++;
          if (--depth === 0) {
            done = true;
            break;
          }
        } else i++;
      }
      if (done) break;
      const keepFrom = keep ? start : i;
      this.pos = keepFrom;
      if (!(await this.more(keepFrom))) {
        if (primitive && !inString) break;
        this.fail();
      }
      i -= keepFrom;
      start -= keepFrom;
      this.pos = start;
    }
    if (i === start) this.fail();
    const text = keep ? this.buf.slice(start, i) : '';
    this.pos = i;
    return text;
  }
}

/**
 * Sets `key` on `obj` as an own property, as JSON.parse does: a plain assignment of
 * `__proto__` would change the object's prototype instead of adding a member.
 */
export function setMember(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
