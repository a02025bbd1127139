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
  /** The next backslash in `buf` at or after the last scan (-1: none; -2: not looked for). */
  private escape = -2;
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
    this.escape = -2;
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

  /**
   * Calls `each` with the text of every element of the array at the cursor, in order, and
   * moves the cursor past the array; stops early, answering false, when `each` answers false.
   * Elements that lie whole in the buffer are scanned without awaiting anything, so a log of
   * many small results costs no promise per result.
   */
  async eachElement(each: (text: string) => boolean): Promise<boolean> {
    if ((await this.peek()) !== OPEN_ARR) this.fail();
    this.pos++;
    if ((await this.peek()) === CLOSE_ARR) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (!each(this.scanSync() ?? (await this.scan(true)))) return false;
      let c = this.skipSpaces();
      if (Number.isNaN(c)) c = await this.peek();
      if (c !== CLOSE_ARR && c !== COMMA) this.fail();
      this.pos++;
      if (c === CLOSE_ARR) return true;
      if (Number.isNaN(this.skipSpaces())) await this.peek();
    }
  }

  /** The character code at the cursor after whitespace in the buffer; NaN where it runs out. */
  private skipSpaces(): number {
    while (this.pos < this.buf.length && isSpace(this.buf.charCodeAt(this.pos))) this.pos++;
    return this.buf.charCodeAt(this.pos);
  }

  /** The value at the cursor when it lies whole in the buffer (cursor moved past it), else undefined. */
  private scanSync(): string | undefined {
    const start = this.pos;
    const first = this.buf.charCodeAt(start);
    if (Number.isNaN(first)) return undefined;
    const c: Cursor = { i: start, depth: 0, inString: false, escape: this.escape };
    // Not done: the cache stays as it was, since scan() starts over from this value's start.
    if (!advance(this.buf, c, isPrimitive(first))) return undefined;
    this.escape = c.escape;
    if (c.i === start) this.fail();
    this.pos = c.i;
    return this.buf.slice(start, c.i);
  }

  /** Scans the value at the cursor; returns its text when `keep`, else '' (and keeps no text). */
  private async scan(keep: boolean): Promise<string> {
    const primitive = isPrimitive(await this.peek());
    let start = this.pos;
    const c: Cursor = { i: start, depth: 0, inString: false, escape: -2 };
    while (!advance(this.buf, c, primitive)) {
      const keepFrom = keep ? start : c.i;
      this.pos = keepFrom;
      if (!(await this.more(keepFrom))) {
        if (primitive && !c.inString) break;
        this.fail();
      }
      c.i -= keepFrom;
      c.escape = -2;
      start -= keepFrom;
      this.pos = start;
    }
    this.escape = c.escape;
    if (c.i === start) this.fail();
    const text = keep ? this.buf.slice(start, c.i) : '';
    this.pos = c.i;
    return text;
  }
}

/**
 * Where a scan of one value stands: the next index, the bracket depth, inside a string or not,
 * and the next backslash in the text (-1: none; -2: not looked for), kept between values so
 * that a buffer without one is searched for it once, not once per value.
 */
interface Cursor {
  i: number;
  depth: number;
  inString: boolean;
  escape: number;
}

const isPrimitive = (first: number): boolean => first !== QUOTE && first !== OPEN_OBJ && first !== OPEN_ARR;

/**
 * Moves `c` through `s` towards the end of the value it is in; true when the value ended (c.i
 * just past it), false when `s` ran out first (c.i where to resume once more text is appended).
 */
function advance(s: string, c: Cursor, primitive: boolean): boolean {
  let { i, depth, inString, escape: b } = c;
  let done = false;
  while (i < s.length) {
    const ch = s.charCodeAt(i);
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
        i = b; // an escape cut by the buffer's end: resume there
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
      if (ch === COMMA || ch === CLOSE_OBJ || ch === CLOSE_ARR || isSpace(ch)) {
        done = true;
        break;
      }
      i++;
    } else if (ch === QUOTE) {
      inString = true;
      i++;
    } else if (ch === OPEN_OBJ || ch === OPEN_ARR) {
      depth++;
      i++;
    } else if (ch === CLOSE_OBJ || ch === CLOSE_ARR) {
      i++;
      if (--depth === 0) {
        done = true;
        break;
      }
    } else i++;
  }
  c.i = i;
  c.depth = depth;
  c.inString = inString;
  c.escape = b;
  return done;
}

/**
 * Sets `key` on `obj` as an own property, as JSON.parse does: a plain assignment of
 * `__proto__` would change the object's prototype instead of adding a member.
 */
export function setMember(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
